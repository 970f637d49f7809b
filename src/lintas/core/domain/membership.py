"""Organisation membership: verified, not claimed.

Naming an organisation at sign-up creates a *request*; only an approval sets
``User.organisation``, which every object check in the project compares with the object's
organisation. So a person still waiting has the rights of a visitor, and removing a member
takes the rights away on their next request. Each decision is audited and e-mailed to the
person concerned, in their own language.

Who decides: the organisation's admin (``User.is_organisation_admin``), a broker, or an
administrator; a proposed organisation only by a broker, whose validation creates it and makes
the proposer its first admin. Permissions are the ``core.*`` rules in :mod:`lintas.core.rules`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_countries import countries

from lintas.core import mail
from lintas.core.domain import audit
from lintas.core.enums import AuditAction, MembershipStatus, OrganisationType, Role
from lintas.core.models import MembershipRequest, Organisation, User

REASON_MAX = 500


# ------------------------------------------------------------------ queries


def pending():
    """Pending requests of people who confirmed their address (others cannot be decided yet)."""
    return (
        MembershipRequest.objects.filter(
            status=MembershipStatus.PENDING, user__is_active=True, user__email_verified=True
        )
        .select_related("user", "organisation")
        .order_by("created_at", "id")
    )


def members_of(organisation):
    """The verified members of an organisation, admins first."""
    return organisation.users.filter(is_active=True).order_by("-is_organisation_admin", "username")


def current_request(user):
    """The person's latest request (pending or decided), for their account page."""
    return (
        MembershipRequest.objects.filter(user=user)
        .select_related("organisation", "decided_by")
        .order_by("-created_at", "-id")
        .first()
    )


def admins_of(organisation):
    return User.objects.filter(
        organisation=organisation, is_organisation_admin=True, is_active=True
    ).order_by("id")


# ------------------------------------------------------------------ e-mail


def _mail(user, subject, body_lines, url_name, **url_kwargs):
    """One e-mail to one person, composed in their language."""
    if not user.email:
        return
    with translation.override(user.language or settings.LANGUAGE_CODE):
        link = mail.site_link(reverse(url_name, kwargs=url_kwargs or None))
        mail.send(
            subject=subject(),
            body="\n\n".join([*(str(line) for line in body_lines()), link]),
            to=[user.email],
        )


def notify_deciders(membership_request: MembershipRequest) -> int:
    """Tell the people who can decide that a request waits: the organisation's admins, or the
    brokers when it has none or the request proposes a new organisation. Called once the
    requester has confirmed their address, so unconfirmed sign-ups bother nobody."""
    people = (
        [] if membership_request.is_proposal else list(admins_of(membership_request.organisation))
    )
    url_name = "core:members"
    if not people:
        people = list(
            User.objects.filter(role__in=(Role.BROKER, Role.ADMIN), is_active=True).order_by("id")
        )
        url_name = "core:membership_queue"
    requester = membership_request.user.get_full_name() or membership_request.user.username
    for person in people:
        _mail(
            person,
            lambda: (
                _("Lintas: %(name)s asks to join %(organisation)s")
                % {"name": requester, "organisation": membership_request.organisation_name}
            ),
            lambda: [
                _("%(name)s (%(email)s) asks to act for %(organisation)s on Lintas.")
                % {
                    "name": requester,
                    "email": membership_request.user.email,
                    "organisation": membership_request.organisation_name,
                },
                _("Approve or refuse the request here:"),
            ],
            url_name,
        )
    return len(people)


# ------------------------------------------------------------------ requests


def _require(actor, perm, obj=None, message=None):
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message or _("You may not do this."))


def _check_can_request(user):
    if user.organisation_id is not None:
        raise ValidationError(_("You are already a member of an organisation."))
    if MembershipRequest.objects.filter(user=user, status=MembershipStatus.PENDING).exists():
        raise ValidationError(_("You already have a pending membership request."))


