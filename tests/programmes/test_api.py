import pytest
from rest_framework.test import APIClient

from lintas.programmes.models import Review
from tests.programmes.conftest import make_application


def api(user=None):
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


def test_api_calls_public(call):
    response = api().get("/api/v1/programmes/calls/")
    assert response.status_code == 200
    assert [c["slug"] for c in response.json()["results"]] == ["tysp-2027-q1"]


def test_api_draft_call_hidden(call):
    call.status = "draft"
    call.save()
    assert api().get("/api/v1/programmes/calls/").json()["results"] == []


def test_api_applications_own_only(call, seeker, outsider, officer):
    make_application(call, seeker)
    make_application(call, outsider)
    assert len(api(seeker).get("/api/v1/programmes/applications/").json()["results"]) == 1
    assert len(api(officer).get("/api/v1/programmes/applications/").json()["results"]) == 2
    assert api().get("/api/v1/programmes/applications/").status_code in (401, 403)


def test_api_assign_reviewers_officer(call, reviewers, officer):
    make_application(call)
    response = api(officer).post("/api/v1/programmes/calls/tysp-2027-q1/assign-reviewers/")
    assert response.status_code == 200
    assert len(response.json()) == 2
    assert Review.objects.count() == 2


@pytest.mark.parametrize("role", ["seeker", "broker", "outsider"])
def test_api_assign_reviewers_refused(call, reviewers, role, request):
    make_application(call)
    user = request.getfixturevalue(role)
    response = api(user).post("/api/v1/programmes/calls/tysp-2027-q1/assign-reviewers/")
    assert response.status_code == 403
    assert Review.objects.count() == 0


def test_api_match_hosts_infeasible_message(call, hosts, officer):
    for i in range(3):
        make_application(call, full_name=f"R{i}", status="accepted")
    response = api(officer).post("/api/v1/programmes/calls/tysp-2027-q1/match-hosts/")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "No host assignment is possible: researchers need at least 3 assignments "
        "but hosts accept at most 2",
        "errors": {},
    }


def test_api_placements_after_match(call, hosts, officer, seeker, outsider):
    make_application(call, seeker, status="accepted")
    made = api(officer).post("/api/v1/programmes/calls/tysp-2027-q1/match-hosts/").json()
    assert [p["host"] for p in made] == ["Rice Lab"]
    assert len(api(seeker).get("/api/v1/programmes/placements/").json()["results"]) == 1
    assert api(outsider).get("/api/v1/programmes/placements/").json()["results"] == []


@pytest.mark.parametrize("n", [1, 3])
def test_api_applications_query_count(call, officer, n, django_assert_max_num_queries):
    for _ in range(n):
        make_application(call)
    client = api(officer)
    with django_assert_max_num_queries(5):
        assert client.get("/api/v1/programmes/applications/").status_code == 200


def test_docs_name_every_api_route_and_page():
    from pathlib import Path

    from lintas.programmes import urls

    text = (Path(__file__).resolve().parents[2] / "docs" / "programmes.md").read_text()
    for prefix in ("programmes/calls/", "programmes/applications/", "programmes/reviews/",
                   "programmes/placements/", "programmes/programmes/", "assign-reviewers",
                   "match-hosts", "PROGRAMMES_AFFINITY"):  # fmt: skip
        assert prefix in text
    for pattern in urls.urlpatterns:
        route = str(pattern.pattern).split("<")[0].rstrip("/")
        assert f"/programmes/{route}" in text, route
