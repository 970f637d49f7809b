"""Personal agendas: the ICS file and the e-mail sent the day before."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from lintas.core import calendar, mail
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
    (:func:`forum_sessions`), times in UTC (``core.calendar``); UIDs are stable so calendar
    apps update moved meetings and sessions instead of duplicating them."""
    event = participant.event
    host = calendar.site_host()
    items = []
    for m in queries.agenda(participant):
        link = video_link(m)
        where = (
            (link or "online")
            if m.slot.session.online
            else f"{event.venue or event.city} table {m.table}"
        )
        items.append(
            {
                "uid": f"meeting-{m.request_id}@{host}",
                "starts_at": m.slot.starts_at,
                "ends_at": m.slot.ends_at,
                "summary": f"{event.title}: {other_side(m, participant)}",
                "location": where,
                "url": link,
                "description": "\n".join(x for x in (m.request.message, link) if x),
            }
        )
    items += forum_sessions(participant)
    return calendar.ics(name=event.title, prodid="-//Lintas//events//EN", items=items)


def send_reminders(*, event: Event) -> int:
    """E-mail every validated participant with meetings their agenda, in their language: the
    meetings, then the forum programme's sessions (:func:`forum_sessions`) under their own
    heading, times in the site's zone as on the agenda page."""
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
                    "sessions": forum_sessions(participant),
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
