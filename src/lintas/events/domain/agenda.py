"""Personal agendas: the ICS file and the e-mail sent the day before."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from icalendar import Calendar
from icalendar import Event as IcsEvent

from lintas.core import mail
from lintas.core.signals import event_calendar_items
from lintas.events.domain import queries
from lintas.events.enums import ParticipantStatus
from lintas.events.models import Event, Participant


def video_link(meeting) -> str:
    """The video-call link of a meeting in an online session, from ``LINTAS_EVENT_VIDEO_URL``
    (a pattern with ``{room}``, e.g. a self-hosted Jitsi's ``https://meet.example.org/{room}``);
    empty for meetings at a table or when no pattern is set. The room name is stable (the same
    link in the agenda, the e-mail and the calendar file) and unguessable: an HMAC of the
    meeting's request with the site's secret key, so nothing is stored or called."""
    pattern = settings.LINTAS["EVENT_VIDEO_URL"]
    if not pattern or not meeting.slot.session.online:
        return ""
    digest = salted_hmac("lintas.events.video", str(meeting.request_id)).hexdigest()[:20]
    room = f"lintas-{meeting.request.event.slug}-{digest}"
    return (
        pattern.replace("{room}", room) if "{room}" in pattern else f"{pattern.rstrip('/')}/{room}"
    )


def other_side(meeting, participant: Participant) -> Participant:
    r = meeting.request
    return r.receiver if r.sender_id == participant.pk else r.sender


def forum_sessions(participant: Participant, *, now: dt.datetime | None = None) -> list[dict]:
    """The forum's own sessions for a participant's agenda, from the apps beside events that
    keep them (``core.signals.event_calendar_items``; talents: the published programme's
    sessions). Only for a validated participant, who may attend; after a cancellation, only
    the sessions already begun (as with meetings, the future ones are gone)."""
    event = participant.event
    if participant.status != ParticipantStatus.VALIDATED:
        return []
    now = now or timezone.now()
    items = [
        item
        for _receiver, answer in event_calendar_items.send(
            sender=Event, event=event, participant=participant
        )
        for item in answer or ()
        if not (event.is_cancelled and item["starts_at"] > now)
    ]
    return sorted(items, key=lambda item: (item["starts_at"], item["uid"]))


def ics(participant: Participant) -> bytes:
    """An iCalendar file with one VEVENT per meeting and per session of the forum's programme
    (:func:`forum_sessions`); UIDs are stable so calendar apps update moved meetings and
    sessions instead of duplicating them."""
    event = participant.event
    cal = Calendar()
    cal.add("prodid", "-//Lintas//events//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", event.title)
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "lintas"
    for m in queries.agenda(participant):
        other = other_side(m, participant)
        item = IcsEvent()
        item.add("uid", f"meeting-{m.request_id}@{host}")
        item.add("dtstamp", timezone.now())
        item.add("dtstart", m.slot.starts_at)
        item.add("dtend", m.slot.ends_at)
        item.add("summary", f"{event.title}: {other}")
        link = video_link(m)
        where = (
            (link or "online")
            if m.slot.session.online
            else f"{event.venue or event.city} table {m.table}"
        )
        item.add("location", where)
        if link:
            item.add("url", link)
        item.add("description", "\n".join(x for x in (m.request.message, link) if x))
        cal.add_component(item)
    for session in forum_sessions(participant):
        item = IcsEvent()
        item.add("uid", session["uid"])
        item.add("dtstamp", timezone.now())
        # In UTC ("Z"), whatever zone the receiver answered in: no VTIMEZONE needed.
        item.add("dtstart", session["starts_at"].astimezone(dt.UTC))
        item.add("dtend", session["ends_at"].astimezone(dt.UTC))
        item.add("summary", session["summary"])
        if session["location"]:
            item.add("location", session["location"])
        if session["description"]:
            item.add("description", session["description"])
        cal.add_component(item)
    return cal.to_ical()


def send_reminders(*, event: Event) -> int:
    """E-mail every validated participant with meetings their agenda, in their language."""
    sent = 0
    people = Participant.objects.filter(
        event=event, status=ParticipantStatus.VALIDATED
    ).select_related("user")
    for participant in people:
        meetings = list(queries.agenda(participant))
        if not meetings or not participant.user.email:
            continue
        with translation.override(participant.user.language or "en"):
            rows = [(m, other_side(m, participant), video_link(m)) for m in meetings]
            body = render_to_string(
                "events/reminder_email.txt",
                {
                    "event": event,
                    "participant": participant,
                    "rows": rows,
                    "SITE_URL": settings.SITE_URL,
                },
            )
            subject = translation.gettext("Your meetings at %(event)s") % {"event": event.title}
        mail.send(subject=subject, body=body, to=[participant.user.email])
        sent += 1
    return sent


def events_tomorrow(today: dt.date | None = None):
    today = today or timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    return Event.objects.filter(sessions__date=tomorrow).distinct()
