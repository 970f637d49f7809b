import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from lintas.events.domain import requests as req
from lintas.events.models import Meeting, MeetingRequest, Participant, Slot
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_event_list_is_public(event):
    data = Client().get("/api/v1/events/").json()
    rows = data["results"] if isinstance(data, dict) else data
    assert [e["slug"] for e in rows] == ["mm-2030"]
    assert len(rows[0]["sessions"][0]["slots"]) == 4


def test_register_via_api_and_bad_slot(event, seeker, need):
    client = login(seeker)
    bad = client.post(
        f"/api/v1/events/{event.slug}/register/",
        {"slots": [99999]},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert "not part of this event" in bad.content.decode()
    assert Participant.objects.count() == 0
    ok = client.post(
        f"/api/v1/events/{event.slug}/register/",
        {"profiles": [need.ref]},
        content_type="application/json",
    )
    assert ok.status_code == 201
    assert ok.json()["status"] == "pending"


def test_request_accept_schedule_agenda_via_api(event, broker, p_provider, p_seeker):
    seeker_client = login(p_seeker.user)
    created = seeker_client.post(
        "/api/v1/event-requests/",
        {"event": event.slug, "receiver": p_provider.pk, "message": "hello"},
        content_type="application/json",
    )
    assert created.status_code == 201
    rid = created.json()["id"]
    assert login(p_seeker.user).post(f"/api/v1/event-requests/{rid}/accept/").status_code == 403
    assert (
        login(p_provider.user).post(f"/api/v1/event-requests/{rid}/accept/").json()["status"]
        == "accepted"
    )
    assert login(p_provider.user).post(f"/api/v1/events/{event.slug}/schedule/").status_code == 403
    run = login(broker).post(f"/api/v1/events/{event.slug}/schedule/").json()
    assert (run["scheduled"], run["unscheduled"]) == (1, [])
    agenda = seeker_client.get(f"/api/v1/events/{event.slug}/agenda/").json()
    assert [m["request"] for m in agenda] == [rid]
    assert b"BEGIN:VEVENT" in seeker_client.get(f"/api/v1/events/{event.slug}/ics/").content


def test_request_to_self_via_api_is_400(event, p_seeker):
    response = login(p_seeker.user).post(
        "/api/v1/event-requests/",
        {"event": event.slug, "receiver": p_seeker.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert MeetingRequest.objects.count() == 0


@pytest.mark.parametrize("role", ["anonymous", "outsider", "provider", "broker"])
def test_participant_list_api_permissions(role, request, event, p_provider, p_seeker, outsider):
    client = (
        Client()
        if role == "anonymous"
        else login(
            {"outsider": outsider, "provider": p_provider.user}.get(role)
            or request.getfixturevalue(role)
        )
    )
    response = client.get(f"/api/v1/events/{event.slug}/participants/")
    expected = {"anonymous": (401, 403), "outsider": (403,), "provider": (200,), "broker": (200,)}
    assert response.status_code in expected[role]
    if response.status_code == 200:
        body = response.content.decode()
        assert "secret.contact@example.org" not in body


def test_outcome_and_checkin_api(event, broker, p_provider, p_seeker):
    req.organiser_add_request(user=broker, event=event, sender=p_seeker, receiver=p_provider)
    client = login(broker)
    client.post(f"/api/v1/events/{event.slug}/schedule/")
    for p in (p_provider, p_seeker):
        assert client.post(f"/api/v1/events/{event.slug}/checkin/{p.pk}/").status_code == 200
    meeting = Meeting.objects.get()
    assert client.get(f"/api/v1/events/{event.slug}/outcome/").json()["held"] == 0  # 2030
    now = timezone.now()
    Slot.objects.filter(pk=meeting.slot_id).update(
        starts_at=now - dt.timedelta(hours=1), ends_at=now - dt.timedelta(minutes=30)
    )  # the slot has ended: held
    assert client.get(f"/api/v1/events/{event.slug}/outcome/").json()["held"] == 1
    assert (
        login(p_seeker.user).post(f"/api/v1/event-meetings/{meeting.pk}/no-show/").status_code
        == 403
    )
    client.post(f"/api/v1/event-meetings/{meeting.pk}/no-show/")
    assert client.get(f"/api/v1/events/{event.slug}/outcome/").json()["no_shows"] == 1
    assert login(p_seeker.user).get(f"/api/v1/events/{event.slug}/outcome/").status_code == 403
