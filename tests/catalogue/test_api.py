import pytest
from rest_framework.test import APIClient

from lintas.catalogue.models import Profile


def api(user=None):
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


@pytest.mark.django_db
def test_api_create_submit_publish(seeker, broker, sector):
    response = api(seeker).post(
        "/api/v1/profiles/",
        {
            "kind": "need",
            "title": "Khử mặn nước giếng",
            "summary": "Cần hệ thống khử mặn 20 m3/ngày.",
            "sectors": ["agriculture"],
            "target_countries": ["vn"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    ref = response.json()["ref"]
    assert response.json()["content_language"] == "vi"
    assert api(seeker).post(f"/api/v1/profiles/{ref}/submit/").status_code == 200
    assert api(seeker).post(f"/api/v1/profiles/{ref}/publish/").status_code == 403
    assert Profile.objects.get(ref=ref).status == "submitted"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload",
    [
        {"kind": "need", "title": "x" * 201, "summary": "s", "sectors": ["agriculture"]},
        {"kind": "need", "title": "t", "summary": "s", "sectors": ["no-such-sector"]},
        {
            "kind": "need",
            "title": "t",
            "summary": "s",
            "sectors": ["agriculture"],
            "target_countries": ["XX"],
        },
        {"kind": "need", "title": "t", "summary": "s", "sectors": ["agriculture"], "trl": 10},
        {"title": "t", "summary": "s", "sectors": ["agriculture"]},
    ],
)
def test_api_bad_input_400_and_nothing_saved(payload, seeker, sector):
    response = api(seeker).post("/api/v1/profiles/", payload, format="json")
    assert response.status_code == 400
    assert Profile.objects.count() == 0


@pytest.mark.django_db
def test_api_anonymous_cannot_write(sector):
    assert api().post("/api/v1/profiles/", {"kind": "need"}, format="json").status_code == 401


@pytest.mark.django_db
def test_api_patch_by_outsider_forbidden(offer, outsider):
    assert (
        api(outsider)
        .patch(f"/api/v1/profiles/{offer.ref}/", {"title": "Hijack"}, format="json")
        .status_code
        == 403
    )
    assert Profile.objects.get(pk=offer.pk).title == "Salt-tolerant rice variety"


@pytest.mark.django_db
def test_api_quality_endpoint():
    response = api().post(
        "/api/v1/quality/", {"kind": "offer", "title": "Advanced technology"}, format="json"
    )
    assert response.status_code == 200
    assert "benefit" in {h["code"] for h in response.json()["hints"]}


@pytest.mark.django_db
def test_api_sectors_and_organisations(offer):
    assert api().get("/api/v1/sectors/").json()["results"][0]["slug"] == "agriculture"
    assert api().get("/api/v1/organisations/?country=CN").json()["count"] == 1


@pytest.mark.django_db
def test_openapi_schema_generates():
    response = api().get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/profiles/" in response.content
