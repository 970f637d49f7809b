"""Inputs that used to end in a 500 get a 4xx with a JSON message, and change nothing."""

import json

import pytest
from rest_framework.test import APIClient

from lintas.brokerage.models import Deal

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/interests/abc/accept/",
        "/api/v1/interests/abc/decline/",
        "/api/v1/interests/1e3/approve/",
        "/api/v1/event-requests/abc/accept/",
        "/api/v1/event-requests/abc/decline/",
        "/api/v1/event-meetings/abc/rate/",
        "/api/v1/event-meetings/abc/no-show/",
    ],
)
def test_action_with_non_numeric_id_is_json_404(path, broker):
    response = api(broker).post(path, {}, format="json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found.", "errors": {}}


@pytest.mark.parametrize("body", ["[1, 2, 3]", '"title"', "42", "null"])
def test_quality_with_non_object_body_is_400(body):
    response = APIClient().post("/api/v1/quality/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": 'The request body must be a JSON object, like {"title": "..."}.',
        "errors": {},
    }


def test_quality_with_object_body_still_scores():
    response = APIClient().post("/api/v1/quality/", {"title": "Salt-tolerant rice"}, format="json")
    assert response.status_code == 200
    assert sorted(response.json()) == ["hints", "level", "score"]


@pytest.mark.parametrize("depth", [65, 1000, 100_000])
def test_deeply_nested_json_is_400(depth, seeker, offer):
    body = "[" * depth + "]" * depth
    nested = f'{{"profile": "{offer.ref}", "message": {body}}}'
    response = api(seeker).post("/api/v1/interests/", nested, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "JSON parse error: nested more than 64 levels deep.",
        "errors": {},
    }
    assert Deal.objects.count() == 0


def test_nested_json_within_limit_reaches_the_view(seeker, offer):
    body = json.dumps({"profile": offer.ref, "message": [[["x"]]]})
    response = api(seeker).post("/api/v1/interests/", body, content_type="application/json")
    assert response.status_code == 400
    assert "message" in response.json()["errors"]
