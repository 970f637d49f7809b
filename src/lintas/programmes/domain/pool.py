"""Reviewer pools, external reviewers invited by e-mail, conflicts recorded by officers,
host laboratories and training sessions and trainees — the officer's set-up of a round.

An invited reviewer gets a signed link (``django.core.signing``, salted, valid for
``INVITATION_DAYS``); the account is created only when they accept, so an address typed
wrongly never becomes an account.
"""

from __future__ import annotations

import rules
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from lintas.core import mail
from lintas.core.domain import audit
from lintas.core.enums import AuditAction
from lintas.core.models import Organisation
from lintas.programmes.models import (
    Conflict,
    Host,
    Participant,
    Review,
    Reviewer,
    ReviewerInvitation,
    TrainingSession,
)

INVITATION_SALT = "lintas.programmes.reviewer-invitation"
INVITATION_DAYS = 30
SEARCH_LIMIT = 20


def _officer(user, what: str):
    if not rules.has_perm("programmes.manage_programmes", user):
        raise PermissionDenied(what)


def search_users(*, user, query: str, call=None):
    """Active accounts whose name, user name, e-mail or organisation contains ``query``
    (people already in the call's pool left out)."""
    _officer(user, _("Only programme officers can search people."))
    query = " ".join(query.split())
    if len(query) < 2:
        return []
    found = get_user_model().objects.filter(is_active=True).select_related("organisation")
    for word in query.split(" ")[:4]:
        found = found.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    if call is not None:
        found = found.exclude(pk__in=call.pool.values("user_id"))
    return list(found.order_by("last_name", "first_name", "username")[:SEARCH_LIMIT])


@transaction.atomic
def add_reviewer(*, user, call, reviewer, max_load: int = 5, publications=()) -> Reviewer:
    """Put an existing account in the call's pool (or change its load and expertise)."""
    _officer(user, _("Only programme officers can change reviewer pools."))
    if not reviewer.is_active:
        raise ValidationError(_("This account is not active."))
    if not 1 <= int(max_load) <= 50:
        raise ValidationError({"max_load": [_("Give a load between 1 and 50 applications.")]})
    from lintas.programmes.domain.applications import clean_publications

    row, created = Reviewer.objects.update_or_create(
        call=call,
        user=reviewer,
        defaults={
            "max_load": int(max_load),
            "publications": clean_publications(list(publications)),
        },
    )
    audit.record(
        actor=user,
        target=call,
        action=AuditAction.UPDATE,
        summary=f"reviewer {reviewer.username} {'added' if created else 'changed'}",
    )
    return row


@transaction.atomic
def remove_reviewer(*, user, reviewer: Reviewer) -> None:
    """Take someone out of the pool; their unsubmitted reviews go, submitted ones stay."""
    _officer(user, _("Only programme officers can change reviewer pools."))
    Review.objects.filter(
        application__call=reviewer.call, reviewer=reviewer.user, submitted_at=None
    ).delete()
    audit.record(
        actor=user,
        target=reviewer.call,
        action=AuditAction.UPDATE,
        summary=f"reviewer {reviewer.user.username} removed",
    )
    reviewer.delete()


def invitation_token(invitation: ReviewerInvitation) -> str:
    return signing.dumps({"i": invitation.pk, "e": invitation.email}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> ReviewerInvitation:
    """The invitation a link names; a ``ValidationError`` when forged, expired or used."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_DAYS * 86400)
    except signing.SignatureExpired:
        raise ValidationError(
            _("This invitation has expired; ask the programme office for a new one.")
        ) from None
    except signing.BadSignature:
        raise ValidationError(_("This invitation link is not valid.")) from None
    invitation = ReviewerInvitation.objects.select_related("call").filter(pk=data.get("i")).first()
    if invitation is None or invitation.email != data.get("e"):
        raise ValidationError(_("This invitation link is not valid."))
    if invitation.accepted_at:
        raise ValidationError(_("This invitation has already been accepted; sign in."))
    return invitation


@transaction.atomic
def invite_reviewer(*, user, call, email: str, name: str, max_load: int = 5):
    """Record the invitation and e-mail the signed link (after commit). Someone who already
    has an account is added to the pool directly instead."""
    _officer(user, _("Only programme officers can invite reviewers."))
    email = get_user_model().objects.normalize_email(email.strip()).lower()
    if not email or not name.strip():
        raise ValidationError(_("Give the reviewer's name and e-mail."))
    existing = get_user_model().objects.filter(email__iexact=email).first()
    if existing is not None:
        return add_reviewer(user=user, call=call, reviewer=existing, max_load=max_load)
    invitation, _created = ReviewerInvitation.objects.update_or_create(
        call=call,
        email=email,
        defaults={"name": name.strip()[:200], "max_load": int(max_load), "invited_by": user},
    )
    link = settings.SITE_URL + reverse("programmes:invitation", args=[invitation_token(invitation)])
    with override(user.language or "en"):
        subject = _("Invitation to review for %s") % call.title
        body = _(
            "Dear %(name)s,\n\nThe programme office invites you to review applications to "
            "%(call)s. Accept and create your account here (valid for %(days)d days):\n"
            "%(link)s\n\nLintas programme office"
        ) % {"name": invitation.name, "call": call.title, "days": INVITATION_DAYS, "link": link}
    transaction.on_commit(lambda: mail.send(subject=subject, body=body, to=[email]))
    audit.record(actor=user, target=call, action=AuditAction.UPDATE, summary=f"invited {email}")
    return invitation


@transaction.atomic
def accept_invitation(*, token: str, username: str, password: str):
    """Create the reviewer's account from the invitation and put it in the pool."""
    invitation = invitation_from_token(token)
    User = get_user_model()
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": [_("This user name is taken.")]})
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("An account with this e-mail exists already; sign in."))
    first, _sep, last = invitation.name.partition(" ")
    account = User(
        username=username,
        email=invitation.email,
        first_name=first[:150],
        last_name=last[:150],
        email_verified=True,  # the signed link proves the address
    )
    try:
        validate_password(password, account)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    account.set_password(password)
    account.full_clean(exclude=["password"])
    account.save()
    Reviewer.objects.get_or_create(
        call=invitation.call, user=account, defaults={"max_load": invitation.max_load}
    )
    invitation.accepted_at = timezone.now()
    invitation.user = account
    invitation.save(update_fields=["accepted_at", "user"])
    audit.record(
        actor=account,
        target=invitation.call,
        action=AuditAction.UPDATE,
        summary=f"invitation accepted by {account.username}",
    )
    return account


