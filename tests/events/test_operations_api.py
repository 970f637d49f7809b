"""The organisers' API (issue #19 §1): every route refused to participants, allowed to
organisers, and checked for its effect."""

import pytest
from django.test import Client
from django.utils import timezone

from lintas.events.domain import requests as req
from lintas.events.domain import scheduling
from lintas.events.models import Event, FollowUp, Meeting, MeetingRequest, Participant, Session
from tests.conftest import login
from tests.events.conftest import enrol
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

J = "application/json"


def _routes(event, session):
    base = f"/api/v1/events/{event.slug}"
    return [
        ("patch", f"{base}/", {"venue": "Hall 9"}),
        ("post", f"{base}/unpublish/", {}),
        ("post", f"{base}/cancel/", {"reason": "Storm"}),
        ("post", f"{base}/sessions/", {}),
        ("patch", f"/api/v1/event-sessions/{session.pk}/", {"tables": 3}),
        ("post", f"/api/v1/event-sessions/{session.pk}/remove/", {"reason": "x"}),
        ("get", f"{base}/registrations/", None),
        ("post", f"{base}/registrations/decide/", {"ids": [1], "accept": True}),
        ("post", f"{base}/walk-in/", {"account": "seeker"}),
        ("get", f"{base}/participant-search/?q=a", None),
        ("post", f"{base}/organiser-requests/", {"sender": 1, "receiver": 2}),
        ("get", f"{base}/agendas/", None),
        ("get", f"{base}/checkin-counts/", None),
    ]


def test_organiser_routes_are_refused_to_participants_and_anonymous(event, p_seeker):
    session = Session.objects.get()
    before = Event.objects.values().get(pk=event.pk)
    for client, code in ((login(p_seeker.user), 403), (Client(), (401, 403))):
        for method, url, body in _routes(event, session):
            kwargs = {"content_type": J} if body is not None else {}
            response = (
                getattr(client, method)(url, body, **kwargs)
                if body is not None
                else (getattr(client, method)(url))
            )
            expected = code if isinstance(code, tuple) else (code,)
            assert response.status_code in expected, (method, url, response.status_code)
    assert Event.objects.values().get(pk=event.pk) == before
    assert Session.objects.count() == 1
    anon = Client().post("/api/v1/events/", {"slug": "x", "title": "x"}, content_type=J)
    assert anon.status_code in (401, 403) and not Event.objects.filter(slug="x").exists()


def test_create_edit_unpublish_cancel_via_api(broker, p_seeker, event):
    client = login(broker)
    created = client.post(
        "/api/v1/events/",
        {
            "slug": "forum-2031",
            "title": "Forum 2031",
            "kind": "forum",
            "starts_on": "2031-03-01",
            "ends_on": "2031-03-02",
        },
        content_type=J,
    )
    assert created.status_code == 201, created.content
    again = client.post(
        "/api/v1/events/",
        {"slug": "forum-2031", "title": "x", "kind": "forum", "starts_on": "2031-03-01",
         "ends_on": "2031-03-01"},
        content_type=J,
    )  # fmt: skip
    assert again.status_code == 400 and "already exists" in again.content.decode()
    edited = client.patch(f"/api/v1/events/{event.slug}/", {"city": "Guilin"}, content_type=J)
    assert edited.json()["city"] == "Guilin"
    assert p_seeker.user.notifications.count() == 1
    assert client.post(f"/api/v1/events/{event.slug}/unpublish/").json()["published"] is False
    no_reason = client.post(f"/api/v1/events/{event.slug}/cancel/", {"reason": ""}, content_type=J)
    assert no_reason.status_code == 400
    done = client.post(f"/api/v1/events/{event.slug}/cancel/", {"reason": "Storm"}, content_type=J)
    assert done.json()["cancellation_reason"] == "Storm" and done.json()["cancelled_at"]


def test_sessions_via_api(broker, event, p_seeker, p_provider):
    client = login(broker)
    added = client.post(
        f"/api/v1/events/{event.slug}/sessions/",
        {"date": "2030-05-20", "start_time": "14:00", "end_time": "15:00", "online": True},
        content_type=J,
    )
    assert added.status_code == 201 and len(added.json()["slots"]) == 2
    req.organiser_add_request(user=broker, event=event, sender=p_seeker, receiver=p_provider)
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    meeting = Meeting.objects.select_related("slot__session").get()
    session = meeting.slot.session
    shorter = client.patch(
        f"/api/v1/event-sessions/{session.pk}/",
        {"tables": 1, "reason": "One table left"},
        content_type=J,
    )
    assert shorter.status_code == 200 and shorter.json()["tables"] == 1
    removed = client.post(
        f"/api/v1/event-sessions/{session.pk}/remove/", {"reason": "Closed"}, content_type=J
    )
    assert removed.json()["removed"] is True
    assert not Session.objects.filter(pk=session.pk).exists()