def clean_proposal(*, name: str, country: str, type: str, website: str = "") -> dict:
    """Check a proposed organisation; return the cleaned values or raise ValidationError.

    A name that an organisation already has (in English or in its own language) is refused:
    the person should ask to join that one instead of creating a twin.
    """
    name = " ".join((name or "").split())
    errors = {}
    if not name:
        errors["name"] = _("Give the organisation's name.")
    elif len(name) > 200:
        errors["name"] = _("The name is limited to 200 characters.")
    elif Organisation.objects.filter(Q(name__iexact=name) | Q(name_local__iexact=name)).exists():
        errors["name"] = _(
            "An organisation with this name exists already: choose it from the list instead."
        )
    country = (country or "").upper()
    if country not in dict(countries):
        errors["country"] = _("Choose a country.")
    if type not in OrganisationType.values:
        errors["type"] = _("Choose a type of organisation.")
    website = (website or "").strip()
    if website:
        try:
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            errors["website"] = _("Enter a web address that starts with http:// or https://.")
    if errors:
        raise ValidationError(errors)
    return {"name": name, "country": country, "type": type, "website": website}


@transaction.atomic
def request_membership(*, user, organisation) -> MembershipRequest:
    """Ask to act for an existing organisation. Nothing changes for the person's rights until
    someone entitled approves."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in first."))
    _check_can_request(user)
    membership_request = MembershipRequest.objects.create(user=user, organisation=organisation)
    audit.record(
        actor=user,
        target=membership_request,
        action=AuditAction.CREATE,
        summary=f"{user.username} asks to join {organisation.name}",
    )
    if user.is_active and user.email_verified:
        notify_deciders(membership_request)
    return membership_request


@transaction.atomic
def propose_organisation(
    *, user, name: str, country: str, type: str, website: str = ""
) -> MembershipRequest:
    """Propose an organisation that is not on Lintas yet. It is created only when a broker
    validates it, so nobody can invent an organisation and act for it unchecked."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in first."))
    values = clean_proposal(name=name, country=country, type=type, website=website)
    _check_can_request(user)
    membership_request = MembershipRequest.objects.create(
        user=user,
        proposed_name=values["name"],
        proposed_country=values["country"],
        proposed_type=values["type"],
        proposed_website=values["website"],
    )
    audit.record(
        actor=user,
        target=membership_request,
        action=AuditAction.CREATE,
        summary=f"{user.username} proposes the organisation {values['name']}",
        changes={"proposed": values},
    )
    if user.is_active and user.email_verified:
        notify_deciders(membership_request)
    return membership_request


def _locked(membership_request: MembershipRequest) -> MembershipRequest:
    """Re-read the request under a row lock: two deciders clicking at once decide once."""
    return (
        # of=("self",): PostgreSQL cannot lock the nullable side of the organisation join.
        MembershipRequest.objects.select_for_update(of=("self",))
        .select_related("user", "organisation")
        .get(pk=membership_request.pk)
    )


def _check_decidable(membership_request: MembershipRequest):
    if membership_request.status != MembershipStatus.PENDING:
        raise ValidationError(_("This request has been decided already."))
    person = membership_request.user
    if not (person.is_active and person.email_verified):
        raise ValidationError(_("This person has not confirmed their e-mail address yet."))
    if person.organisation_id is not None:
        raise ValidationError(_("This person is already a member of an organisation."))


def _close(membership_request, *, actor, status, reason=""):
    before = membership_request.status
    membership_request.status = status
    membership_request.decided_by = actor if actor.is_authenticated else None
    membership_request.decided_at = timezone.now()
    membership_request.reason = reason
    membership_request.save(
        update_fields=["status", "decided_by", "decided_at", "reason", "organisation"]
    )
    audit.record(
        actor=actor,
        target=membership_request,
        action=AuditAction.STATUS,
        summary=(
            f"membership of {membership_request.user.username} in "
            f"{membership_request.organisation_name}: {status}"
        ),
        changes={"status": [before, status], **({"reason": reason} if reason else {})},
    )


