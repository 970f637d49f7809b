"""The events permission matrix on the page and the API, checking the effect: one rule
(``events.*`` in lintas/events/rules.py) decides both. ``p_provider`` and ``p_seeker`` are
validated participants; ``pending`` registered but is not validated yet; ``outsider`` did not
register."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from lintas.events.enums import ParticipantStatus
from lintas.events.models import Event, Participant
from tests.conftest import login
from tests.events.conftest import enrol
from tests.factories import UserFactory

ROLES = ["broker", "admin_user", "validated", "pending", "outsider", "anonymous"]


@pytest.fixture
def people(request, event, broker, p_provider, p_seeker, outsider):
    waiting = enrol(UserFactory(username="waiting", role="seeker"), event, broker, validated=False)
    return {
        "broker": broker,
        "admin_user": request.getfixturevalue("admin_user"),
        "validated": p_seeker.user,
        "pending": waiting.user,
        "outsider": outsider,
        "anonymous": None,
    }


def page_client(user):
    return Client() if user is None else login(user)


def api_client(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def denied(response):
    """Refused: 403, or the sign-in page for anonymous visitors of a signed-in page."""
    return response.status_code == 403 or (
        response.status_code == 302 and "/account/login/" in response["Location"]
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, allowed",
    [("broker", True), ("admin_user", True), ("validated", True), ("pending", False),
     ("outsider", False), ("anonymous", False)],
)  # fmt: skip
def test_participant_list_page_and_api_follow_one_rule(people, event, p_provider, role, allowed):
    user = people[role]
    page = page_client(user).get(reverse("events:participants", args=[event.slug]))
    api = api_client(user).get(f"/api/v1/events/{event.slug}/participants/")
    if not allowed:
        assert denied(page)
        assert api.status_code in (401, 403)
        return
    assert page.status_code == 200 and api.status_code == 200
    names = [row["organisation"] for row in api.json()]
    assert p_provider.organisation.name in page.content.decode()
    assert any(p_provider.organisation.name in str(name) for name in names)


@pytest.mark.django_db
def test_a_validated_participant_sees_the_same_people_on_page_and_api(people, event):
    """Validated others only, ranked; never the pending registration or oneself."""
    user = people["validated"]
    api_rows = api_client(user).get(f"/api/v1/events/{event.slug}/participants/").json()
    api_ids = {row["id"] for row in api_rows}
    page = page_client(user).get(reverse("events:participants", args=[event.slug]))
    page_ids = {p.pk for p, _score, _basis in page.context["ranked"]}
    validated_others = set(
        Participant.objects.filter(event=event, status=ParticipantStatus.VALIDATED)
        .exclude(user=user)
        .values_list("pk", flat=True)
    )
    assert api_ids == page_ids == validated_others
    assert Participant.objects.get(user=people["pending"]).pk not in api_ids


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, allowed",
    [("broker", True), ("admin_user", True), ("validated", False), ("pending", False),
     ("outsider", False), ("anonymous", False)],
)  # fmt: skip
def test_validate_a_registration_by_role(people, event, role, allowed):
    waiting = Participant.objects.get(user=people["pending"])
    response = page_client(people[role]).post(
        reverse("events:participant_decide", args=[event.slug, waiting.pk, "validate"])
    )
    waiting.refresh_from_db()
    assert (waiting.status == ParticipantStatus.VALIDATED) == allowed
    if allowed:
        assert response.status_code == 302
    else:
        assert denied(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, allowed",
    [("broker", True), ("admin_user", True), ("validated", False), ("pending", False),
     ("outsider", False)],
)  # fmt: skip
def test_check_in_by_role_on_page_and_api(people, event, p_provider, role, allowed):
    user = people[role]
    page = page_client(user).post(
        reverse("events:checkin", args=[event.slug]),
        {"participant": p_provider.pk, "present": "1"},
    )
    p_provider.refresh_from_db()
    assert (p_provider.checked_in_at is not None) == allowed
    api = api_client(user).post(
        f"/api/v1/events/{event.slug}/checkin/{p_provider.pk}/", {"present": False}, format="json"
    )
    p_provider.refresh_from_db()
    if allowed:
        assert page.status_code == 302 and api.status_code == 200
        assert p_provider.checked_in_at is None
    else:
        assert denied(page) and api.status_code == 403
        assert p_provider.checked_in_at is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, allowed",
    [("broker", True), ("admin_user", True), ("validated", False), ("outsider", False)],
)  # fmt: skip
def test_organiser_read_outs_by_role_on_page_and_api(people, event, role, allowed):
    user = people[role]
    for name, path in (("plan", "plan"), ("outcome", "outcome")):
        page = page_client(user).get(reverse(f"events:{name}", args=[event.slug]))
        api = api_client(user).get(f"/api/v1/events/{event.slug}/{path}/")
        if allowed:
            assert page.status_code == 200 and api.status_code == 200
        else:
            assert page.status_code == 403 and api.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, visible",
    [("broker", True), ("admin_user", True), ("validated", False), ("outsider", False),
     ("anonymous", False)],
)  # fmt: skip
def test_an_unpublished_event_is_seen_by_organisers_only(people, event, role, visible):
    Event.objects.filter(pk=event.pk).update(published=False)
    user = people[role]
    page = page_client(user).get(reverse("events:detail", args=[event.slug]))
    api = api_client(user).get(f"/api/v1/events/{event.slug}/")
    assert (page.status_code, api.status_code) == ((200, 200) if visible else (404, 404))
    listed = [e["slug"] for e in api_client(user).get("/api/v1/events/").json()["results"]]
    assert (event.slug in listed) == visible
