"""The organisers' pages of issue #19 §1: each one allowed to organisers only, and each write
checked for its effect."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lintas.events.domain import requests as req
from lintas.events.domain import scheduling
from lintas.events.models import Event, FollowUp, Meeting, MeetingRequest, Participant, Session
from tests.conftest import login
from tests.events.conftest import enrol
from tests.events.test_pages import ROLES, client_for
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

ORGANISER_PAGES = ["edit", "registrations", "walk_in", "agendas_print", "checkin_counts"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ORGANISER_PAGES)
def test_organiser_pages_permission_matrix(page, role, request, event, p_provider, p_seeker):
    response = client_for(role, request).get(reverse(f"events:{page}", args=[event.slug]))
    expected = {"broker": 200, "admin": 200, "anonymous": 302}.get(role, 403)
    assert response.status_code == expected


@pytest.mark.parametrize("role", ["seeker", "broker"])
def test_participant_agenda_and_slot_plan_for_organisers_only(
    role, request, event, p_provider, p_seeker
):
    client = client_for(role, request)
    slot = event.sessions.get().slots.first()
    urls = [
        reverse("events:participant_agenda", args=[event.slug, p_provider.pk]),
        reverse("events:participant_agenda", args=[event.slug, p_provider.pk]) + "?print=1",
        reverse("events:plan_slot", args=[event.slug, slot.pk]),
        reverse("events:session_edit", args=[event.slug, event.sessions.get().pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == (200 if role == "broker" else 403)


def test_edit_and_cancel_pages(event, broker, p_seeker):
    client = login(broker)
    url = reverse("events:edit", args=[event.slug])
    data = {
        "title": "Matchmaking 2030 (moved)",
        "kind": "matchmaking",
        "city": "Nanning",
        "venue": "Hall 3",
        "starts_on": "2030-05-20",
        "ends_on": "2030-05-20",
        "max_requests_sent": 5,
        "published": "on",
    }
    assert client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert (event.venue, event.max_requests_sent) == ("Hall 3", 5)
    assert p_seeker.user.notifications.count() == 1
    # Cancelling without a reason changes nothing.
    response = client.post(reverse("events:cancel", args=[event.slug]), {"reason": ""})
    assert response.status_code == 400
    event.refresh_from_db()
    assert event.cancelled_at is None
    client.post(reverse("events:cancel", args=[event.slug]), {"reason": "Typhoon"})
    event.refresh_from_db()
    assert event.cancellation_reason == "Typhoon"
    body = login(p_seeker.user).get(event.get_absolute_url()).content.decode()
    assert "This event is cancelled." in body and "Typhoon" in body


def test_unpublish_page_hides_the_event_from_the_list(event, broker, seeker):
    login(broker).post(reverse("events:unpublish", args=[event.slug]))
    assert Event.objects.get(pk=event.pk).published is False
    assert event.title not in login(seeker).get(reverse("events:list")).content.decode()


def test_session_remove_page_unschedules_with_reason(event, broker, p_seeker, p_provider):
    req.organiser_add_request(user=broker, event=event, sender=p_seeker, receiver=p_provider)
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    session = Session.objects.get()
    client = login(broker)
    url = reverse("events:session_remove", args=[event.slug, session.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert Meeting.objects.count() == 1
    client.post(url, {"reason": "Room closed"})
    assert Meeting.objects.count() == 0 and Session.objects.count() == 0
    body = client.get(reverse("events:schedule", args=[event.slug])).content.decode()
    assert "Room closed" in body


def test_registrations_page_shows_titles_filters_and_bulk_decides(event, broker, need):
    people = [
        enrol(
            UserFactory(role="seeker", organisation=OrganisationFactory(name=f"Koperasi {word}")),
            event,
            broker,
            validated=False,
        )
        for word in ("Alpha", "Beta", "Gamma")
    ]
    Participant.objects.filter(pk=people[0].pk).update(organisation=need.organisation)
    people[0].profiles.add(need)
    client = login(broker)
    url = reverse("events:registrations", args=[event.slug])
    body = client.get(url).content.decode()
    assert "Rice for saline soil" in body and f">{need.ref}<" not in body  # titles, not refs
    assert client.get(url, {"q": "koperasi gamma"}).context["people"] == [people[2]]
    response = client.post(
        url, {"action": "validate", "ids": [people[0].pk, people[1].pk], "back": "status=pending"}
    )
    assert response.status_code == 302 and response["Location"].endswith("?status=pending")
    client.post(url, {"action": "refuse", "ids": [people[2].pk]})
    statuses = dict(Participant.objects.values_list("pk", "status"))
    assert [statuses[p.pk] for p in people] == ["validated", "validated", "rejected"]
    refused = client.get(url, {"status": "rejected"}).context["people"]
    assert refused == [people[2]]
    assert "Rejected: <b>1</b>" in client.get(url).content.decode()


def test_walk_in_page_existing_and_new(event, broker, seeker):
    client = login(broker)
    url = reverse("events:walk_in", args=[event.slug])
    assert client.post(url, {"account": "nobody", "language": "en"}).status_code == 200
    assert Participant.objects.count() == 0
    assert client.post(url, {"account": seeker.email, "language": "en"}).status_code == 302
    assert Participant.objects.get(user=seeker).checked_in_at is not None
    client.post(url, {"name": "Nguyen Van An", "email": "an@example.vn", "language": "vi"})
    walk_in = Participant.objects.get(user__email="an@example.vn")
    assert (walk_in.status, walk_in.user.language) == ("validated", "vi")


def test_schedule_page_adds_requests_by_name_and_asks_when_ambiguous(
    event, broker, p_seeker, p_provider, seeker_org
):
    twin = enrol(UserFactory(role="seeker", organisation=seeker_org), event, broker)
    client = login(broker)
    url = reverse("events:schedule", args=[event.slug])
    response = client.post(url, {"sender_q": "Tani Makmur", "receiver_q": "Guangxi", "priority": 1})
    assert response.status_code == 400
    assert {p.pk for p in response.context["candidates"]["sender"]} == {p_seeker.pk, twin.pk}
    assert MeetingRequest.objects.count() == 0
    response = client.post(
        url,
        {"sender_q": "Tani Makmur", "sender": twin.pk, "receiver_q": "Guangxi", "priority": 2},
    )
    assert response.status_code == 302
    r = MeetingRequest.objects.get()
    assert (r.sender, r.receiver, r.priority, r.status) == (twin, p_provider, 2.0, "accepted")
    response = client.post(url, {"sender_q": "Nobody here", "receiver_q": "Guangxi", "priority": 1})
    assert "No validated participant matches" in response.content.decode()


def test_print_all_agendas_one_per_page(event, broker, p_seeker, p_provider):
    req.organiser_add_request(user=broker, event=event, sender=p_seeker, receiver=p_provider)
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    alone = enrol(UserFactory(role="seeker"), event, broker)
    client = login(broker)
    url = reverse("events:agendas_print", args=[event.slug])
    body = client.get(url).content.decode()
    assert body.count('class="agenda-page"') == 2
    assert "lintas/print.css" in body and "<script>" not in body
    assert client.get(url, {"all": "1"}).content.decode().count('class="agenda-page"') == 3
    one = client.get(reverse("events:participant_agenda", args=[event.slug, alone.pk]))
    assert "No meetings scheduled yet." in one.content.decode()


def test_checkin_page_search_counts_and_undo(event, broker, p_seeker, p_provider):
    client = login(broker)
    url = reverse("events:checkin", args=[event.slug])
    page = client.get(url, {"q": "Guangxi"})
    assert list(page.context["people"]) == [p_provider]
    client.post(url, {"participant": p_provider.pk, "present": "1", "q": "Guangxi"})
    counts = client.get(reverse("events:checkin_counts", args=[event.slug])).content.decode()
    assert 'id="checked-in">1<' in counts and 'id="expected">2<' in counts
    partial = client.get(url, {"q": "Tani", "part": "list"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and "Tani Makmur" in partial.content.decode()
    client.post(url, {"participant": p_provider.pk, "present": "0"})
    p_provider.refresh_from_db()
    assert p_provider.checked_in_at is None


def test_slot_plan_offers_no_show_only_after_start(event, broker, p_seeker, p_provider):
    req.organiser_add_request(user=broker, event=event, sender=p_seeker, receiver=p_provider)
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    meeting = Meeting.objects.select_related("slot").get()
    client = login(broker)
    url = reverse("events:plan_slot", args=[event.slug, meeting.slot_id])
    assert "Mark no-show" not in client.get(url).content.decode()
    action = reverse("events:meeting_action", args=[event.slug, meeting.pk, "no-show"])
    client.post(action, {"slot": meeting.slot_id})
    assert Meeting.objects.get().no_show is False
    type(meeting.slot).objects.filter(pk=meeting.slot_id).update(
        starts_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert "Mark no-show" in client.get(url).content.decode()
    response = client.post(action, {"slot": meeting.slot_id})
    assert response["Location"] == url
    assert Meeting.objects.get().no_show is True


def test_follow_up_page_for_its_participant_only(event, broker, p_seeker, p_provider):
    req.organiser_add_request(user=broker, event=event, sender=p_seeker, receiver=p_provider)
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    meeting = Meeting.objects.get()
    survey = FollowUp.objects.create(meeting=meeting, participant=p_seeker, sent_at=timezone.now())
    url = reverse("events:follow_up", args=[event.slug, survey.pk])
    assert login(p_provider.user).get(url).status_code == 404
    client = login(p_seeker.user)
    assert str(p_provider) in client.get(url).content.decode()
    assert client.post(url, {"outcome": "agreement"}).status_code == 302
    survey.refresh_from_db()
    assert (survey.outcome, survey.answered_at is not None) == ("agreement", True)
    report = login(broker).get(reverse("events:outcome", args=[event.slug]))
    assert report.context["survey"]["agreement"] == 1


def test_request_list_says_when_to_answer_and_detail_lists_surveys(
    event, broker, p_seeker, p_provider
):
    r = req.send_request(user=p_seeker.user, event=event, receiver=p_provider)
    body = login(p_provider.user).get(reverse("events:requests", args=[event.slug]))
    assert "Answer before" in body.content.decode()
    assert body.context["received"][0].expires_at == req.expires_at(r)
    req.decide_request(user=p_provider.user, request=r, accept=True)
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    survey = FollowUp.objects.create(
        meeting=Meeting.objects.get(), participant=p_seeker, sent_at=timezone.now()
    )
    page = login(p_seeker.user).get(event.get_absolute_url()).content.decode()
    assert reverse("events:follow_up", args=[event.slug, survey.pk]) in page
    other = login(p_provider.user).get(event.get_absolute_url()).content.decode()
    assert "What became of your meetings?" not in other


@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize("page", ["registrations", "checkin", "agendas_print"])
def test_organiser_lists_query_count(page, n, event, broker, django_assert_max_num_queries):
    people = [enrol(UserFactory(role="seeker"), event, broker) for _ in range(2 * n)]
    for i in range(n):
        req.organiser_add_request(
            user=broker, event=event, sender=people[i], receiver=people[i + n]
        )
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    client = login(broker)
    with django_assert_max_num_queries(14):
        response = client.get(reverse(f"events:{page}", args=[event.slug]))
    assert response.status_code == 200
    assert response.content.decode().count(people[0].user.username) >= 1
