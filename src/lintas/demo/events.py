"""Demo data: events from demo/data/events.json, and registrations with accepted meeting
requests for the upcoming 2027 matchmaking so an organiser can run the scheduler."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from lintas.catalogue.models import Profile
from lintas.core.models import User
from lintas.demo.files import read
from lintas.events.domain.events import sync_slots
from lintas.events.models import Event, MeetingRequest, Participant, Session, Slot

DEMO_EVENT = "matchmaking-2027"
# (sender, receiver, status) between demo users; the provider is the Chinese university.
DEMO_REQUESTS = [
    ("seeker", "provider", "accepted"),
    ("seeker-th", "provider", "accepted"),
    ("seeker-vi", "provider", "accepted"),
    ("provider", "seeker-ms", "accepted"),
    ("seeker-fil", "provider", "accepted"),
    ("seeker-km", "provider", "requested"),
    ("seeker-th", "seeker-vi", "accepted"),
    ("seeker-zh", "seeker", "accepted"),
    ("seeker-lo", "seeker-th", "declined"),
]
DEMO_PARTICIPANTS = [
    "provider",
    "seeker",
    "seeker-th",
    "seeker-vi",
    "seeker-ms",
    "seeker-fil",
    "seeker-km",
    "seeker-lo",
    "seeker-zh",
]


def _time(value: str) -> dt.time:
    return dt.time.fromisoformat(value)


def load_events(log=print) -> dict:
    rows = read("events.json")
    sessions = 0
    for row in rows:
        starts = dt.date.fromisoformat(row["starts"])
        ends = dt.date.fromisoformat(row["ends"]) if row.get("ends") else starts
        event, _ = Event.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "title": row["name"][:200],
                "kind": row["kind"],
                "city": row.get("city", ""),
                "country": row.get("country", ""),
                "description": row.get("description", ""),
                "starts_on": starts,
                "ends_on": ends,
                "registration_deadline": timezone.make_aware(
                    dt.datetime.combine(starts - dt.timedelta(days=7), dt.time(23, 59))
                ),
                "published": True,
            },
        )
        for s in row.get("sessions") or []:
            session, _ = Session.objects.update_or_create(
                event=event,
                date=dt.date.fromisoformat(s["date"]),
                start_time=_time(s["start"]),
                defaults={
                    "end_time": _time(s["end"]),
                    "slot_minutes": s.get("slot_minutes", 30),
                    "tables": s.get("tables") or 10,
                    "online": bool(s.get("online")),
                    "title": s.get("title", ""),
                },
            )
            sync_slots(session)
            sessions += 1
    registered = _register_demo_users()
    log(f"events: {len(rows)} events, {sessions} sessions, {registered} demo participants")
    return {"events": len(rows), "event_sessions": sessions, "event_participants": registered}


def _register_demo_users() -> int:
    event = Event.objects.filter(slug=DEMO_EVENT).first()
    if event is None:
        return 0
    slots = list(Slot.objects.filter(session__event=event).values_list("pk", flat=True))
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_PARTICIPANTS)}
    broker = User.objects.filter(username="broker").first()
    people = {}
    for name in DEMO_PARTICIPANTS:
        user = users.get(name)
        if user is None:
            continue
        participant, created = Participant.objects.update_or_create(
            event=event,
            user=user,
            defaults={
                "organisation": user.organisation,
                "status": "validated",
                "validated_by": broker,
            },
        )
        if created:
            profiles = Profile.objects.filter(
                organisation_id=user.organisation_id, status="published"
            ).order_by("ref")[:3]
            participant.profiles.set(profiles)
            participant.available_slots.set(slots)
        people[name] = participant
    for sender, receiver, status in DEMO_REQUESTS:
        if sender in people and receiver in people:
            MeetingRequest.objects.update_or_create(
                event=event,
                sender=people[sender],
                receiver=people[receiver],
                defaults={
                    "status": status,
                    "message": "Demo request",
                    "created_by": people[sender].user,
                },
            )
    return len(people)
