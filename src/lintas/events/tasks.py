"""Celery tasks: take ids, return quietly when the object is gone, call the domain."""

from __future__ import annotations

import logging

from celery import shared_task

log = logging.getLogger(__name__)


@shared_task(name="lintas.events.run_scheduler")
def run_scheduler(event_id: int, user_id: int, time_limit: float = 5.0) -> dict | None:
    from lintas.core.models import User
    from lintas.events.domain.scheduling import run_scheduler as run
    from lintas.events.models import Event

    event = Event.objects.filter(pk=event_id).first()
    user = User.objects.filter(pk=user_id).first()
    if event is None or user is None:
        log.info("run_scheduler: event %s or user %s is gone", event_id, user_id)
        return None
    result = run(user=user, event=event, time_limit=time_limit)
    return {"run": result.pk, "scheduled": result.scheduled}


@shared_task(name="lintas.events.send_agenda_reminders")
def send_agenda_reminders(event_id: int | None = None) -> int:
    """Send agendas for one event, or (no id, e.g. from celery beat each morning) for every
    event with a session tomorrow."""
    from lintas.events.domain.agenda import events_tomorrow, send_reminders
    from lintas.events.models import Event

    events = Event.objects.filter(pk=event_id) if event_id else events_tomorrow()
    return sum(send_reminders(event=event) for event in events)


@shared_task(name="lintas.events.expire_meeting_requests")
def expire_meeting_requests() -> dict:
    """Hourly (lintas beat): expire unanswered meeting requests, remind the people asked."""
    from lintas.events.domain.requests import expire_and_remind

    result = expire_and_remind()
    log.info("meeting requests: %(expired)s expired, %(reminded)s reminders", result)
    return result


@shared_task(name="lintas.events.send_follow_up_surveys")
def send_follow_up_surveys() -> int:
    """Daily (lintas beat): the follow-up surveys that are due (docs/events.md)."""
    from lintas.events.domain.follow_up import send_due

    sent = send_due()
    log.info("follow-up surveys sent: %s", sent)
    return sent
