"""Editing an organisation's details, and deleting an organisation, refused while a record that
must outlive it names it.

An edit changes what the figures count (an organisation's country places its deals, agreements
and meetings in the country breakdowns), so :func:`update_organisation` schedules the figures'
refresh like every other domain write, and the admin goes through it too.

An agreement lists its parties in a many-to-many table; deleting a party used to drop it from
the agreement without a word, falsifying the registry the network reports from. Apps above core
say what protects an organisation through the ``core.signals.organisation_delete_guards`` signal
(core does not import them): each receiver takes the organisation and returns short, translated
descriptions of what names it ("agreement “…”", "joint lab “…”"). Database-level protection (``on_delete=PROTECT``, e.g. event participants)
is reported the same way.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from lintas.core.domain import audit
from lintas.core.domain.refresh import schedule_refresh
from lintas.core.enums import AuditAction
from lintas.core.models import Organisation
from lintas.core.signals import organisation_delete_guards

DETAILS = ("name", "name_local", "type", "size", "country", "province", "website", "description")
MEMBERSHIP = ("member_type", "member_since")


@transaction.atomic
def update_organisation(*, user, organisation, changes: dict) -> list[str]:
    """Apply ``changes`` (field name → new value) after checking who may change what and that
    every value is valid; audit the fields that changed and schedule the figures' refresh.
    Returns the names of the changed fields. Nothing is saved when anything is refused."""
    if not user.has_perm("core.change_organisation", organisation):
        raise PermissionDenied(
            _("Only the organisation's admins and brokers can edit its details.")
        )
    unknown = set(changes) - set(DETAILS) - set(MEMBERSHIP)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed: %(f)s") % {"f": ", ".join(sorted(unknown))}
        )
    if set(changes) & set(MEMBERSHIP) and not user.has_perm(
        "core.change_organisation_membership", organisation
    ):
        raise PermissionDenied(_("Only brokers record an organisation's network membership."))
    before = {name: getattr(organisation, name) for name in changes}
    for name, value in changes.items():
        setattr(organisation, name, value)
    organisation.full_clean(exclude=["slug"])
    changed = [
        name
        for name in changes
        if str(before[name] or "") != str(getattr(organisation, name) or "")
    ]
    if not changed:
        return []
    organisation.save(update_fields=changed)
    audit.record(
        actor=user,
        target=organisation,
        action=AuditAction.UPDATE,
        summary="organisation details changed: " + ", ".join(changed),
        changes={
            name: [str(before[name] or ""), str(getattr(organisation, name) or "")]
            for name in changed
        },
    )
    schedule_refresh("organisations", ids=[organisation.pk])
    return changed


def figures() -> dict:
    """Headline figures: organisations, network members among them, and their countries."""
    return {
        "organisations": Organisation.objects.count(),
        "members": Organisation.objects.exclude(member_type="").count(),
        "countries": Organisation.objects.values("country").distinct().count(),
    }


def protectors(organisation) -> list[str]:
    """What keeps ``organisation`` from being deleted (empty: nothing)."""
    found: list[str] = []
    for _receiver, items in organisation_delete_guards.send(
        sender=Organisation, organisation=organisation
    ):
        found.extend(str(item) for item in items or ())
    return found


def refusal(organisation, found: list[str]) -> str:
    shown = "; ".join(found[:5]) + ("; …" if len(found) > 5 else "")
    return _(
        "%(org)s cannot be deleted while these records name it: %(what)s. Agreements, deals, "
        "profiles and event records keep their organisations; remove it from them first, or "
        "keep the organisation."
    ) % {"org": organisation.name, "what": shown}


@transaction.atomic
def delete_organisation(*, user, organisation) -> None:
    """Delete an organisation nothing protects; otherwise change nothing and say why."""
    if not user.has_perm("core.remove_organisation"):
        raise PermissionDenied(_("Only administrators can delete organisations."))
    found = protectors(organisation)
    if found:
        raise ValidationError(refusal(organisation, found))
    name, pk = organisation.name, organisation.pk
    try:
        with transaction.atomic():
            organisation.delete()
    except ProtectedError as error:
        raise ValidationError(
            refusal(organisation, [str(obj) for obj in error.protected_objects])
        ) from error
    organisation.pk = pk
    audit.record(actor=user, target=organisation, action=AuditAction.DELETE, summary=name)
    schedule_refresh("organisations", ids=[pk])
