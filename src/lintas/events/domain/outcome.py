"""The event's outcome report and the headline figure of meetings held."""

from __future__ import annotations

import datetime as dt

from django.db.models import Avg, Count, Q
from django.utils import timezone

from lintas.brokerage.models import Agreement
from lintas.events.enums import ParticipantStatus
from lintas.events.models import Event, Meeting, MeetingRating, Participant


def held(now: dt.datetime | None = None, prefix: str = "") -> Q:
    """A meeting was held when its time slot has ended and nobody marked it a no-show. A
    meeting still to come never counts as held (the one definition: insights' "Meetings held"
    figure uses it too)."""
    return Q(**{f"{prefix}slot__ends_at__lte": now or timezone.now(), f"{prefix}no_show": False})


def meetings_held(event: Event | None = None, now: dt.datetime | None = None) -> int:
    qs = Meeting.objects.filter(held(now))
    if event is not None:
        qs = qs.filter(request__event=event)
    return qs.count()


def report(event: Event) -> dict:
    meetings = Meeting.objects.filter(request__event=event).aggregate(
        scheduled=Count("id"),
        held=Count("id", filter=held()),
        no_shows=Count("id", filter=Q(no_show=True)),
        follow_ups=Count("id", filter=Q(follow_up=True)),
    )
    people = Participant.objects.filter(event=event).aggregate(
        registered=Count("id"),
        validated=Count("id", filter=Q(status=ParticipantStatus.VALIDATED)),
        checked_in=Count("id", filter=Q(checked_in_at__isnull=False)),
    )
    ratings = MeetingRating.objects.filter(meeting__request__event=event).aggregate(
        average=Avg("score"), count=Count("id")
    )
    return {
        **people,
        **meetings,
        "ratings": ratings["count"],
        "average_rating": round(ratings["average"], 2) if ratings["average"] else None,
        "agreements": Agreement.objects.filter(event=event).count(),
    }
