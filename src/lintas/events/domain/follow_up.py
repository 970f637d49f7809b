"""The follow-up survey: ``LINTAS["EVENT_FOLLOW_UP_MONTHS"]`` months after an event's last
day, each participant who held a meeting there is asked, per meeting, what became of it ("did
this lead to an agreement / is it still going?"). The answer updates the deal the meeting
opened (or the open deal between the two organisations at this event) and the insights
figures (``schedule_refresh("deals")``). Sent daily by ``lintas beat``."""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.brokerage.domain.deals import record_follow_up
from lintas.brokerage.models import Deal
from lintas.core.domain.notifications import notify
from lintas.core.domain.refresh import schedule_refresh
from lintas.events.domain.outcome import held
from lintas.events.enums import FollowUpOutcome
from lintas.events.models import Event, FollowUp, Meeting


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, negative allowed (the 31st becomes the month's
    last day when the month is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_on(event: Event) -> dt.date:
    """The day the event's follow-up survey goes out."""
    return add_months(event.ends_on, settings.LINTAS["EVENT_FOLLOW_UP_MONTHS"])


def send_due(*, now: dt.datetime | None = None) -> int:
    """Create and send the surveys that are due: events whose last day was at least N months
    ago (not cancelled), meetings held there, one survey per side, never twice. Returns how
    many were sent."""
    now = now or timezone.now()
    months = settings.LINTAS["EVENT_FOLLOW_UP_MONTHS"]
    last_day = add_months(timezone.localdate(now), -months)
    meetings = (
        Meeting.objects.filter(held(now))
        .filter(request__event__ends_on__lte=last_day, request__event__cancelled_at__isnull=True)
        .select_related("request__event", "request__sender__user", "request__receiver__user")
        .select_related("request__sender__organisation", "request__receiver__organisation")
    )
    already = set(
        FollowUp.objects.filter(meeting__in=meetings).values_list("meeting_id", "participant_id")
    )
    sent = 0
    for m in meetings:
        for me, other in (
            (m.request.sender, m.request.receiver),
            (m.request.receiver, m.request.sender),
        ):
            if (m.pk, me.pk) in already:
                continue
            with transaction.atomic():
                survey, created = FollowUp.objects.get_or_create(
                    meeting=m, participant=me, defaults={"sent_at": now}
                )
                if not created:
                    continue
                event = m.request.event

                def compose(_user, event=event, other=other, months=months):
                    return (
                        _("%(event)s, %(months)s months on: what became of your meeting?")
                        % {"event": event.title, "months": months},
                        _(
                            "You met %(other)s at %(event)s. Did it lead to an agreement, or is "
                            "it still going? Two clicks tell the organisers."
                        )
                        % {"other": other, "event": event.title},
                    )

                notify(users=[me.user], compose=compose, target=event, url=survey_url(survey))
                sent += 1
    return sent


def survey_url(survey: FollowUp) -> str:
    return reverse(
        "events:follow_up", kwargs={"slug": survey.meeting.request.event.slug, "pk": survey.pk}
    )


def surveys_for(user):
    """A person's follow-up surveys, newest first."""
    if not getattr(user, "is_authenticated", False):
        return FollowUp.objects.none()
    return FollowUp.objects.filter(participant__user=user).select_related(
        "meeting__slot",
        "meeting__request__event",
        "meeting__request__sender__user",
        "meeting__request__sender__organisation",
        "meeting__request__receiver__user",
        "meeting__request__receiver__organisation",
    )


def deal_of(meeting: Meeting) -> Deal | None:
    """The deal this meeting opened, or else the most recent deal at this event between the
    two sides' organisations."""
    a = meeting.request.sender.organisation_id
    b = meeting.request.receiver.organisation_id
    if not a or not b:
        return None
    return (
        Deal.objects.filter(event_id=meeting.request.event_id)
        .filter(Q(requester_org_id=a, owner_org_id=b) | Q(requester_org_id=b, owner_org_id=a))
        .order_by("-created_at", "-id")
        .first()
    )


@transaction.atomic
def answer(*, user, survey: FollowUp, outcome: str, comment: str = "") -> FollowUp:
    """The participant answers their survey (again, if they change their mind). The deal is
    updated: a note with the answer in every case; "still working on it" counts as activity
    (so the deal does not go stale); "did not go further" closes an active deal as declined.
    "It led to an agreement" leaves recording the agreement to the broker, who is told."""
    if survey.participant.user_id != getattr(user, "pk", None):
        raise PermissionDenied(_("Only the person asked may answer this survey."))
    if outcome not in FollowUpOutcome.values:
        raise ValidationError({"outcome": _("Choose one of the answers.")})
    comment = (comment or "").strip()
    if len(comment) > 1000:
        raise ValidationError({"comment": _("Keep the comment under 1,000 characters.")})
    survey.outcome = outcome
    survey.comment = comment
    survey.answered_at = timezone.now()
    deal = deal_of(survey.meeting)
    survey.deal_id = deal.pk if deal is not None else None
    survey.save(update_fields=["outcome", "comment", "answered_at", "deal_id"])
    if deal is not None:
        _update_deal(deal, survey=survey, user=user)
    schedule_refresh("deals")
    return survey


def _update_deal(deal: Deal, *, survey: FollowUp, user) -> None:
    label = FollowUpOutcome(survey.outcome).label
    text = _("Follow-up survey (%(who)s): %(answer)s") % {
        "who": survey.participant,
        "answer": label,
    }
    if survey.comment:
        text = f"{text}: {survey.comment}"
    record_follow_up(
        deal=deal, actor=user, text=text, still_going=survey.outcome != FollowUpOutcome.STOPPED
    )
    if survey.outcome == FollowUpOutcome.AGREEMENT and deal.broker_id:

        def compose(_user, deal=deal):
            return (
                _("Deal #%(id)s: a participant reports an agreement") % {"id": deal.pk},
                _("Record the agreement on the deal's page if it is signed."),
            )

        notify(users=[deal.broker], compose=compose, target=deal, url=deal.get_absolute_url())


def results(event: Event) -> dict[str, int]:
    """The survey's figures for the outcome report."""
    rows = FollowUp.objects.filter(meeting__request__event=event)
    out = {"sent": rows.count(), "answered": rows.filter(answered_at__isnull=False).count()}
    for value in FollowUpOutcome.values:
        out[value] = rows.filter(outcome=value).count()
    return out
