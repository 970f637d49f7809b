"""Creating, editing, unpublishing and cancelling events and their sessions. Slots are derived
from a session here, once, so that availability, requests and meetings all point at the same
rows. Registrants hear about every change that affects them, each in their own language."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lintas.core.domain import audit
from lintas.core.domain.notifications import notify
from lintas.core.domain.refresh import schedule_refresh
from lintas.events.enums import ParticipantStatus, RequestStatus
from lintas.events.models import Event, Meeting, MeetingRequest, Participant, Session, Slot
from lintas.events.rules import require_organiser

# Changing these tells the registrants (the rest is wording they need not be told about).
NOTIFIED_FIELDS = ("title", "starts_on", "ends_on", "city", "venue", "country")

EVENT_FIELDS = (
    "slug",
    "title",
    "kind",
    "description",
    "city",
    "venue",
    "country",
    "starts_on",
    "ends_on",
    "registration_deadline",
    "max_requests_sent",
    "published",
)


def _check_event(data: dict) -> None:
    if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
        raise ValidationError(_("The last day cannot be before the first day."))


@transaction.atomic
def create_event(*, user, data: dict) -> Event:
    """Organisers create events; the form or API already checked field formats."""
    require_organiser(user)
    _check_event(data)
    if Event.objects.filter(slug=data["slug"]).exists():
        raise ValidationError(_("An event with this short name already exists."))
    event = Event.objects.create(created_by=user, **{k: data[k] for k in data if k in EVENT_FIELDS})
    audit.record(actor=user, target=event, action="create", summary=f"event {event.slug}")
    return event


def registrants(event: Event):
    """The people registered for ``event`` who still expect to come (refused ones excluded)."""
    return [
        p.user
        for p in Participant.objects.filter(event=event)
        .exclude(status=ParticipantStatus.REJECTED)
        .select_related("user")
    ]


def _tell(users, event: Event, subject: str, body: str, params: dict | None = None) -> int:
    """Notify ``users`` about ``event``; ``subject`` and ``body`` are untranslated msgids
    (gettext_noop), translated per recipient inside notify's language override."""
    params = {"event": event.title, **(params or {})}

    def compose(_person):
        return _(subject) % params, _(body) % params

    return notify(users=users, compose=compose, target=event, url=event.get_absolute_url())


@transaction.atomic
def update_event(*, user, event: Event, data: dict) -> Event:
    """Organisers edit an event; when its title, days or place change, registrants are told."""
    require_organiser(user, event)
    if event.is_cancelled:
        raise ValidationError(_("This event was cancelled; it can no longer be edited."))
    merged = {k: getattr(event, k) for k in EVENT_FIELDS} | data
    _check_event(merged)
    changed = [k for k in NOTIFIED_FIELDS if k in data and data[k] != getattr(event, k)]
    for key in EVENT_FIELDS:
        if key in data and key != "slug":
            setattr(event, key, data[key])
    event.save()
    audit.record(actor=user, target=event, action="update", summary=f"event {event.slug}")
    if changed:
        _tell(
            registrants(event),
            event,
            gettext_noop("%(event)s has changed"),
            gettext_noop(
                "The organisers changed the title, days or place of %(event)s. Please check the event page."
            ),
        )
    return event


@transaction.atomic
def unpublish_event(*, user, event: Event) -> Event:
    """Take an event off the public list (organisers still see it). Registrants are told; it
    can be published again by editing it."""
    require_organiser(user, event)
    if not event.published:
        raise ValidationError(_("This event is not published."))
    event.published = False
    event.save(update_fields=["published"])
    audit.record(
        actor=user, target=event, action="status", summary=f"event {event.slug} unpublished"
    )
    _tell(
        registrants(event),
        event,
        gettext_noop("%(event)s is no longer published"),
        gettext_noop(
            "The organisers took %(event)s off the list of events for now. Your registration is kept."
        ),
    )
    return event


