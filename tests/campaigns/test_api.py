"""The campaigns API: the same rules and effects as the pages."""

import pytest
from rest_framework.test import APIClient

from lintas.campaigns.models import Campaign, CampaignInterest, CampaignOffer


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


BODY = {
    "name": "Green Mekong",
    "slug": "green-mekong",
    "goal": 50,
    "countries": ["KH", "LA"],
    "starts_on": "2026-03-01",
    "ends_on": "2026-12-31",
    "sectors": ["agriculture"],
    "published": True,
}


def test_broker_creates_a_campaign(campaign_broker, agri):
    response = api(campaign_broker).post("/api/v1/campaigns/", BODY, format="json")
    assert response.status_code == 201
    assert response.data["brokers"] == ["broker"]
    assert [c["code"] for c in response.data["countries"]] == ["KH", "LA"]
    assert response.data["pages"]["LA"].endswith("/campaigns/green-mekong/la/")


def test_seeker_may_not_create_and_bad_input_is_a_400(lao_seeker, campaign_broker, agri):
    assert api(lao_seeker).post("/api/v1/campaigns/", BODY, format="json").status_code == 403
    bad = api(campaign_broker).post(
        "/api/v1/campaigns/", {**BODY, "countries": ["ZZ"]}, format="json"
    )
    assert bad.status_code == 400
    assert not Campaign.objects.exists()


def test_public_list_hides_drafts(campaign, campaign_broker):
    campaign.published = False
    campaign.save()
    assert api().get("/api/v1/campaigns/").data["results"] == []
    assert api().get("/api/v1/campaigns/asean-1000/").status_code == 404
    assert [c["slug"] for c in api(campaign_broker).get("/api/v1/campaigns/").data["results"]] == [
        "asean-1000"
    ]


def test_build_from_suggestions_and_read_the_country_page(
    campaign, campaign_broker, other_broker, matches, offers
):
    found = api(campaign_broker).get("/api/v1/campaigns/asean-1000/countries/la/suggestions/")
    assert [s["ref"] for s in found.data] == ["OF-DRY", "OF-PUMP"]
    assert found.data[0]["explanation"]["sectors"] == ["Modern agriculture"]
    refused = api(other_broker).post(
        "/api/v1/campaigns/asean-1000/offers/", {"ref": "OF-DRY"}, format="json"
    )
    assert refused.status_code == 403 and not CampaignOffer.objects.exists()
    added = api(campaign_broker).post(
        "/api/v1/campaigns/asean-1000/offers/",
        {"ref": "OF-DRY", "countries": ["LA"]},
        format="json",
    )
    assert added.status_code == 200 and added.data["progress"]["per_country"] == {"LA": 1, "TH": 0}
    brief = api(campaign_broker).post(
        "/api/v1/campaigns/asean-1000/briefs/",
        {"country": "LA", "language": "lo", "title": "ເຕັກໂນໂລຊີ", "introduction": "ແນະນຳ"},
        format="json",
    )
    assert brief.status_code == 200
    page = api().get("/api/v1/campaigns/asean-1000/countries/la/")
    assert page.data["language"] == "lo" and page.data["brief"]["title"] == "ເຕັກໂນໂລຊີ"
    [item] = page.data["offers"]
    assert item["title"] == "ເຄື່ອງອົບມັນຕົ້ນດ້ວຍຄວາມຮ້ອນຊີວະມວນ" and item["translated"] is True
    assert "SECRET" not in str(page.data) and "secret.contact" not in str(page.data)
    removed = api(campaign_broker).post(
        "/api/v1/campaigns/asean-1000/offers/remove/", {"ref": "OF-DRY"}, format="json"
    )
    assert removed.data["progress"]["offers"] == 0


def test_interest_through_the_api_is_attributed_and_reach_counts_it(
    campaign, campaign_broker, lao_seeker, offers
):
    api(campaign_broker).post(
        "/api/v1/campaigns/asean-1000/offers/",
        {"ref": "OF-DRY", "countries": ["LA"]},
        format="json",
    )
    url = "/api/v1/campaigns/asean-1000/countries/la/interests/"
    assert api().post(url, {"ref": "OF-DRY", "message": "Hi"}, format="json").status_code in (
        401,
        403,
    )
    sent = api(lao_seeker).post(url, {"ref": "OF-DRY", "message": "Hi"}, format="json")
    assert sent.status_code == 201
    assert CampaignInterest.objects.get().deal_id == sent.data["deal"]
    wrong = api(lao_seeker).post(
        "/api/v1/campaigns/asean-1000/countries/th/interests/",
        {"ref": "OF-DRY", "message": "Hi"},
        format="json",
    )
    assert wrong.status_code == 400
    assert api(lao_seeker).get("/api/v1/campaigns/asean-1000/reach/").status_code == 403
    reach = api(campaign_broker).get("/api/v1/campaigns/asean-1000/reach/").data
    assert reach["total"]["interests"] == 1
    assert reach["offers"] == [
        {"country": "LA", "ref": "OF-DRY", "counts": {"views": 0, "interests": 1,
         "introductions": 0, "meetings": 0, "agreements": 0}}
    ]  # fmt: skip


@pytest.mark.parametrize("path", ["/api/v1/campaigns/asean-1000/countries/vn/"])
def test_country_outside_the_campaign_is_not_found(campaign, path):
    assert api().get(path).status_code == 404
