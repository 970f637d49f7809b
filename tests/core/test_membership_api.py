"""/api/v1/membership-requests/ and /api/v1/members/: the pages' rules over the API."""

import pytest
from rest_framework.test import APIClient

from lintas.core.domain import membership
from lintas.core.models import MembershipRequest
from tests.factories import UserFactory


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def newcomer(db):
    return UserFactory(username="newcomer", organisation=None)


@pytest.mark.django_db
def test_api_request_to_join_and_see_it(newcomer, provider_org):
    response = api(newcomer).post(
        "/api/v1/membership-requests/", {"organisation": "gxu"}, format="json"
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["organisation"], body["status"], body["is_proposal"]) == ("gxu", "pending", False)
    mine = api(newcomer).get("/api/v1/membership-requests/").json()["results"]
    assert [r["id"] for r in mine] == [body["id"]]


@pytest.mark.django_db
def test_api_propose_and_broker_validates(newcomer, broker):
    response = api(newcomer).post(
        "/api/v1/membership-requests/",
        {
            "proposed_name": "Vientiane Solar Lab",
            "proposed_country": "LA",
            "proposed_type": "institute",
        },
        format="json",
    )
    assert response.status_code == 201
    pk = response.json()["id"]
    validated = api(broker).post(f"/api/v1/membership-requests/{pk}/validate/")
    assert validated.status_code == 200
    assert validated.json()["status"] == "approved"
    assert validated.json()["organisation"] == "vientiane-solar-lab"
    newcomer.refresh_from_db()
    assert newcomer.is_organisation_admin is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload",
    [
        {},
        {
            "organisation": "gxu",
            "proposed_name": "Twin",
            "proposed_country": "CN",
            "proposed_type": "university",
        },
        {"organisation": "no-such-org"},
        {
            "proposed_name": "Guangxi University",
            "proposed_country": "CN",
            "proposed_type": "university",
        },
        {"proposed_name": "New Lab", "proposed_country": "XX", "proposed_type": "university"},
    ],
)
def test_api_request_bad_input_is_400(newcomer, provider_org, payload):
    response = api(newcomer).post("/api/v1/membership-requests/", payload, format="json")
    assert response.status_code == 400
    assert MembershipRequest.objects.count() == 0


@pytest.mark.django_db
def test_api_member_cannot_request(provider, seeker_org):
    response = api(provider).post(
        "/api/v1/membership-requests/", {"organisation": "tani"}, format="json"
    )
    assert response.status_code == 403
    assert MembershipRequest.objects.count() == 0


@pytest.mark.django_db
def test_api_refuse_sends_reason(newcomer, provider_org, broker):
    req = membership.request_membership(user=newcomer, organisation=provider_org)
    response = api(broker).post(
        f"/api/v1/membership-requests/{req.pk}/refuse/", {"reason": "Unknown"}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["reason"]) == ("refused", "Unknown")
    assert response.json()["decided_by"] == "broker"


@pytest.mark.django_db
def test_api_cancel_own_only(newcomer, provider_org, provider):
    req = membership.request_membership(user=newcomer, organisation=provider_org)
    assert api(provider).post(f"/api/v1/membership-requests/{req.pk}/cancel/").status_code == 403
    response = api(newcomer).post(f"/api/v1/membership-requests/{req.pk}/cancel/")
    assert (response.status_code, response.json()["status"]) == (200, "cancelled")


@pytest.mark.django_db
def test_api_approve_twice_is_400(newcomer, provider_org, broker):
    req = membership.request_membership(user=newcomer, organisation=provider_org)
    assert api(broker).post(f"/api/v1/membership-requests/{req.pk}/approve/").status_code == 200
    again = api(broker).post(f"/api/v1/membership-requests/{req.pk}/approve/")
    assert again.status_code == 400
    assert "decided already" in str(again.json())


@pytest.mark.django_db
def test_api_members_of_own_organisation_for_its_admin(provider_org, provider, seeker):
    admin = UserFactory(username="gxu-admin", organisation=provider_org, is_organisation_admin=True)
    rows = api(admin).get("/api/v1/members/").json()["results"]
    assert sorted(r["username"] for r in rows) == ["gxu-admin", "provider"]
    assert api(provider).get("/api/v1/members/").json()["results"] == []


@pytest.mark.django_db
def test_api_hand_over_and_remove(provider_org, provider):
    admin = UserFactory(username="gxu-admin", organisation=provider_org, is_organisation_admin=True)
    handed = api(admin).post(f"/api/v1/members/{provider.pk}/hand-over/")
    assert (handed.status_code, handed.json()["is_organisation_admin"]) == (200, True)
    # The former admin is an ordinary member now and may no longer remove anyone.
    admin.refresh_from_db()  # force_authenticate keeps the object it was given
    provider.refresh_from_db()
    assert api(admin).post(f"/api/v1/members/{provider.pk}/remove/").status_code == 403
    removed = api(provider).post(f"/api/v1/members/{admin.pk}/remove/", {"reason": "left"})
    assert (removed.status_code, removed.json()["organisation"]) == (200, None)


@pytest.mark.django_db
def test_api_organisation_search(provider_org, seeker_org):
    rows = api().get("/api/v1/organisations/", {"q": "guangxi"}).json()["results"]
    assert [r["slug"] for r in rows] == ["gxu"]


@pytest.mark.django_db
def test_api_deciders_do_not_see_unconfirmed_requests(provider_org, broker):
    unconfirmed = UserFactory(organisation=None, is_active=False, email_verified=False)
    membership.request_membership(user=unconfirmed, organisation=provider_org)
    admin = UserFactory(organisation=provider_org, is_organisation_admin=True)
    for decider in (broker, admin):
        assert api(decider).get("/api/v1/membership-requests/").json()["results"] == []
