import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from icalendar import Calendar

from lintas.brokerage.domain import agreements
from lintas.events.domain import agenda, dayof, outcome, queries, registration, scheduling
from lintas.events.domain import events as event_domain
from lintas.events.domain import requests as req
from lintas.events.models import Meeting, MeetingRequest, Participant, Session, Slot
from lintas.pages.figures import headline_figures
from tests.events.conftest import DAY, enrol, extra_participants
from tests.factories import EventFactory, OrganisationFactory, ProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_add_session_cuts_slots(event):
    slots = list(Slot.objects.filter(session__event=event))
    assert len(slots) == 4
    assert [timezone.localtime(s.starts_at).strftime("%H:%M") for s in slots] == [
        "09:00",
        "09:30",
        "10:00",
        "10:30",
    ]


def test_add_session_outside_event_days_is_refused(event, broker):
    with pytest.raises(ValidationError, match="within the event"):
        event_domain.add_session(
            user=broker,
            event=event,
            data={
                "date": DAY + dt.timedelta(days=3),
                "start_time": dt.time(9),
                "end_time": dt.time(10),
                "slot_minutes": 30,
                "tables": 2,
            },
        )
    assert Session.objects.filter(event=event).count() == 1


def test_register_after_deadline_is_refused(event, seeker):
    event.registration_deadline = timezone.now() - dt.timedelta(hours=1)
    event.save()
    with pytest.raises(ValidationError, match="closed"):
        registration.register(user=seeker, event=event)
    assert Participant.objects.count() == 0


def test_register_twice_is_refused(event, seeker):
    registration.register(user=seeker, event=event)
    with pytest.raises(ValidationError, match="already registered"):
        registration.register(user=seeker, event=event)
    assert Participant.objects.count() == 1


def test_register_with_foreign_profile_is_refused(event, seeker, offer):
    with pytest.raises(ValidationError, match="does not belong"):
        registration.register(user=seeker, event=event, profiles=[offer])
    assert Participant.objects.count() == 0


def test_availability_outside_sessions_is_refused(event, seeker, broker):
    participant = enrol(seeker, event, broker)
    other = Slot.objects.filter(session__event=event).first()
    before = set(participant.available_slots.values_list("pk", flat=True))
    with pytest.raises(ValidationError, match="not part of this event"):
        registration.set_availability(
            user=seeker, participant=participant, slot_ids=[other.pk, 99999]
        )
    assert set(participant.available_slots.values_list("pk", flat=True)) == before
    assert len(before) == 4


def test_validation_needs_an_organiser(event, seeker, provider):
    participant = registration.register(user=seeker, event=event)
    with pytest.raises(PermissionDenied):
        registration.decide_participant(user=provider, participant=participant, accept=True)
    participant.refresh_from_db()
    assert participant.status == "pending"


@pytest.mark.parametrize(
    "case, message",
    [
        ("self", "yourself"),
        ("outsider", "not a participant"),
        ("slot", "not part of this event"),
        ("duplicate", "already exists"),
        ("reverse_duplicate", "already exists"),
        ("pending", "not validated"),
    ],
)
def test_bad_meeting_request_is_refused(case, message, event, broker, p_provider, p_seeker):
    if case in ("duplicate", "reverse_duplicate"):
        req.send_request(user=p_seeker.user, event=event, receiver=p_provider)
    before = MeetingRequest.objects.count()
    user, receiver, slot = p_seeker.user, p_provider, None
    if case == "self":
        receiver = p_seeker
    elif case == "outsider":
        receiver = None
    elif case == "slot":
        slot = 99999
    elif case == "reverse_duplicate":
        user, receiver = p_provider.user, p_seeker
    elif case == "pending":
        receiver = enrol(UserFactory(), event, broker, validated=False)
    with pytest.raises(ValidationError, match=message):
        req.send_request(user=user, event=event, receiver=receiver, preferred_slot=slot)
    assert MeetingRequest.objects.count() == before


