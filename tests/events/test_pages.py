import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lintas.events.domain import requests as req
from lintas.events.domain import scheduling
from lintas.events.models import Meeting, MeetingRequest, Participant
from tests.conftest import login
from tests.events.conftest import extra_participants

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "provider", "seeker", "broker", "officer", "admin"]


def client_for(role, request):
    if role == "anonymous":
        return Client()
    fixture = {"admin": "admin_user"}.get(role, role)
    return login(request.getfixturevalue(fixture))


# page -> roles allowed (provider and seeker are validated participants in these tests)
PAGES = {
    "list": set(ROLES),
    "detail": set(ROLES),
    "participants": {"provider", "seeker", "broker", "admin"},
    "requests": {"provider", "seeker"},
    "agenda": {"provider", "seeker"},
    "agenda_print": {"provider", "seeker"},
    "agenda_ics": {"provider", "seeker"},
    "schedule": {"broker", "admin"},
    "plan": {"broker", "admin"},
    "checkin": {"broker", "admin"},
    "outcome": {"broker", "admin"},
    "session_add": {"broker", "admin"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_permission_matrix(page, role, request, event, p_provider, p_seeker):
    client = client_for(role, request)
    kwargs = {} if page == "list" else {"slug": event.slug}
    response = client.get(reverse(f"events:{page}", kwargs=kwargs))
    if role in PAGES[page]:
        assert response.status_code == 200
    elif role == "anonymous" and page not in ("list", "detail"):
        assert response.status_code == 302
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_run_scheduler_permission(role, request, event, broker, p_provider, p_seeker):
    req.organiser_add_request(user=broker, event=event, sender=p_seeker, receiver=p_provider)
    response = client_for(role, request).post(reverse("events:schedule_run", args=[event.slug]))
    expected = 1 if role in ("broker", "admin") else 0
    assert Meeting.objects.count() == expected
    assert response.status_code in (302, 403)


@pytest.mark.parametrize("role", ["provider", "officer", "broker"])
def test_create_event_permission(role, request):
    response = client_for(role, request).post(
        reverse("events:create"),
        {
            "slug": "new-ev",
            "title": "New",
            "kind": "forum",
            "starts_on": "2030-01-01",
            "ends_on": "2030-01-02",
            "max_requests_sent": 12,
            "published": "on",
        },
    )
    from lintas.events.models import Event

    assert Event.objects.filter(slug="new-ev").exists() == (role == "broker")
    assert response.status_code == (302 if role == "broker" else 403)


def test_register_request_accept_flow_through_pages(event, provider, seeker, broker, offer):
    seeker_client, provider_client = login(seeker), login(provider)
    url = reverse("events:register", args=[event.slug])
    assert seeker_client.post(url, {"note": "irrigation"}).status_code == 302
    assert provider_client.post(url, {"profiles": [offer.pk]}).status_code == 302
    broker_client = login(broker)
    for p in Participant.objects.all():
        broker_client.post(
            reverse("events:participant_decide", args=[event.slug, p.pk, "validate"])
        )
    target = Participant.objects.get(user=provider)
    seeker_client.post(
        reverse("events:request_create", args=[event.slug]),
        {"receiver": target.pk, "message": "Let us talk"},
    )
    request = MeetingRequest.objects.get()
    assert (request.message, request.status) == ("Let us talk", "requested")
    provider_client.post(reverse("events:request_action", args=[event.slug, request.pk, "accept"]))
    request.refresh_from_db()
    assert request.status == "accepted"


def test_register_bad_slot_shows_message_and_changes_nothing(event, seeker):
    response = login(seeker).post(
        reverse("events:register", args=[event.slug]), {"slots": ["99999"]}
    )
    assert response.status_code == 400
    assert Participant.objects.count() == 0


def test_request_to_self_shows_message(event, p_seeker):
    response = login(p_seeker.user).post(
        reverse("events:request_create", args=[event.slug]), {"receiver": p_seeker.pk}, follow=True
    )
    assert "cannot request a meeting with yourself" in response.content.decode()
    assert MeetingRequest.objects.count() == 0


@pytest.mark.parametrize("n", [1, 3])
def test_participant_list_query_count(n, event, broker, p_seeker, django_assert_max_num_queries):
    extra_participants(event, broker, n)
    client = login(p_seeker.user)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("events:participants", args=[event.slug]))
    assert response.status_code == 200
    assert len(response.context["ranked"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_table_plan_query_count(n, event, broker, django_assert_max_num_queries):
    people = extra_participants(event, broker, 2 * n)
    for i in range(n):
        req.organiser_add_request(
            user=broker, event=event, sender=people[i], receiver=people[i + n]
        )
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    client = login(broker)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("events:plan", args=[event.slug]))
    assert response.status_code == 200
    assert response.content.decode().count('class="meeting"') == n


def test_agenda_and_ics_show_the_meeting(event, broker, p_provider, p_seeker):
    req.organiser_add_request(user=broker, event=event, sender=p_seeker, receiver=p_provider)
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    client = login(p_seeker.user)
    body = client.get(reverse("events:agenda", args=[event.slug])).content.decode()
    assert str(p_provider) in body
    ics = client.get(reverse("events:agenda_ics", args=[event.slug]))
    assert ics["Content-Type"].startswith("text/calendar")
    assert ics.content.count(b"BEGIN:VEVENT") == 1
    printable = client.get(reverse("events:agenda_print", args=[event.slug])).content.decode()
    assert "lintas/print.css" in printable and str(p_provider) in printable


@pytest.mark.parametrize("lang, text", [("zh-hans", "我的日程"), ("id", "Agenda saya")])
def test_agenda_page_translated(lang, text, event, p_seeker):
    client = login(p_seeker.user)
    with translation.override(lang):
        response = client.get(
            reverse("events:agenda", args=[event.slug]), HTTP_ACCEPT_LANGUAGE=lang
        )
    assert text in response.content.decode()


def test_events_in_navigation_and_meetings_figure(event):
    body = Client().get("/").content.decode()
    assert reverse("events:list") in body
    assert "meetings held" in body


def test_demo_loader_registers_users_for_2027(db):
    from lintas.demo.loader import load_all

    load_all(log=lambda *a: None)
    from lintas.events.models import Event

    event = Event.objects.get(slug="matchmaking-2027")
    assert event.sessions.count() == 4
    first = Participant.objects.filter(event=event).count()
    assert first >= 4
    assert MeetingRequest.objects.filter(event=event, status="accepted").count() >= 3
    load_all(log=lambda *a: None)
    assert Participant.objects.filter(event=event).count() == first
    broker = event.participants.model.objects.none()  # noqa: F841
    from lintas.core.models import User

    run = scheduling.run_scheduler(
        user=User.objects.get(username="broker"), event=event, time_limit=3
    )
    assert run.scheduled >= 3
