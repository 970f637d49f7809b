"""The matching permission matrix (lintas/matching/rules.py) on the page and the API, with
effects: a profile's organisation and brokers see its matches; brokers pin and dismiss; the
two parties and brokers rate a match."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from lintas.matching.models import Match, MatchFeedback
from tests.conftest import login
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def match(offer, seeker):
    need = ProfileFactory(
        kind="need", organisation=seeker.organisation, status="published", title="Brackish pump"
    )
    return Match.objects.create(offer=offer, need=need, score=0.5)


def person(request, role):
    return None if role == "anonymous" else request.getfixturevalue(role)


def page_client(user):
    return Client() if user is None else login(user)


def api_client(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize(
    "role, allowed",
    [("provider", True), ("broker", True), ("admin_user", True), ("outsider", False),
     ("anonymous", False)],
)  # fmt: skip
def test_a_profiles_matches_on_page_and_api(request, match, role, allowed):
    user = person(request, role)
    page = page_client(user).get(match.offer.get_absolute_url())
    assert page.status_code == 200
    assert ('id="matches"' in page.content.decode()) == allowed
    api = api_client(user).get(f"/api/v1/profiles/{match.offer.ref}/matches/")
    if allowed:
        assert api.status_code == 200
        assert [row["id"] for row in api.json()] == [match.pk]
    else:
        assert api.status_code in (401, 403, 404)


@pytest.mark.parametrize(
    "role, shown",
    [("provider", False), ("broker", True)],
)  # fmt: skip
def test_dismissed_matches_stay_listed_for_brokers_only(request, match, role, shown):
    Match.objects.filter(pk=match.pk).update(dismissed=True)
    api = api_client(person(request, role)).get(f"/api/v1/profiles/{match.offer.ref}/matches/")
    assert api.status_code == 200
    assert ([row["id"] for row in api.json()] == [match.pk]) == shown


@pytest.mark.parametrize(
    "role, allowed",
    [("provider", False), ("seeker", False), ("broker", True), ("admin_user", True),
     ("outsider", False)],
)  # fmt: skip
def test_pin_and_dismiss_by_role(request, match, role, allowed):
    client = page_client(person(request, role))
    pinned = client.post(f"/matching/m/{match.pk}/pin/")
    match.refresh_from_db()
    assert match.pinned == allowed
    client.post(f"/matching/m/{match.pk}/dismiss/")
    match.refresh_from_db()
    assert match.dismissed == allowed
    assert pinned.status_code == (302 if allowed else 403)


@pytest.mark.parametrize(
    "role, allowed",
    [("provider", True), ("seeker", True), ("broker", True), ("outsider", False)],
)  # fmt: skip
def test_rate_a_match_by_role_on_page_and_api(request, match, role, allowed):
    user = person(request, role)
    page = page_client(user).post(f"/matching/m/{match.pk}/relevant/")
    assert MatchFeedback.objects.filter(user=user).count() == (1 if allowed else 0)
    assert page.status_code == (302 if allowed else 403)
    api = api_client(user).post(
        f"/api/v1/matches/{match.pk}/feedback/", {"relevant": False}, format="json"
    )
    assert api.status_code == (200 if allowed else 403)
    feedback = MatchFeedback.objects.filter(user=user).first()
    assert (feedback is not None and feedback.relevant is False) == allowed
