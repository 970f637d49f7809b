"""Registration of participants: linked to the user and their organisation's offers and needs,
with availability per slot, validated by an organiser."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lintas.catalogue.models import Profile
from lintas.core.domain import audit
from lintas.core.domain.refresh import schedule_refresh
from lintas.core.models import Organisation, User
from lintas.events.enums import ParticipantStatus
from lintas.events.models import Event, Participant, Slot
from lintas.events.rules import require_organiser


def event_slots(event: Event):
    return Slot.objects.filter(session__event=event).order_by("starts_at")


def _check_profiles(user, profiles) -> list[Profile]:
    profiles = list(profiles or [])
    for profile in profiles:
        if user.organisation_id is None or profile.organisation_id != user.organisation_id:
            raise ValidationError(
                _("Profile %(ref)s does not belong to your organisation.") % {"ref": profile.ref}
            )
    return profiles


def _check_slots(event: Event, slot_ids) -> list[int]:
    ids = sorted({int(s) for s in slot_ids or []})
    known = set(event_slots(event).filter(pk__in=ids).values_list("pk", flat=True))
    unknown = [s for s in ids if s not in known]
    if unknown:
        raise ValidationError(
            _("Slot %(slot)s is not part of this event's sessions.") % {"slot": unknown[0]}
        )
    return ids


@transaction.atomic
def register(*, user, event: Event, profiles=(), slot_ids=None, note: str = "") -> Participant:
    """Register ``user`` for ``event``. Without ``slot_ids`` the participant is free in every
    slot. Fails (changing nothing) after the deadline, twice, or with foreign profiles/slots."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to register."))
    if not event.published:
        raise PermissionDenied(_("This event is not open."))
    if not event.registration_open:
        raise ValidationError(_("Registration for this event closed on the deadline."))
    if Participant.objects.filter(event=event, user=user).exists():
        raise ValidationError(_("You are already registered for this event."))
    profiles = _check_profiles(user, profiles)
    ids = _check_slots(event, slot_ids) if slot_ids is not None else None
    participant = Participant.objects.create(
        event=event, user=user, organisation=user.organisation, note=note[:500]
    )
    participant.profiles.set(profiles)
    participant.available_slots.set(
        ids if ids is not None else event_slots(event).values_list("pk", flat=True)
    )
    audit.record(actor=user, target=event, action="create", summary=f"registered {user}")
    return participant


@transaction.atomic
def set_availability(*, user, participant: Participant, slot_ids) -> Participant:
    """The participant (or an organiser) says in which slots they are free."""
    if participant.user_id != getattr(user, "pk", None):
        require_organiser(user, participant.event)
    ids = _check_slots(participant.event, slot_ids)
    participant.available_slots.set(ids)
    return participant


@transaction.atomic
def set_profiles(*, user, participant: Participant, profiles) -> Participant:
    if participant.user_id != getattr(user, "pk", None):
        raise PermissionDenied(_("Only the participant may change their profiles."))
    participant.profiles.set(_check_profiles(user, profiles))
    schedule_refresh("participants")  # projects promoted at the event
    return participant


@transaction.atomic
def update_registration(*, user, participant: Participant, profiles, slot_ids) -> Participant:
    """The participant changes their profiles and free slots together: both or neither (the
    registration page saves them as one form)."""
    set_profiles(user=user, participant=participant, profiles=profiles)
    return set_availability(user=user, participant=participant, slot_ids=slot_ids)


@transaction.atomic
def decide_participant(*, user, participant: Participant, accept: bool) -> Participant:
    """Organisers validate (or reject) a registration; only validated participants are listed."""
    require_organiser(user, participant.event)
    participant.status = ParticipantStatus.VALIDATED if accept else ParticipantStatus.REJECTED
    participant.validated_by = user
    participant.save(update_fields=["status", "validated_by"])
    audit.record(
        actor=user,
        target=participant.event,
        action="status",
        summary=f"participant {participant.user} {participant.status}",
    )
    schedule_refresh("participants")  # projects promoted at the event
    return participant


@transaction.atomic
def decide_participants(*, user, event: Event, ids, accept: bool) -> int:
    """Validate (or refuse) several registrations at once, all or none: an id that is not a
    registration of ``event`` refuses the whole batch. Refused participants stay on the list
    under their status. Returns how many changed."""
    require_organiser(user, event)
    ids = sorted({int(i) for i in ids or []})
    if not ids:
        raise ValidationError(_("Tick at least one participant."))
    people = list(Participant.objects.filter(event=event, pk__in=ids).select_related("user"))
    if len(people) != len(ids):
        raise ValidationError(_("Some of the ticked people are not registered for this event."))
    status = ParticipantStatus.VALIDATED if accept else ParticipantStatus.REJECTED
    changed = [p for p in people if p.status != status]
    for p in changed:
        p.status = status
        p.validated_by = user
    Participant.objects.bulk_update(changed, ["status", "validated_by"])
    if changed:
        audit.record(
            actor=user,
            target=event,
            action="status",
            summary=f"{len(changed)} participants {status}",
        )
        schedule_refresh("participants")
    return len(changed)


def _quick_account(*, name: str, email: str, language: str) -> User:
    """A walk-in's account: active, no password yet (they set one with "Forgot your password?"),
    no organisation membership (that needs the organisation's approval as usual)."""
    name = (name or "").strip()
    email = (email or "").strip().lower()
    if not name:
        raise ValidationError({"name": _("Give the person's name.")})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Give a valid e-mail address.")}) from None
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("An account with this e-mail address exists: search for it instead.")}
        )
    base = slugify(email.split("@")[0])[:30] or "guest"
    username, n = base, 1
    while User.objects.filter(username__iexact=username).exists():
        n += 1
        username = f"{base}-{n}"
    first, _sep, last = name.partition(" ")
    user = User(
        username=username,
        email=email,
        first_name=first[:150],
        last_name=last[:150],
        role="seeker",
        language=language or "en",
        is_active=True,
    )
    user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def register_walk_in(
    *,
    user,
    event: Event,
    account=None,
    name: str = "",
    email: str = "",
    organisation_name: str = "",
    language: str = "en",
    note: str = "",
) -> Participant:
    """An organiser registers someone at the desk: an existing ``account``, or a quick new one
    from ``name`` and ``email``. The walk-in is validated, free in every slot and checked in.
    ``organisation_name`` names an existing organisation they represent (exact name), otherwise
    it is kept in the note."""
    require_organiser(user, event)
    if event.is_cancelled:
        raise ValidationError(_("This event was cancelled."))
    if account is None:
        account = _quick_account(name=name, email=email, language=language)
    elif Participant.objects.filter(event=event, user=account).exists():
        raise ValidationError(_("This person is already registered for this event."))
    organisation = account.organisation
    organisation_name = (organisation_name or "").strip()
    if organisation is None and organisation_name:
        organisation = Organisation.objects.filter(name__iexact=organisation_name).first()
        if organisation is None:
            note = f"{organisation_name}. {note}".strip(". ") if note else organisation_name
    participant = Participant.objects.create(
        event=event,
        user=account,
        organisation=organisation,
        note=(note or "")[:500],
        status=ParticipantStatus.VALIDATED,
        validated_by=user,
        checked_in_at=timezone.now(),
    )
    participant.available_slots.set(event_slots(event).values_list("pk", flat=True))
    audit.record(actor=user, target=event, action="create", summary=f"walk-in {account}")
    schedule_refresh("participants")
    return participant