def test_meeting_request_to_participant_of_another_event(event, broker, p_seeker, provider):

    other = EventFactory(slug="other", title="Other", kind="forum", starts_on=DAY)
    stranger = registration.register(user=provider, event=other)
    with pytest.raises(ValidationError, match="not a participant"):
        req.send_request(user=p_seeker.user, event=event, receiver=stranger)
    assert MeetingRequest.objects.count() == 0


def test_meeting_request_limit(event, broker, p_seeker):
    others = extra_participants(event, broker, 3)
    req.send_request(user=p_seeker.user, event=event, receiver=others[0])
    req.send_request(user=p_seeker.user, event=event, receiver=others[1])
    with pytest.raises(ValidationError, match="limit of 2"):
        req.send_request(user=p_seeker.user, event=event, receiver=others[2])
    assert MeetingRequest.objects.filter(sender=p_seeker).count() == 2


def test_unregistered_user_cannot_request(event, outsider, p_seeker):
    with pytest.raises(PermissionDenied):
        req.send_request(user=outsider, event=event, receiver=p_seeker)


def test_only_receiver_or_organiser_decides(event, p_provider, p_seeker, outsider):
    request = req.send_request(user=p_seeker.user, event=event, receiver=p_provider)
    for who in (outsider, p_seeker.user):
        with pytest.raises(PermissionDenied):
            req.decide_request(user=who, request=request, accept=True)
    req.decide_request(user=p_provider.user, request=request, accept=True)
    request.refresh_from_db()
    assert request.status == "accepted"
    with pytest.raises(ValidationError, match="already answered"):
        req.decide_request(user=p_provider.user, request=request, accept=False)


def test_organiser_adds_request_beyond_limit(event, broker, p_seeker):
    others = extra_participants(event, broker, 3)
    for other in others:
        req.organiser_add_request(
            user=broker, event=event, sender=p_seeker, receiver=other, priority=2
        )
    assert MeetingRequest.objects.filter(sender=p_seeker, status="accepted").count() == 3


def _accepted(event, broker, a, b, priority=1):
    return req.organiser_add_request(
        user=broker, event=event, sender=a, receiver=b, priority=priority
    )


def test_scheduler_places_accepted_requests(event, broker, p_provider, p_seeker):
    request = _accepted(event, broker, p_seeker, p_provider)
    run = scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    meeting = Meeting.objects.get()
    assert (meeting.request, meeting.table, run.scheduled, run.unscheduled) == (request, 1, 1, [])
    assert meeting.slot.session.event == event


def test_scheduler_reports_unscheduled_with_reason(event, broker, p_provider, p_seeker):
    p_seeker.available_slots.set([Slot.objects.filter(session__event=event).first()])
    p_provider.available_slots.set([Slot.objects.filter(session__event=event).last()])
    request = _accepted(event, broker, p_seeker, p_provider)
    run = scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    assert Meeting.objects.count() == 0
    assert run.unscheduled[0]["request"] == request.pk
    assert "no common available slot" in run.unscheduled[0]["reason"]
    last, rows = scheduling.unscheduled_requests(event)
    assert rows[0][0] == request


def test_scheduler_respects_tables_and_keeps_fixed(event, broker):
    people = extra_participants(event, broker, 10)
    pairs = [_accepted(event, broker, people[i], people[i + 5]) for i in range(5)]
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    per_slot = {}
    for m in Meeting.objects.all():
        per_slot.setdefault(m.slot_id, []).append(m.table)
    assert all(len(t) <= 2 and sorted(t) == list(range(1, len(t) + 1)) for t in per_slot.values())
    assert Meeting.objects.count() == 5
    pinned = Meeting.objects.get(request=pairs[0])
    scheduling.set_fixed(user=broker, meeting=pinned, fixed=True)
    before = {m.request_id: (m.slot_id, m.table) for m in Meeting.objects.all()}
    run = scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    after = {m.request_id: (m.slot_id, m.table) for m in Meeting.objects.all()}
    assert after == before
    assert run.moved == 0


