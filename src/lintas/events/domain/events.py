"""Creating events and their sessions. Slots are derived from a session here, once, so that
availability, requests and meetings all point at the same rows."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lintas.core.domain import audit
from lintas.events.models import Event, Session, Slot
from lintas.events.rules import require_organiser

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


@transaction.atomic
def update_event(*, user, event: Event, data: dict) -> Event:
    require_organiser(user, event)
    merged = {k: getattr(event, k) for k in EVENT_FIELDS} | data
    _check_event(merged)
    for key in EVENT_FIELDS:
        if key in data and key != "slug":
            setattr(event, key, data[key])
    event.save()
    audit.record(actor=user, target=event, action="update", summary=f"event {event.slug}")
    return event


@transaction.atomic
def add_session(*, user, event: Event, data: dict) -> Session:
    """Add a session and cut it into slots. Why here: the slot rows are the shared grid for
    availability, requests and the scheduler."""
    require_organiser(user, event)
    session = Session(event=event, **data)
    if session.end_time <= session.start_time:
        raise ValidationError(_("The session must end after it starts."))
    if not (event.starts_on <= session.date <= event.ends_on):
        raise ValidationError(_("The session date must fall within the event's days."))
    times = session.slot_times()
    if not times:
        raise ValidationError(_("The session is shorter than one meeting slot."))
    session.save()
    Slot.objects.bulk_create(Slot(session=session, starts_at=a, ends_at=b) for a, b in times)
    audit.record(actor=user, target=event, action="update", summary=f"session {session}")
    return session


def sync_slots(session: Session) -> int:
    """Create the slots a session should have (used by the demo loader; keeps existing rows)."""
    have = set(session.slots.values_list("starts_at", flat=True))
    new = [Slot(session=session, starts_at=a, ends_at=b) for a, b in session.slot_times()]
    Slot.objects.bulk_create([s for s in new if s.starts_at not in have])
    return len(new)