@transaction.atomic
def record_conflict(*, user, application, reviewer, reason: str) -> Conflict:
    """An officer records a conflict a reviewer told them about (by e-mail, on the phone);
    the reviewer's unsubmitted review of that application goes, as when they declare it."""
    _officer(user, _("Only programme officers can record conflicts."))
    if not application.call.pool.filter(user=reviewer).exists():
        raise ValidationError(_("This person is not in the call's reviewer pool."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say briefly why there is a conflict.")]})
    conflict, _created = Conflict.objects.update_or_create(
        application=application,
        reviewer=reviewer,
        defaults={"reason": reason.strip()[:300], "recorded_by": user},
    )
    Review.objects.filter(application=application, reviewer=reviewer, submitted_at=None).delete()
    audit.record(
        actor=user,
        target=application,
        action=AuditAction.UPDATE,
        summary=f"conflict recorded for {reviewer.username}",
    )
    return conflict


@transaction.atomic
def save_host(*, user, programme, data: dict, host: Host | None = None) -> Host:
    _officer(user, _("Only programme officers can change host laboratories."))
    from lintas.programmes.domain.calls import unique_slug

    organisation = data.get("organisation")
    if not isinstance(organisation, Organisation):
        raise ValidationError({"organisation": [_("Choose the host's organisation.")]})
    areas = [a for a in data.get("research_areas", []) if str(a).strip()]
    if not areas:
        raise ValidationError({"research_areas_text": [_("Give at least one research area.")]})
    created = host is None
    if created:
        host = Host(programme=programme, slug=unique_slug(Host, data.get("name", "")))
    for key in ("name", "organisation", "supervisor", "supervisor_email", "capacity"):
        if key in data:
            setattr(host, key, data[key])
    host.research_areas = [str(a)[:2000] for a in areas[:20]]
    host.full_clean(exclude=["programme"])
    host.save()
    audit.record(
        actor=user,
        target=host,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        summary=f"host {host.slug}",
    )
    return host


@transaction.atomic
def delete_host(*, user, host: Host) -> None:
    _officer(user, _("Only programme officers can change host laboratories."))
    if host.placements.exists():
        raise ValidationError(_("This laboratory has placements; it cannot be removed."))
    host.delete()


@transaction.atomic
def save_session(*, user, programme, data: dict, session=None) -> TrainingSession:
    _officer(user, _("Only programme officers can change training sessions."))
    session = session or TrainingSession(programme=programme)
    for key in ("title", "date", "location"):
        if key in data:
            setattr(session, key, data[key])
    session.full_clean(exclude=["programme"])
    session.save()
    return session


@transaction.atomic
def delete_session(*, user, session) -> None:
    _officer(user, _("Only programme officers can change training sessions."))
    session.delete()


@transaction.atomic
def save_trainee(*, user, programme, data: dict, trainee=None) -> Participant:
    """Add or change a trainee; an account with the same e-mail is linked (so the trainee
    sees their certificate)."""
    _officer(user, _("Only programme officers can change trainees."))
    trainee = trainee or Participant(programme=programme)
    for key in ("name", "email", "country", "organisation"):
        if key in data:
            setattr(trainee, key, data[key])
    if trainee.email and trainee.user_id is None:
        trainee.user = get_user_model().objects.filter(email__iexact=trainee.email).first()
    trainee.full_clean(exclude=["programme"])
    trainee.save()
    return trainee


@transaction.atomic
def delete_trainee(*, user, trainee) -> None:
    _officer(user, _("Only programme officers can change trainees."))
    if hasattr(trainee, "certificate"):
        raise ValidationError(_("This trainee holds a certificate; they cannot be removed."))
    trainee.delete()