def test_registrations_decide_walk_in_search_and_requests_via_api(broker, event, seeker, need):
    client = login(broker)
    waiting = [enrol(UserFactory(role="seeker"), event, broker, validated=False) for _ in range(2)]
    enrol(seeker, event, broker, [need])
    rows = client.get(f"/api/v1/events/{event.slug}/registrations/?status=pending").json()
    assert {r["id"] for r in rows["results"]} == {p.pk for p in waiting}
    assert rows["results"][0]["status_label"] == "Waiting for validation"
    mine = client.get(f"/api/v1/events/{event.slug}/registrations/?q=saline").json()["results"]
    assert [p["profiles"][0]["title"] for p in mine] == ["Rice for saline soil"]
    bad = client.post(
        f"/api/v1/events/{event.slug}/registrations/decide/",
        {"ids": [waiting[0].pk, 999999], "accept": True},
        content_type=J,
    )
    assert bad.status_code == 400
    assert Participant.objects.filter(status="pending").count() == 2
    ok = client.post(
        f"/api/v1/events/{event.slug}/registrations/decide/",
        {"ids": [p.pk for p in waiting], "accept": True},
        content_type=J,
    )
    assert ok.json()["changed"] == 2 and ok.json()["counts"]["validated"] == 3
    walk = client.post(
        f"/api/v1/events/{event.slug}/walk-in/",
        {"name": "Dara Sok", "email": "dara@example.kh", "language": "km"},
        content_type=J,
    )
    assert walk.status_code == 201 and walk.json()["checked_in_at"]
    found = client.get(f"/api/v1/events/{event.slug}/participant-search/?q=tani").json()
    assert [p["username"] for p in found] == ["seeker"]
    added = client.post(
        f"/api/v1/events/{event.slug}/organiser-requests/",
        {"sender": found[0]["id"], "receiver": walk.json()["id"], "priority": 2},
        content_type=J,
    )
    assert added.status_code == 201 and added.json()["status"] == "accepted"
    assert MeetingRequest.objects.get().priority == 2.0


def test_agendas_counts_plan_and_video_links_via_api(broker, event, p_seeker, p_provider, settings):
    settings.LINTAS = {**settings.LINTAS, "EVENT_VIDEO_URL": "https://meet.example.org/{room}"}
    Session.objects.update(online=True)
    req.organiser_add_request(user=broker, event=event, sender=p_seeker, receiver=p_provider)
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    client = login(broker)
    agendas = client.get(f"/api/v1/events/{event.slug}/agendas/").json()["results"]
    assert len(agendas) == 2
    link = agendas[0]["meetings"][0]["video_link"]
    assert link.startswith("https://meet.example.org/lintas-mm-2030-")
    one = client.get(f"/api/v1/events/{event.slug}/agendas/?participant={p_seeker.pk}").json()
    assert [a["participant"]["id"] for a in one["results"]] == [p_seeker.pk]
    mine = login(p_seeker.user).get(f"/api/v1/events/{event.slug}/agenda/").json()
    assert mine[0]["video_link"] == link
    slot = Meeting.objects.get().slot_id
    assert len(client.get(f"/api/v1/events/{event.slug}/plan/?slot={slot}").json()) == 1
    counts = client.get(f"/api/v1/events/{event.slug}/checkin-counts/").json()
    assert counts == {"checked_in": 0, "expected": 2}


def test_follow_ups_via_api(broker, event, p_seeker, p_provider):
    req.organiser_add_request(user=broker, event=event, sender=p_seeker, receiver=p_provider)
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    survey = FollowUp.objects.create(
        meeting=Meeting.objects.get(), participant=p_seeker, sent_at=timezone.now()
    )
    assert login(p_provider.user).get("/api/v1/event-follow-ups/").json()["results"] == []
    refused = login(p_provider.user).post(
        f"/api/v1/event-follow-ups/{survey.pk}/answer/", {"outcome": "stopped"}, content_type=J
    )
    assert refused.status_code == 404
    client = login(p_seeker.user)
    [row] = client.get("/api/v1/event-follow-ups/").json()["results"]
    assert row["other"] == str(p_provider)
    bad = client.post(
        f"/api/v1/event-follow-ups/{survey.pk}/answer/", {"outcome": "maybe"}, content_type=J
    )
    assert bad.status_code == 400
    answered = client.post(
        f"/api/v1/event-follow-ups/{survey.pk}/answer/",
        {"outcome": "ongoing", "comment": "Pilot"},
        content_type=J,
    )
    assert answered.json()["outcome_label"] == "We are still working on it"
    outcome = login(broker).get(f"/api/v1/events/{event.slug}/outcome/").json()
    assert outcome["follow_up"]["ongoing"] == 1
    assert outcome["follow_up_due"] == "2030-11-20"  # six months after 20 May 2030