def test_rescheduling_after_late_change_moves_few(event, broker):
    people = extra_participants(event, broker, 8)
    for i in range(4):
        _accepted(event, broker, people[i], people[i + 4])
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    before = {m.request_id: m.slot_id for m in Meeting.objects.all()}
    late = _accepted(event, broker, people[0], people[5])
    run = scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    after = {m.request_id: m.slot_id for m in Meeting.objects.all()}
    assert late.pk in after
    moved = sum(1 for rid, s in before.items() if after.get(rid) != s)
    assert moved == run.moved
    assert moved <= 1


def test_smaller_session_gets_fewer_tables(event, broker):
    event_domain.add_session(
        user=broker,
        event=event,
        data={
            "date": DAY,
            "start_time": dt.time(14),
            "end_time": dt.time(14, 30),
            "slot_minutes": 30,
            "tables": 1,
            "online": True,
        },
    )
    afternoon = Slot.objects.get(session__start_time=dt.time(14))
    people = extra_participants(event, broker, 6)
    for p in people:
        p.available_slots.set([afternoon])
    for i in range(3):
        _accepted(event, broker, people[i], people[i + 3])
    run = scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    assert Meeting.objects.filter(slot=afternoon).count() == 1
    assert len(run.unscheduled) == 2


def test_scheduler_needs_organiser(event, provider):
    with pytest.raises(PermissionDenied):
        scheduling.run_scheduler(user=provider, event=event)


def test_recommendations_use_sectors_then_matches(event, broker, p_provider, p_seeker, sector):
    others = extra_participants(event, broker, 2)
    ranked = queries.recommended(p_seeker, [p_provider, *others, p_seeker])
    assert [r[0] for r in ranked][0] == p_provider
    assert ranked[0][2] == "sectors"
    assert len(ranked) == 3
    from lintas.matching.models import Match

    offer = p_provider.profiles.get()
    need = p_seeker.profiles.get()
    Match.objects.create(offer=offer, need=need, score=0.8)
    ranked = queries.recommended(p_seeker, [p_provider, *others])
    assert (ranked[0][0], ranked[0][1], ranked[0][2]) == (p_provider, 1.8, "match")


def _meet(event, broker, a, b):
    _accepted(event, broker, a, b)
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    return Meeting.objects.get()


def test_ics_has_one_event_per_meeting(event, broker, p_provider, p_seeker, settings):
    settings.SITE_URL = "https://lintas.example/"
    meeting = _meet(event, broker, p_seeker, p_provider)
    cal = Calendar.from_ical(agenda.ics(p_seeker))
    items = [c for c in cal.walk() if c.name == "VEVENT"]
    assert len(items) == 1
    assert items[0]["dtstart"].dt == meeting.slot.starts_at
    assert str(p_provider) in str(items[0]["summary"])
    # The UID calendar apps know the meeting by, as it has always been written.
    assert str(items[0]["uid"]) == f"meeting-{meeting.request_id}@lintas.example"


def test_reminders_send_each_participant_their_agenda(event, broker, p_provider, p_seeker):
    _meet(event, broker, p_seeker, p_provider)
    from lintas.events.tasks import send_agenda_reminders

    assert send_agenda_reminders(event.pk) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [p_provider.user.email, p_seeker.user.email]
    )
    assert str(p_provider) in [m for m in mail.outbox if m.to == [p_seeker.user.email]][0].body
    assert list(agenda.events_tomorrow(DAY - dt.timedelta(days=1))) == [event]


def test_outcome_counts_held_meetings_and_figure(event, broker, p_provider, p_seeker):
    """Held = the slot has ended and nobody marked a no-show (check-in is not required)."""
    meeting = _meet(event, broker, p_seeker, p_provider)
    assert outcome.meetings_held(event) == 0  # the event is in 2030: not held yet
    after = meeting.slot.ends_at
    assert outcome.meetings_held(event, now=after - dt.timedelta(seconds=1)) == 0
    assert outcome.meetings_held(event, now=after) == 1
    Slot.objects.filter(pk=meeting.slot_id).update(
        starts_at=timezone.now() - dt.timedelta(hours=1),
        ends_at=timezone.now() - dt.timedelta(minutes=30),
    )
    assert outcome.meetings_held(event) == 1
    assert headline_figures()["meetings"] == 1  # the home page (insights' definition)
    meeting = Meeting.objects.select_related("slot").get(pk=meeting.pk)
    dayof.mark_no_show(user=broker, meeting=meeting)
    report = outcome.report(event)
    assert (report["held"], report["no_shows"], report["scheduled"]) == (0, 1, 1)


