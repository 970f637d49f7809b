"""On the day: check-in, no-shows, quick ratings and follow-up deals."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.brokerage.domain.deals import open_deal
from lintas.core.domain.refresh import schedule_refresh
from lintas.events.enums import ParticipantStatus
from lintas.events.models import Meeting, MeetingRating, Participant
from lintas.events.rules import require_organiser
from lintas.matching.models import Match


@transaction.atomic
def check_in(*, user, participant: Participant, present: bool = True) -> Participant:
    """Organisers check a validated participant in at the desk (or undo it)."""
    require_organiser(user, participant.event)
    if present and participant.status != ParticipantStatus.VALIDATED:
        raise ValidationError(_("Only validated participants can be checked in."))
    participant.checked_in_at = timezone.now() if present else None
    participant.save(update_fields=["checked_in_at"])
    return participant


@transaction.atomic
def mark_no_show(*, user, meeting: Meeting, no_show: bool = True) -> Meeting:
    """Organisers mark (or unmark) a no-show, once the meeting's slot has started: before that
    nobody can know who will not come."""
    require_organiser(user, meeting.request.event)
    if no_show and timezone.now() < meeting.slot.starts_at:
        raise ValidationError(_("A no-show can be marked once the meeting's slot has started."))
    meeting.no_show = no_show
    meeting.save(update_fields=["no_show"])
    schedule_refresh("meetings", ids=[meeting.pk])  # meetings held, enterprises served
    return meeting


def _offer_need_pair(meeting: Meeting):
    """The offer and need the two sides brought, best-matched pair first (or None)."""
    a = list(meeting.request.sender.profiles.all())
    b = list(meeting.request.receiver.profiles.all())
    pairs = [(x, y) for x in a for y in b if {x.kind, y.kind} == {"offer", "need"}]
    if not pairs:
        return None
    pairs = [(x, y) if x.kind == "offer" else (y, x) for x, y in pairs]
    scores = {
        (o, n): s
        for o, n, s in Match.objects.filter(
            offer__in=[p[0] for p in pairs], need__in=[p[1] for p in pairs]
        ).values_list("offer_id", "need_id", "score")
    }
    return max(pairs, key=lambda p: scores.get((p[0].pk, p[1].pk), -1.0))


def rate_meeting(*, user, meeting: Meeting, score: int, wants_to_continue: bool):
    """Save the participant's rating. When both sides want to continue, mark the follow-up and
    open a deal in brokerage (events may call brokerage: same floor, and brokerage never
    imports events). Returns (rating, deal or None)."""
    request = meeting.request
    with transaction.atomic():
        me = Participant.objects.filter(
            pk__in=[request.sender_id, request.receiver_id], user=user
        ).first()
        if me is None:
            raise PermissionDenied(_("Only the two participants of a meeting may rate it."))
        if not isinstance(score, int) or not 1 <= score <= 5:
            raise ValidationError(_("Give a rating from 1 to 5."))
        if meeting.no_show:
            raise ValidationError(_("This meeting was marked as a no-show."))
        if timezone.now() < meeting.slot.ends_at:
            raise ValidationError(_("You can rate a meeting once it has ended."))
        rating, _created = MeetingRating.objects.update_or_create(
            meeting=meeting,
            participant=me,
            defaults={"score": score, "wants_to_continue": bool(wants_to_continue)},
        )
        both = MeetingRating.objects.filter(meeting=meeting, wants_to_continue=True).count() == 2
        newly = both and not meeting.follow_up
        if meeting.follow_up != both:
            meeting.follow_up = both
            meeting.save(update_fields=["follow_up"])
    if not newly:
        return rating, None
    pair = _offer_need_pair(meeting)
    if pair is None:
        return rating, None
    deal = open_deal(
        user=user,
        offer=pair[0],
        need=pair[1],
        note=_("Follow-up of a meeting at %(event)s") % {"event": request.event.title},
        event_id=request.event_id,
    )
    return rating, deal
