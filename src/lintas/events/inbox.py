"""The broker inbox's "Upcoming events" section: events that have not ended with
registrations to validate or accepted meeting requests the scheduler has not placed yet.

Answers ``lintas.brokerage.signals.inbox_sections`` (``events/receivers.py``); the brokerage sits
below events and must not import it. Filters: ``country`` and ``sector``/``language`` apply to
the registrations waiting (the participant's organisation, the offers and needs they bring) and
to the event's own country; ``scope`` "mine" keeps the events the broker created, "my
countries" those held in, or with a waiting registration from, one of the broker's countries.
"""

from __future__ import annotations

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lintas.events.enums import ParticipantStatus, RequestStatus
from lintas.events.models import Event, MeetingRequest, Participant

KEY = "events"
TITLE = _("Upcoming events with registrations to validate or schedules to run")
TEMPLATE = "events/_inbox_item.html"


def _count(qs):
    """A correlated COUNT(*) of ``qs`` (filtered on ``event=OuterRef("pk")``)."""
    return Coalesce(
        Subquery(
            qs.order_by().values("event").annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def waiting_events(filters, *, today=None):
    """Events ending today or later that need an organiser, soonest first, each with
    ``pending`` (registrations to validate) and ``unscheduled`` (accepted meeting requests
    without a meeting)."""
    today = today or timezone.localdate()
    pending = Participant.objects.filter(event=OuterRef("pk"), status=ParticipantStatus.PENDING)
    if filters.country:
        pending = pending.filter(organisation__country=filters.country)
    if filters.sector:
        pending = pending.filter(profiles__sectors__slug=filters.sector)
    if filters.language:
        pending = pending.filter(profiles__content_language=filters.language)
    unscheduled = MeetingRequest.objects.filter(
        event=OuterRef("pk"), status=RequestStatus.ACCEPTED, meeting__isnull=True
    )
    if filters.country:
        unscheduled = unscheduled.filter(
            Q(sender__organisation__country=filters.country)
            | Q(receiver__organisation__country=filters.country)
        )
    if filters.sector:
        unscheduled = unscheduled.filter(
            Q(sender__profiles__sectors__slug=filters.sector)
            | Q(receiver__profiles__sectors__slug=filters.sector)
        )
    if filters.language:
        unscheduled = unscheduled.filter(
            Q(sender__profiles__content_language=filters.language)
            | Q(receiver__profiles__content_language=filters.language)
        )
    # A cancelled event needs nobody any more (domain.events.cancel_event).
    qs = Event.objects.filter(ends_on__gte=today, cancelled_at__isnull=True).filter(
        Exists(pending.values("pk")) | Exists(unscheduled.values("pk"))
    )
    if filters.scope == "mine":
        qs = qs.filter(created_by=filters.user)
    elif filters.scope == "countries":
        mine = filters.countries()
        qs = qs.filter(
            Q(country__in=mine)
            | Exists(
                Participant.objects.filter(
                    event=OuterRef("pk"),
                    status=ParticipantStatus.PENDING,
                    organisation__country__in=mine,
                )
            )
        )
    return qs.annotate(
        pending=_count(pending.distinct()), unscheduled=_count(unscheduled.distinct())
    ).order_by("starts_on", "slug")


def sections(filters, *, lists: bool, size: int) -> list:
    from lintas.brokerage.domain.inbox import Section

    qs = waiting_events(filters)
    section = Section(key=KEY, title=str(TITLE), count=qs.count(), template=TEMPLATE)
    if lists and section.count:
        section.items = list(qs[:size])
    return [section]
