"""One error shape under /api/, 401 vs 403, JSON 404 for unknown endpoints, bounded page_size
and the same pagination for every list."""

import pytest
from rest_framework.test import APIClient

from tests.factories import ProfileFactory, SectorFactory

pytestmark = pytest.mark.django_db


def signed_in(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_unknown_endpoint_is_json_404():
    for path in ("/api/v1/no-such-thing/", "/api/v2/", "/api/v1/profiles/OF-1/nothing/"):
        answer = APIClient().get(path)
        assert answer.status_code == 404
        assert answer["Content-Type"] == "application/json"
        assert set(answer.json()) == {"detail", "errors"} and answer.json()["errors"] == {}


def test_pages_outside_the_api_keep_their_html_404():
    answer = APIClient().get("/no-such-page/")
    assert answer.status_code == 404 and answer["Content-Type"].startswith("text/html")


def test_missing_credentials_401_refused_permission_403(seeker):
    anonymous = APIClient().get("/api/v1/inbox/")
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == 'Token realm="api"'
    refused = signed_in(seeker).get("/api/v1/inbox/")
    assert refused.status_code == 403
    assert "WWW-Authenticate" not in refused
    assert refused.json() == {"detail": refused.json()["detail"], "errors": {}}
    assert refused.json()["detail"]


def test_field_errors_are_listed_by_field(seeker):
    answer = signed_in(seeker).post("/api/v1/interests/", {"message": "x"}, format="json")
    assert answer.status_code == 400
    body = answer.json()
    assert body["detail"] == "Some fields are not valid; see errors."
    assert list(body["errors"]) == ["profile"]
    assert all(isinstance(m, str) for m in body["errors"]["profile"])


def test_method_not_allowed_has_the_shape():
    answer = APIClient().delete("/api/v1/sectors/")
    assert answer.status_code in (401, 405)
    assert set(answer.json()) == {"detail", "errors"}


def test_page_size_is_honoured_and_bounded(settings, provider_org, sector):
    settings.LINTAS = {**settings.LINTAS, "API_MAX_PAGE_SIZE": 5}
    ProfileFactory.create_batch(7, organisation=provider_org, status="published", sectors=[sector])
    three = APIClient().get("/api/v1/profiles/?page_size=3").json()
    assert (three["count"], len(three["results"])) == (7, 3)
    assert "page_size=3" in three["next"]
    capped = APIClient().get("/api/v1/profiles/?page_size=1000").json()
    assert len(capped["results"]) == 5
    nonsense = APIClient().get("/api/v1/profiles/?page_size=-4").json()
    assert len(nonsense["results"]) == 5  # the default page (20), bounded by the maximum


def test_sectors_are_paginated_like_every_list():
    SectorFactory.create_batch(3)
    body = APIClient().get("/api/v1/sectors/?page_size=2").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert (body["count"], len(body["results"])) == (3, 2)


def test_search_offset_past_any_result_is_400_not_a_crash():
    answer = APIClient().get("/api/v1/search/?q=&kind=offer&offset=959736341803216404480")
    assert answer.status_code == 400
    assert list(answer.json()["errors"]) == ["offset"]