@transaction.atomic
def cancel_event(*, user, event: Event, reason: str) -> Event:
    """Cancel an event: no registrations or meeting requests any more, open requests are
    cancelled, and every registrant is told why. Meetings stay on record (nothing is
    counted as held that was not)."""
    require_organiser(user, event)
    if event.is_cancelled:
        raise ValidationError(_("This event is already cancelled."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the event is cancelled: registrants read it.")})
    event.cancelled_at = timezone.now()
    event.cancellation_reason = reason[:500]
    event.save(update_fields=["cancelled_at", "cancellation_reason"])
    MeetingRequest.objects.filter(event=event, status=RequestStatus.REQUESTED).update(
        status=RequestStatus.CANCELLED
    )
    future = Meeting.objects.filter(request__event=event, slot__starts_at__gt=timezone.now())
    future.delete()
    audit.record(actor=user, target=event, action="status", summary=f"event {event.slug} cancelled")
    schedule_refresh("meetings", "participants")
    _tell(
        registrants(event),
        event,
        gettext_noop("%(event)s is cancelled"),
        gettext_noop("The organisers cancelled %(event)s: %(reason)s"),
        {"reason": event.cancellation_reason},
    )
    return event


def _check_session(event: Event, session: Session) -> list:
    if session.end_time <= session.start_time:
        raise ValidationError(_("The session must end after it starts."))
    if not (event.starts_on <= session.date <= event.ends_on):
        raise ValidationError(_("The session date must fall within the event's days."))
    times = session.slot_times()
    if not times:
        raise ValidationError(_("The session is shorter than one meeting slot."))
    return times


@transaction.atomic
def add_session(*, user, event: Event, data: dict) -> Session:
    """Add a session and cut it into slots. Why here: the slot rows are the shared grid for
    availability, requests and the scheduler. Participants who registered without choosing
    slots are free in every slot, so they are free in the new ones too."""
    require_organiser(user, event)
    if event.is_cancelled:
        raise ValidationError(_("This event was cancelled; it can no longer be edited."))
    session = Session(event=event, **data)
    times = _check_session(event, session)
    session.save()
    slots = Slot.objects.bulk_create(
        Slot(session=session, starts_at=a, ends_at=b) for a, b in times
    )
    _open_new_slots(event, slots)
    audit.record(actor=user, target=event, action="update", summary=f"session {session}")
    return session


def _open_new_slots(event: Event, slots: list[Slot]) -> None:
    """New slots join the availability of participants who are free in every existing slot
    (those who never narrowed their availability). Two queries whatever the event's size."""
    others = Slot.objects.filter(session__event=event).exclude(pk__in=[s.pk for s in slots])
    total = others.count()
    through = Participant.available_slots.through
    if total == 0:
        free_everywhere = list(Participant.objects.filter(event=event).values_list("pk", flat=True))
    else:
        free_everywhere = [
            pid
            for pid, n in through.objects.filter(participant__event=event, slot__in=others)
            .values("participant_id")
            .annotate(n=Count("id"))
            .values_list("participant_id", "n")
            if n == total
        ]
    through.objects.bulk_create(
        [through(participant_id=pk, slot_id=s.pk) for pk in free_everywhere for s in slots],
        ignore_conflicts=True,
    )


def unschedule(*, meetings, reason: str) -> int:
    """Remove ``meetings`` (their requests stay accepted, with ``reason`` so the scheduler page
    and the people show why) and tell both sides of each, in their language. Returns how many."""
    meetings = list(
        meetings.select_related(
            "slot", "request__event", "request__sender__user", "request__receiver__user"
        )
    )
    for m in meetings:
        request = m.request
        request.unscheduled_reason = reason[:300]
        request.save(update_fields=["unscheduled_reason"])
        when = str(m.slot)
        event = request.event
        for person, other in (
            (request.sender.user, request.receiver),
            (request.receiver.user, request.sender),
        ):

            def compose(_user, other=other, when=when, event=event):
                return (
                    _("A meeting at %(event)s was removed from your agenda")
                    % {"event": event.title},
                    _("Your meeting with %(other)s (%(when)s) is no longer scheduled: %(reason)s")
                    % {"other": other, "when": when, "reason": reason},
                )

            notify(
                users=[person],
                compose=compose,
                target=event,
                url=event.get_absolute_url(),
            )
        m.delete()
    if meetings:
        schedule_refresh("meetings")
    return len(meetings)


@transaction.atomic
def update_session(*, user, session: Session, data: dict, reason: str = "") -> Session:
    """Edit a session. Slots that still fit keep their meetings; meetings in slots that no longer
    exist (shorter session, other times or day) are unscheduled with ``reason`` and both sides
    are told. Online sessions: see domain.agenda.video_link."""
    event = session.event
    require_organiser(user, event)
    if event.is_cancelled:
        raise ValidationError(_("This event was cancelled; it can no longer be edited."))
    for key, value in data.items():
        setattr(session, key, value)
    times = _check_session(event, session)
    session.save()
    wanted = {(a, b) for a, b in times}
    existing = list(session.slots.all())
    gone = [s for s in existing if (s.starts_at, s.ends_at) not in wanted]
    kept = {(s.starts_at, s.ends_at) for s in existing} - {(s.starts_at, s.ends_at) for s in gone}
    why = (reason or "").strip() or _("The organisers changed the session's times.")
    # Meetings in slots that no longer exist, or at tables the session no longer has.
    lost = Meeting.objects.filter(
        Q(slot__in=gone) | Q(slot__session=session, table__gt=session.tables)
    )
    unschedule(meetings=lost, reason=why)
    Slot.objects.filter(pk__in=[s.pk for s in gone]).delete()
    new = Slot.objects.bulk_create(
        Slot(session=session, starts_at=a, ends_at=b) for a, b in sorted(wanted - kept)
    )
    if new:
        _open_new_slots(event, new)
    audit.record(actor=user, target=event, action="update", summary=f"session {session} edited")
    return session


@transaction.atomic
def remove_session(*, user, session: Session, reason: str) -> int:
    """Remove a session: its meetings are unscheduled with ``reason`` (both sides told), its
    slots disappear from everyone's availability. Returns how many meetings were unscheduled."""
    event = session.event
    require_organiser(user, event)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the session is removed: the people who lose a meeting read it.")}
        )
    count = unschedule(meetings=Meeting.objects.filter(slot__session=session), reason=reason)
    MeetingRequest.objects.filter(preferred_slot__session=session).update(preferred_slot=None)
    label = str(session)
    session.delete()
    audit.record(actor=user, target=event, action="update", summary=f"session {label} removed")
    return count


def sync_slots(session: Session) -> int:
    """Create the slots a session should have (used by the demo loader; keeps existing rows)."""
    have = set(session.slots.values_list("starts_at", flat=True))
    new = [Slot(session=session, starts_at=a, ends_at=b) for a, b in session.slot_times()]
    Slot.objects.bulk_create([s for s in new if s.starts_at not in have])
    return len(new)
