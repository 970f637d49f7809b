"""Deleting an organisation, refused while a record that must outlive it names it.

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
    schedule_refresh("organisations")