def test_check_in_needs_organiser(event, p_seeker):
    with pytest.raises(PermissionDenied):
        dayof.check_in(user=p_seeker.user, participant=p_seeker)


def test_rating_both_continue_opens_deal_at_the_event(event, broker, p_provider, p_seeker):
    meeting = _meet(event, broker, p_seeker, p_provider)
    meeting.slot.starts_at = timezone.now() - dt.timedelta(minutes=35)
    meeting.slot.ends_at = timezone.now() - dt.timedelta(minutes=5)
    meeting.slot.save()
    meeting.refresh_from_db()
    rating, deal = dayof.rate_meeting(
        user=p_seeker.user, meeting=meeting, score=5, wants_to_continue=True
    )
    assert (rating.score, deal) == (5, None)
    _, deal = dayof.rate_meeting(
        user=p_provider.user, meeting=meeting, score=4, wants_to_continue=True
    )
    assert (deal.event, deal.source, deal.stage) == (event, "event", "interest")
    assert {deal.profile.kind, deal.counterpart_profile.kind} == {"offer", "need"}
    meeting.refresh_from_db()
    assert meeting.follow_up is True
    assert meeting.ratings.count() == 2
    report = outcome.report(event)
    assert (report["follow_ups"], report["agreements"]) == (1, 0)


def test_rating_bad_input(event, broker, p_provider, p_seeker, outsider):
    meeting = _meet(event, broker, p_seeker, p_provider)
    with pytest.raises(ValidationError, match="once it has ended"):
        dayof.rate_meeting(user=p_seeker.user, meeting=meeting, score=3, wants_to_continue=False)
    # Started but not over yet: still too early to rate.
    meeting.slot.starts_at = timezone.now() - dt.timedelta(minutes=5)
    meeting.slot.ends_at = timezone.now() + dt.timedelta(minutes=25)
    meeting.slot.save()
    with pytest.raises(ValidationError, match="once it has ended"):
        dayof.rate_meeting(user=p_seeker.user, meeting=meeting, score=3, wants_to_continue=False)
    meeting.slot.ends_at = timezone.now() - dt.timedelta(seconds=1)
    meeting.slot.save()
    meeting = Meeting.objects.select_related("slot").get(pk=meeting.pk)
    with pytest.raises(ValidationError, match="1 to 5"):
        dayof.rate_meeting(user=p_seeker.user, meeting=meeting, score=6, wants_to_continue=False)
    with pytest.raises(PermissionDenied):
        dayof.rate_meeting(user=outsider, meeting=meeting, score=3, wants_to_continue=False)
    assert meeting.ratings.count() == 0


def test_offer_need_pair_for_deal(event, broker, p_provider, p_seeker):
    meeting = _meet(event, broker, p_seeker, p_provider)
    offer, need = dayof._offer_need_pair(meeting)
    assert (offer.kind, need.kind) == ("offer", "need")
    extra = ProfileFactory(kind="offer", organisation=p_provider.organisation, status="published")
    p_provider.profiles.add(extra)
    assert dayof._offer_need_pair(meeting)[1] == need


def test_outcome_report_counts_agreements_linked_to_the_event(event, broker):
    parties = [OrganisationFactory(), OrganisationFactory()]
    for linked in (event.pk, None):
        agreements.record_agreement(
            user=broker,
            data={"title": "MoU", "type": "mou", "signed_on": DAY, "event_id": linked},
            parties=parties,
        )
    assert outcome.report(event)["agreements"] == 1
