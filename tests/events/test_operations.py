"""Organisers run an event without the admin (issue #19 §1): editing, unpublishing and
cancelling with registrants told, sessions edited and removed (meetings unscheduled with a
reason), bulk decisions, walk-ins, search, counters, agendas, the ended-slot rule, request
expiry and reminders, video links and the follow-up survey."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from icalendar import Calendar

from lintas.brokerage.models import Deal
from lintas.core.models import Notification
from lintas.events.domain import agenda, dayof, follow_up, queries, registration, scheduling
from lintas.events.domain import events as event_domain
from lintas.events.domain import requests as req
from lintas.events.models import FollowUp, Meeting, MeetingRequest, Participant, Session, Slot
from tests.events.conftest import DAY, enrol
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def _accepted(event, broker, a, b):
    return req.organiser_add_request(user=broker, event=event, sender=a, receiver=b)


def _meet(event, broker, a, b):
    _accepted(event, broker, a, b)
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    return Meeting.objects.select_related("slot__session", "request__event").get()


def _notes(user):
    return list(Notification.objects.filter(recipient=user).values_list("text", flat=True))


def test_editing_the_place_tells_registrants_but_not_refused_ones(event, broker, p_seeker):
    refused = enrol(UserFactory(role="seeker"), event, broker, validated=False)
    registration.decide_participant(user=broker, participant=refused, accept=False)
    event_domain.update_event(user=broker, event=event, data={"description": "More words"})
    assert _notes(p_seeker.user) == []  # wording changes are not worth a message
    event_domain.update_event(user=broker, event=event, data={"venue": "Hall 2"})
    event.refresh_from_db()
    assert event.venue == "Hall 2"
    assert _notes(p_seeker.user) == ["Matchmaking 2030 has changed"]
    assert _notes(refused.user) == []
    assert [m.to for m in mail.outbox] == [[p_seeker.user.email]]


def test_registrants_are_told_in_their_language(event, broker, p_seeker):
    p_seeker.user.language = "id"
    p_seeker.user.save()
    event_domain.cancel_event(user=broker, event=event, reason="Banjir")
    [text] = _notes(p_seeker.user)
    assert "Matchmaking 2030" in text
    assert text != "Matchmaking 2030 is cancelled"  # Indonesian, not English
    assert "Banjir" in mail.outbox[0].body


def test_unpublish_hides_the_event_and_tells_registrants(event, broker, p_seeker, seeker):
    event_domain.unpublish_event(user=broker, event=event)
    event.refresh_from_db()
    assert event.published is False
    assert _notes(p_seeker.user) == ["Matchmaking 2030 is no longer published"]
    with pytest.raises(ValidationError):
        event_domain.unpublish_event(user=broker, event=event)
    with pytest.raises(PermissionDenied):
        event_domain.unpublish_event(user=seeker, event=EventFactory())


def test_cancel_needs_a_reason_then_closes_everything(event, broker, p_seeker, p_provider):
    with pytest.raises(ValidationError):
        event_domain.cancel_event(user=broker, event=event, reason="  ")
    event.refresh_from_db()
    assert event.cancelled_at is None
    with pytest.raises(PermissionDenied):
        event_domain.cancel_event(user=p_seeker.user, event=event, reason="no")
    pending = req.send_request(user=p_seeker.user, event=event, receiver=p_provider)
    event_domain.cancel_event(user=broker, event=event, reason="Typhoon warning")
    event.refresh_from_db()
    pending.refresh_from_db()
    assert (event.is_cancelled, event.registration_open, pending.status) == (
        True,
        False,
        "cancelled",
    )
    late = UserFactory(role="seeker")
    with pytest.raises(ValidationError):
        registration.register(user=late, event=event)
    with pytest.raises(ValidationError, match="cancelled"):
        req.organiser_add_request(user=broker, event=event, sender=p_provider, receiver=p_seeker)
    assert "Typhoon warning" in " ".join(m.body for m in mail.outbox)
    assert len(_notes(p_provider.user)) == 1


def test_removing_a_session_unschedules_its_meetings_with_the_reason(
    event, broker, p_seeker, p_provider
):
    meeting = _meet(event, broker, p_seeker, p_provider)
    session = meeting.slot.session
    with pytest.raises(ValidationError):
        event_domain.remove_session(user=broker, session=session, reason="")
    assert Meeting.objects.count() == 1
    count = event_domain.remove_session(user=broker, session=session, reason="Hall flooded")
    assert count == 1
    assert not Session.objects.filter(pk=session.pk).exists()
    assert not Slot.objects.filter(session__event=event).exists()
    request = MeetingRequest.objects.get()
    assert (request.status, request.unscheduled_reason) == ("accepted", "Hall flooded")
    for person in (p_seeker.user, p_provider.user):
        [text] = _notes(person)
        assert text == "A meeting at Matchmaking 2030 was removed from your agenda"
    assert all("Hall flooded" in m.body for m in mail.outbox)


def test_shortening_a_session_unschedules_only_lost_slots(event, broker, p_seeker, p_provider):
    others = [enrol(UserFactory(role="seeker"), event, broker) for _ in range(2)]
    _accepted(event, broker, p_seeker, p_provider)
    _accepted(event, broker, others[0], others[1])
    session = Session.objects.get(event=event)
    slots = list(session.slots.all())
    # Pin the first meeting to the last slot, the second to the first slot.
    first, second = MeetingRequest.objects.order_by("pk")
    Meeting.objects.create(request=first, slot=slots[-1], table=1, fixed=True)
    Meeting.objects.create(request=second, slot=slots[0], table=1, fixed=True)
    event_domain.update_session(
        user=broker, session=session, data={"end_time": dt.time(10, 0)}, reason="Lunch earlier"
    )
    assert session.slots.count() == 2
    assert list(Meeting.objects.values_list("request_id", flat=True)) == [second.pk]
    first.refresh_from_db()
    assert first.unscheduled_reason == "Lunch earlier"
    assert _notes(others[0].user) == []
    # Run again: the request finds a slot and loses its reason.
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    first.refresh_from_db()
    assert (first.unscheduled_reason, Meeting.objects.count()) == ("", 2)


def test_new_session_slots_join_open_availability(event, broker, p_seeker, seeker_org):
    narrow = enrol(UserFactory(role="seeker", organisation=seeker_org), event, broker)
    registration.set_availability(
        user=broker, participant=narrow, slot_ids=[Slot.objects.first().pk]
    )
    event_domain.add_session(
        user=broker,
        event=event,
        data={
            "date": DAY,
            "start_time": dt.time(14),
            "end_time": dt.time(15),
            "slot_minutes": 30,
            "tables": 2,
            "online": True,
        },
    )
    assert p_seeker.available_slots.count() == 6
    assert narrow.available_slots.count() == 1


def test_bulk_decisions_are_all_or_nothing_and_refused_stay_listed(event, broker, seeker):
    people = [enrol(UserFactory(role="seeker"), event, broker, validated=False) for _ in range(3)]
    stranger = enrol(UserFactory(role="seeker"), EventFactory(), broker, validated=False)
    with pytest.raises(ValidationError):
        registration.decide_participants(
            user=broker, event=event, ids=[people[0].pk, stranger.pk], accept=True
        )
    assert Participant.objects.filter(event=event, status="validated").count() == 0
    with pytest.raises(PermissionDenied):
        registration.decide_participants(user=seeker, event=event, ids=[people[0].pk], accept=True)
    n = registration.decide_participants(
        user=broker, event=event, ids=[people[0].pk, people[1].pk], accept=True
    )
    assert n == 2
    registration.decide_participants(user=broker, event=event, ids=[people[2].pk], accept=False)
    assert queries.status_counts(event) == {"pending": 0, "validated": 2, "rejected": 1}
    assert list(queries.registrations(event, status="rejected")) == [people[2]]
    assert len(queries.registrations(event)) == 3


def test_walk_in_with_an_existing_account_and_a_new_one(event, broker, seeker):
    p = registration.register_walk_in(user=broker, event=event, account=seeker)
    assert (p.status, p.checked_in_at is not None, p.organisation) == (
        "validated",
        True,
        seeker.organisation,
    )
    assert p.available_slots.count() == 4
    with pytest.raises(ValidationError, match="already registered"):
        registration.register_walk_in(user=broker, event=event, account=seeker)
    new = registration.register_walk_in(
        user=broker,
        event=event,
        name="Siti Rahma",
        email="Siti@Example.ORG",
        organisation_name="Koperasi Tani Subang",
        language="id",
    )
    user = new.user
    assert (user.first_name, user.last_name, user.email, user.language) == (
        "Siti",
        "Rahma",
        "siti@example.org",
        "id",
    )
    assert user.has_usable_password() is False
    assert new.organisation is None and new.note == "Koperasi Tani Subang"
    with pytest.raises(ValidationError):
        registration.register_walk_in(user=broker, event=event, name="X", email="siti@example.org")
    with pytest.raises(PermissionDenied):
        registration.register_walk_in(user=seeker, event=event, name="Y", email="y@example.org")


def test_search_participants_by_name_or_organisation(event, broker, p_seeker, p_provider):
    assert queries.search_participants(event, "guangxi") == [p_provider]
    assert queries.search_participants(event, "tani makmur") == [p_seeker]
    assert queries.search_participants(event, "saline") == [p_seeker]  # a profile title
    assert queries.search_participants(event, "") == []


def test_checkin_counts_and_only_validated_check_in(event, broker, p_seeker, p_provider):
    waiting = enrol(UserFactory(role="seeker"), event, broker, validated=False)
    assert queries.checkin_counts(event) == {"checked_in": 0, "expected": 2}
    dayof.check_in(user=broker, participant=p_seeker)
    assert queries.checkin_counts(event) == {"checked_in": 1, "expected": 2}
    with pytest.raises(ValidationError):
        dayof.check_in(user=broker, participant=waiting)


def test_all_agendas_one_entry_per_validated_participant(event, broker, p_seeker, p_provider):
    _meet(event, broker, p_seeker, p_provider)
    alone = enrol(UserFactory(role="seeker"), event, broker)
    agendas = dict(queries.all_agendas(event))
    assert set(agendas) == {p_seeker, p_provider, alone}
    assert [other for _m, other in agendas[p_seeker]] == [p_provider]
    assert agendas[alone] == []


def test_no_show_only_after_the_slot_started(event, broker, p_seeker, p_provider):
    meeting = _meet(event, broker, p_seeker, p_provider)
    with pytest.raises(ValidationError, match="started"):
        dayof.mark_no_show(user=broker, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.no_show is False
    Slot.objects.filter(pk=meeting.slot_id).update(
        starts_at=timezone.now() - dt.timedelta(minutes=1)
    )
    meeting = Meeting.objects.select_related("slot").get(pk=meeting.pk)
    assert dayof.mark_no_show(user=broker, meeting=meeting).no_show is True


def test_scheduler_never_places_a_meeting_in_an_ended_slot(event, broker, p_seeker, p_provider):
    others = [enrol(UserFactory(role="seeker"), event, broker) for _ in range(2)]
    slots = list(Slot.objects.filter(session__event=event))
    now = timezone.now()
    # Move the session to today: the first two slots have ended, the third is running.
    for i, slot in enumerate(slots):
        Slot.objects.filter(pk=slot.pk).update(
            starts_at=now - dt.timedelta(minutes=70 - 30 * i),
            ends_at=now - dt.timedelta(minutes=40 - 30 * i),
        )
    held = _accepted(event, broker, others[0], others[1])
    Meeting.objects.create(request=held, slot=slots[0], table=1)  # already happened
    _accepted(event, broker, p_seeker, p_provider)
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    placed = {m.request_id: m.slot for m in Meeting.objects.select_related("slot")}
    assert placed[held.pk].pk == slots[0].pk  # the held meeting stays where it was
    new = [s for rid, s in placed.items() if rid != held.pk]
    assert len(new) == 1 and new[0].ends_at > now


def test_requests_expire_and_the_person_asked_is_reminded_once(
    event, broker, p_seeker, p_provider, settings
):
    settings.LINTAS = {
        **settings.LINTAS,
        "EVENT_REQUEST_EXPIRY_HOURS": 48,
        "EVENT_REQUEST_REMINDER_HOURS": 12,
    }
    r = req.send_request(user=p_seeker.user, event=event, receiver=p_provider)
    created = r.created_at
    assert req.expire_and_remind(now=created + dt.timedelta(hours=30)) == {
        "expired": 0,
        "reminded": 0,
    }
    assert req.expire_and_remind(now=created + dt.timedelta(hours=37)) == {
        "expired": 0,
        "reminded": 1,
    }
    assert req.expire_and_remind(now=created + dt.timedelta(hours=40))["reminded"] == 0
    [reminder] = _notes(p_provider.user)
    assert "is waiting for your answer" in reminder
    assert req.expire_and_remind(now=created + dt.timedelta(hours=48)) == {
        "expired": 1,
        "reminded": 0,
    }
    r.refresh_from_db()
    assert r.status == "expired"
    assert _notes(p_seeker.user) == ["Your meeting request at Matchmaking 2030 expired"]
    with pytest.raises(ValidationError, match="expired"):
        req.decide_request(user=p_provider.user, request=r, accept=True)


def test_online_meetings_get_a_stable_video_link(event, broker, p_seeker, p_provider, settings):
    meeting = _meet(event, broker, p_seeker, p_provider)
    assert agenda.video_link(meeting) == ""  # a table, not a video room
    Session.objects.filter(event=event).update(online=True)
    meeting = Meeting.objects.select_related("slot__session", "request__event").get()
    assert agenda.video_link(meeting) == ""  # no pattern configured
    settings.LINTAS = {**settings.LINTAS, "EVENT_VIDEO_URL": "https://meet.example.org/{room}"}
    link = agenda.video_link(meeting)
    assert link.startswith("https://meet.example.org/lintas-mm-2030-")
    assert agenda.video_link(meeting) == link and len(link.rsplit("-", 1)[1]) == 20
    cal = Calendar.from_ical(agenda.ics(p_seeker))
    [item] = [c for c in cal.walk() if c.name == "VEVENT"]
    assert str(item["location"]) == link
    settings.LINTAS = {**settings.LINTAS, "EVENT_VIDEO_URL": "https://jitsi.example.net/"}
    assert agenda.video_link(meeting).startswith("https://jitsi.example.net/lintas-mm-2030-")


def _held_meeting(event, broker, a, b):
    meeting = _meet(event, broker, a, b)
    Slot.objects.filter(pk=meeting.slot_id).update(
        starts_at=timezone.now() - dt.timedelta(days=200, minutes=30),
        ends_at=timezone.now() - dt.timedelta(days=200),
    )
    return meeting


def test_follow_up_survey_goes_out_after_n_months_once(event, broker, p_seeker, p_provider):
    _held_meeting(event, broker, p_seeker, p_provider)
    event.starts_on = event.ends_on = dt.date(2026, 1, 15)
    event.save()
    assert follow_up.due_on(event) == dt.date(2026, 7, 15)
    before = timezone.make_aware(dt.datetime(2026, 7, 14, 12))
    assert follow_up.send_due(now=before) == 0
    after = timezone.make_aware(dt.datetime(2026, 7, 15, 12))
    assert follow_up.send_due(now=after) == 2
    assert follow_up.send_due(now=after) == 0
    assert FollowUp.objects.count() == 2
    assert {m.to[0] for m in mail.outbox} == {p_seeker.user.email, p_provider.user.email}


def test_follow_up_months_are_configurable(event, settings):
    settings.LINTAS = {**settings.LINTAS, "EVENT_FOLLOW_UP_MONTHS": 3}
    event.ends_on = dt.date(2026, 11, 30)
    assert follow_up.due_on(event) == dt.date(2027, 2, 28)


def test_no_show_meetings_get_no_survey(event, broker, p_seeker, p_provider):
    meeting = _held_meeting(event, broker, p_seeker, p_provider)
    Meeting.objects.filter(pk=meeting.pk).update(no_show=True)
    event.starts_on = event.ends_on = dt.date(2025, 1, 1)
    event.save()
    assert follow_up.send_due() == 0


def test_follow_up_answer_updates_the_deal(event, broker, p_seeker, p_provider, offer, need):
    meeting = _held_meeting(event, broker, p_seeker, p_provider)
    meeting = Meeting.objects.select_related("slot").get(pk=meeting.pk)
    for who in (p_seeker, p_provider):
        dayof.rate_meeting(user=who.user, meeting=meeting, score=5, wants_to_continue=True)
    deal = Deal.objects.get()
    event.starts_on = event.ends_on = dt.date(2025, 1, 1)
    event.save()
    follow_up.send_due()
    mine = FollowUp.objects.get(participant=p_seeker)
    with pytest.raises(PermissionDenied):
        follow_up.answer(user=p_provider.user, survey=mine, outcome="stopped")
    with pytest.raises(ValidationError):
        follow_up.answer(user=p_seeker.user, survey=mine, outcome="maybe")
    follow_up.answer(user=p_seeker.user, survey=mine, outcome="ongoing", comment="Pilot in May")
    deal.refresh_from_db()
    assert deal.stage == "interest"
    assert "Pilot in May" in deal.notes.get().text
    theirs = FollowUp.objects.get(participant=p_provider)
    follow_up.answer(user=p_provider.user, survey=theirs, outcome="stopped")
    deal.refresh_from_db()
    assert deal.stage == "declined"
    assert follow_up.results(event) == {
        "sent": 2,
        "answered": 2,
        "agreement": 0,
        "ongoing": 1,
        "stopped": 1,
    }
    theirs.refresh_from_db()
    assert theirs.deal_id == deal.pk


def test_beat_tasks_are_registered_and_run(event, broker, p_seeker, p_provider, settings):
    from django.conf import settings as django_settings

    from lintas.celery import app
    from lintas.events import tasks

    names = {e["task"] for e in django_settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"lintas.events.expire_meeting_requests", "lintas.events.send_follow_up_surveys"} <= (
        names & set(app.tasks)
    )
    r = req.send_request(user=p_seeker.user, event=event, receiver=p_provider)
    MeetingRequest.objects.filter(pk=r.pk).update(created_at=timezone.now() - dt.timedelta(days=30))
    assert tasks.expire_meeting_requests.delay().get() == {"expired": 1, "reminded": 0}
    assert tasks.send_follow_up_surveys.delay().get() == 0


def test_first_session_opens_to_people_registered_before_it(broker, seeker):
    early = EventFactory(slug="early", registration_deadline=None)
    participant = registration.register(user=seeker, event=early)
    assert participant.available_slots.count() == 0
    event_domain.add_session(
        user=broker,
        event=early,
        data={
            "date": early.starts_on,
            "start_time": dt.time(9),
            "end_time": dt.time(10),
            "slot_minutes": 20,
            "tables": 1,
            "online": False,
        },
    )
    assert participant.available_slots.count() == 3