@transaction.atomic
def approve(*, actor, membership_request: MembershipRequest) -> MembershipRequest:
    """Make the person a verified member: from now on they act for the organisation."""
    membership_request = _locked(membership_request)
    _require(
        actor,
        "core.decide_membership",
        membership_request,
        _("Only the organisation's admins and brokers decide on its members."),
    )
    if membership_request.is_proposal:
        raise ValidationError(_("A proposed organisation is validated, not approved."))
    _check_decidable(membership_request)
    person = membership_request.user
    person.organisation = membership_request.organisation
    person.is_organisation_admin = False
    person.save(update_fields=["organisation", "is_organisation_admin"])
    _close(membership_request, actor=actor, status=MembershipStatus.APPROVED)
    org_name = membership_request.organisation.name
    _mail(
        person,
        lambda: _("Lintas: you are now a member of %(organisation)s") % {"organisation": org_name},
        lambda: [
            _("Your request to act for %(organisation)s on Lintas was approved.")
            % {"organisation": org_name},
            _("You can now work on its profiles and deals:"),
        ],
        "pages:dashboard",
    )
    return membership_request


@transaction.atomic
def refuse(*, actor, membership_request: MembershipRequest, reason: str = "") -> MembershipRequest:
    """Refuse a request or a proposed organisation; the reason goes to the person."""
    membership_request = _locked(membership_request)
    _require(
        actor,
        "core.decide_membership",
        membership_request,
        _("Only the organisation's admins and brokers decide on its members."),
    )
    if membership_request.status != MembershipStatus.PENDING:
        raise ValidationError(_("This request has been decided already."))
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise ValidationError(
            _("The reason is limited to %(max)d characters.") % {"max": REASON_MAX}
        )
    _close(membership_request, actor=actor, status=MembershipStatus.REFUSED, reason=reason)
    org_name = membership_request.organisation_name
    _mail(
        membership_request.user,
        lambda: (
            _("Lintas: your request for %(organisation)s was refused") % {"organisation": org_name}
        ),
        lambda: [
            _("Your request to act for %(organisation)s on Lintas was refused.")
            % {"organisation": org_name},
            *([_("Reason: %(reason)s") % {"reason": reason}] if reason else []),
            _("You can make a new request from your account:"),
        ],
        "core:account",
    )
    return membership_request


@transaction.atomic
def cancel(*, user, membership_request: MembershipRequest) -> MembershipRequest:
    """The person withdraws their own pending request."""
    membership_request = _locked(membership_request)
    _require(user, "core.cancel_membership_request", membership_request)
    if membership_request.status != MembershipStatus.PENDING:
        raise ValidationError(_("This request has been decided already."))
    _close(membership_request, actor=user, status=MembershipStatus.CANCELLED)
    return membership_request


def _unique_slug(name: str) -> str:
    base = (slugify(name) or "organisation")[:70]
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def validate_organisation(*, actor, membership_request: MembershipRequest) -> Organisation:
    """A broker accepts a proposed organisation: it is created, and its proposer becomes its
    first member and organisation admin."""
    membership_request = _locked(membership_request)
    _require(
        actor, "core.validate_organisation", None, _("Only brokers validate new organisations.")
    )
    if not membership_request.is_proposal:
        raise ValidationError(_("This request is for an existing organisation."))
    _check_decidable(membership_request)
    values = clean_proposal(
        name=membership_request.proposed_name,
        country=str(membership_request.proposed_country),
        type=membership_request.proposed_type,
        website=membership_request.proposed_website,
    )
    organisation = Organisation.objects.create(
        slug=_unique_slug(values["name"]),
        name=values["name"],
        country=values["country"],
        type=values["type"],
        website=values["website"],
    )
    audit.record(
        actor=actor,
        target=organisation,
        action=AuditAction.CREATE,
        summary=f"organisation {organisation.name} validated from a proposal",
    )
    person = membership_request.user
    person.organisation = organisation
    person.is_organisation_admin = True
    person.save(update_fields=["organisation", "is_organisation_admin"])
    membership_request.organisation = organisation
    _close(membership_request, actor=actor, status=MembershipStatus.APPROVED)
    _mail(
        person,
        lambda: _("Lintas: %(organisation)s is now on Lintas") % {"organisation": organisation},
        lambda: [
            _(
                "A broker validated %(organisation)s. You are its first member and its "
                "organisation admin: you decide who else may act for it."
            )
            % {"organisation": organisation.name},
        ],
        "core:members",
    )
    return organisation


