import pytest

from tests.conftest import login
from tests.insights.test_pages import SECRETS


@pytest.mark.django_db
def test_open_profiles_api_is_public_and_public_only(client, world):
    response = client.get("/api/v1/open/profiles/")
    assert response.status_code == 200
    body = response.content.decode()
    assert response.json()["count"] == 3
    for secret in SECRETS:
        assert secret not in body
    assert client.get("/api/v1/open/profiles/OF-3/").status_code == 404  # draft


@pytest.mark.django_db
def test_open_events_and_statistics_api(client, world):
    events = client.get("/api/v1/open/events/").json()
    assert [e["slug"] for e in events["results"]] == ["e1"]
    stats = client.get("/api/v1/open/statistics/").json()
    assert stats["totals"]["agreements"] == 2
    assert {row["key"]: row["agreements"] for row in stats["by"]["year"]} == {2024: 1, 2025: 1}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, status",
    [("provider", 403), ("seeker", 403), ("broker", 200), ("officer", 200), ("admin_user", 200)],
)
def test_kpi_api_permission_matrix(request, world, role, status):
    response = login(request.getfixturevalue(role)).get("/api/v1/insights/kpis/")
    assert response.status_code == status


@pytest.mark.django_db
def test_kpi_api_anonymous_is_refused(client, world):
    assert client.get("/api/v1/insights/kpis/").status_code in (401, 403)


@pytest.mark.django_db
def test_kpi_api_figures_and_bad_input(broker, world):
    c = login(broker)
    data = c.get("/api/v1/insights/kpis/", {"by": "country", "year": 2025}).json()
    assert data["totals"]["agreements"] == 1
    assert data["agreement_value"] == {"USD": 1000.0}
    assert sum(r["lost"] for r in data["funnel"]) == data["funnel"][0]["reached"]
    assert c.get("/api/v1/insights/kpis/", {"year": "x"}).status_code == 400
