import pytest

from lintas.network.models import JointLab


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, count",
    [
        ("/api/v1/network/members/", 3),
        ("/api/v1/network/joint-labs/", 2),
        ("/api/v1/network/science-parks/", 1),
        ("/api/v1/network/mechanisms/", 2),
        ("/api/v1/network/platforms/", 1),
    ],
)
def test_network_api_lists_for_anonymous(client, registry, path, count):
    response = client.get(path)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == count


@pytest.mark.django_db
def test_network_api_filters_labs_by_country(client, registry):
    data = client.get("/api/v1/network/joint-labs/", {"country": "id"}).json()
    assert [row["name"] for row in data["results"]] == ["China-Indonesia Rice Lab"]
    assert data["results"][0]["partners"] == ["gxu"]
    assert data["results"][0]["partner_names"] == ["Bogor Institute"]


@pytest.mark.django_db
def test_network_api_is_read_only(client, registry, admin_user):
    from tests.conftest import login

    response = login(admin_user).post(
        "/api/v1/network/joint-labs/", {"name": "x"}, content_type="application/json"
    )
    assert response.status_code == 405
    assert JointLab.objects.count() == 2