# ------------------------------------------------------------------ members


@transaction.atomic
def remove_member(*, actor, member, reason: str = "") -> None:
    """Take a person out of their organisation. Their rights end with their next request,
    since every check reads ``User.organisation``."""
    _require(
        actor,
        "core.manage_member",
        member,
        _("Only the organisation's admins and brokers manage its members."),
    )
    organisation = member.organisation
    if organisation is None:
        raise ValidationError(_("This person is not a member of an organisation."))
    if member.pk == actor.pk and not actor.has_perm("core.validate_organisation"):
        raise ValidationError(_("Hand the admin role over to another member before you leave."))
    reason = (reason or "").strip()[:REASON_MAX]
    was_admin = member.is_organisation_admin
    member.organisation = None
    member.is_organisation_admin = False
    member.save(update_fields=["organisation", "is_organisation_admin"])
    audit.record(
        actor=actor,
        target=organisation,
        action=AuditAction.UPDATE,
        summary=f"{member.username} removed from {organisation.name}",
        changes={
            "member": [member.username, None],
            **({"organisation_admin": [True, False]} if was_admin else {}),
            **({"reason": reason} if reason else {}),
        },
    )
    _mail(
        member,
        lambda: (
            _("Lintas: you no longer act for %(organisation)s") % {"organisation": organisation}
        ),
        lambda: [
            _("You were removed from %(organisation)s on Lintas.")
            % {"organisation": organisation.name},
            *([_("Reason: %(reason)s") % {"reason": reason}] if reason else []),
            _("If this is a mistake, ask the organisation's admin or a broker. Your account:"),
        ],
        "core:account",
    )


@transaction.atomic
def hand_over_admin(*, actor, member) -> None:
    """Make ``member`` their organisation's admin. An organisation has one admin at a time, so
    the previous admin (often the actor) becomes an ordinary member."""
    _require(
        actor,
        "core.manage_member",
        member,
        _("Only the organisation's admins and brokers manage its members."),
    )
    organisation = member.organisation
    if organisation is None or not member.is_active:
        raise ValidationError(_("This person is not an active member of an organisation."))
    if member.is_organisation_admin:
        raise ValidationError(_("This person is already the organisation's admin."))
    previous = list(admins_of(organisation).exclude(pk=member.pk))
    User.objects.filter(pk__in=[p.pk for p in previous]).update(is_organisation_admin=False)
    member.is_organisation_admin = True
    member.save(update_fields=["is_organisation_admin"])
    audit.record(
        actor=actor,
        target=organisation,
        action=AuditAction.UPDATE,
        summary=f"admin role of {organisation.name} handed to {member.username}",
        changes={"organisation_admin": [[p.username for p in previous], member.username]},
    )
    _mail(
        member,
        lambda: (
            _("Lintas: you are now the admin of %(organisation)s") % {"organisation": organisation}
        ),
        lambda: [
            _("You now decide who may act for %(organisation)s on Lintas.")
            % {"organisation": organisation.name},
        ],
        "core:members",
    )
    for person in previous:
        _mail(
            person,
            lambda: (
                _("Lintas: %(name)s is now the admin of %(organisation)s")
                % {"name": member.get_full_name() or member.username, "organisation": organisation}
            ),
            lambda: [
                _("The admin role of %(organisation)s went to %(name)s; you stay a member.")
                % {
                    "organisation": organisation.name,
                    "name": member.get_full_name() or member.username,
                },
            ],
            "core:account",
        )
