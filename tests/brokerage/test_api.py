import pytest
from django.core import mail
from rest_framework.test import APIClient

from lintas.brokerage.domain import deals
from lintas.brokerage.models import Agreement, Deal, Message
from tests.brokerage.conftest import NEED_SECRETS, SECRETS
from tests.factories import EventFactory


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def no_secrets(payload, secrets=SECRETS + NEED_SECRETS):
    body = str(payload)
    return not any(secret in body for secret in secrets)


@pytest.mark.django_db
def test_api_interest_create_and_accept(offer, need, seeker, provider):
    response = api(seeker).post(
        "/api/v1/interests/",
        {"profile": offer.ref, "message": "Interested", "counterpart_profile": need.ref},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["stage"] == "interest"
    assert no_secrets(response.json())
    deal_id = response.json()["id"]
    assert [d["id"] for d in api(provider).get("/api/v1/interests/").json()["results"]] == [deal_id]
    accepted = api(provider).post(f"/api/v1/interests/{deal_id}/accept/", {}, format="json")
    assert accepted.status_code == 200 and accepted.json()["stage"] == "introduced"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "payload, field",
    [({"profile": "NOPE", "message": "x"}, "profile"), ({"message": "x"}, "profile")],
)
def test_api_interest_bad_input(seeker, payload, field):
    response = api(seeker).post("/api/v1/interests/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert Deal.objects.count() == 0


@pytest.mark.django_db
def test_api_interest_in_own_profile_is_400(offer, provider):
    response = api(provider).post(
        "/api/v1/interests/", {"profile": offer.ref, "message": "mine"}, format="json"
    )
    assert response.status_code == 400
    assert "own organisation" in str(response.json())


@pytest.mark.django_db
@pytest.mark.parametrize("role, status", [("broker", 403), ("officer", 403), ("anonymous", 401)])
def test_api_interest_create_by_role(request, offer, role, status):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    response = api(user).post(
        "/api/v1/interests/", {"profile": offer.ref, "message": "x"}, format="json"
    )
    assert response.status_code == status
    assert Deal.objects.count() == 0


@pytest.mark.django_db
def test_api_accept_by_requester_is_403(deal, seeker):
    response = api(seeker).post(f"/api/v1/interests/{deal.pk}/accept/", {}, format="json")
    assert response.status_code == 403


@pytest.mark.django_db
def test_api_deal_has_no_contacts_before_consent(deal, seeker, provider):
    for user in (seeker, provider):
        payload = api(user).get(f"/api/v1/deals/{deal.pk}/").json()
        assert "contacts" not in payload
        assert no_secrets(payload)
    assert no_secrets(api(seeker).get(f"/api/v1/profiles/{deal.profile.ref}/").json())


@pytest.mark.django_db
def test_api_deal_has_contacts_after_consent(introduced, seeker, outsider):
    payload = api(seeker).get(f"/api/v1/deals/{introduced.pk}/").json()
    refs = {c["ref"]: c for c in payload["contacts"]}
    assert refs[introduced.profile.ref]["contact_email"] == "secret.contact@example.org"
    profile = api(seeker).get(f"/api/v1/profiles/{introduced.profile.ref}/").json()
    assert profile["confidential_details"] == "SECRET-PRICE-TERMS"
    assert api(outsider).get(f"/api/v1/deals/{introduced.pk}/").status_code == 404
    assert no_secrets(api(outsider).get(f"/api/v1/profiles/{introduced.profile.ref}/").json())
    assert no_secrets(api().get("/api/v1/profiles/").json())


@pytest.mark.django_db
def test_api_deal_list_is_scoped(deal, seeker, outsider, broker, officer):
    assert api(seeker).get("/api/v1/deals/").json()["count"] == 1
    assert api(broker).get("/api/v1/deals/").json()["count"] == 1
    assert api(outsider).get("/api/v1/deals/").json()["count"] == 0
    assert api(officer).get("/api/v1/deals/").json()["count"] == 0
    assert api().get("/api/v1/deals/").status_code == 401


@pytest.mark.django_db
def test_api_stage_jump_skipping_consent_is_400(deal, broker):
    response = api(broker).post(
        f"/api/v1/deals/{deal.pk}/stage/", {"stage": "agreement", "version": deal.version},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    deal.refresh_from_db()
    assert deal.stage == "interest"


@pytest.mark.django_db
def test_api_stale_stage_change_is_400(introduced, broker):
    client = api(broker)
    url = f"/api/v1/deals/{introduced.pk}/stage/"
    first = client.post(url, {"stage": "meeting", "version": introduced.version}, format="json")
    assert first.status_code == 200
    second = client.post(
        url, {"stage": "negotiating", "version": introduced.version}, format="json"
    )
    assert second.status_code == 400
    assert "Someone else saved" in str(second.json())


@pytest.mark.django_db
def test_api_messages(introduced, seeker, provider, outsider):
    mail.outbox.clear()
    response = api(seeker).post(
        "/api/v1/messages/", {"deal": introduced.pk, "body": "Hello"}, format="json"
    )
    assert response.status_code == 201
    listed = api(provider).get(f"/api/v1/messages/?deal={introduced.pk}").json()
    assert [m["body"] for m in listed["results"]] == ["Hello"]
    assert api(outsider).get("/api/v1/messages/").json()["count"] == 0
    refused = api(outsider).post(
        "/api/v1/messages/", {"deal": introduced.pk, "body": "Hi"}, format="json"
    )
    assert refused.status_code == 400
    too_long = api(seeker).post(
        "/api/v1/messages/", {"deal": introduced.pk, "body": "z" * 5001}, format="json"
    )
    assert too_long.status_code == 400
    assert Message.objects.count() == 1


@pytest.mark.django_db
def test_api_agreements(broker, provider, outsider, provider_org, seeker_org):
    payload = {"title": "Licence", "type": "licence", "parties": ["gxu", "tani"],
               "signed_on": "2025-05-01", "value": "1000.00", "currency": "USD"}  # fmt: skip
    assert api(provider).post("/api/v1/agreements/", payload, format="json").status_code == 403
    created = api(broker).post("/api/v1/agreements/", payload, format="json")
    assert created.status_code == 201
    assert created.json()["value"] == "1000.00"
    assert api(provider).get("/api/v1/agreements/").json()["count"] == 1
    assert api(outsider).get("/api/v1/agreements/").json()["count"] == 0
    bad = api(broker).post("/api/v1/agreements/", {**payload, "parties": ["gxu"]}, format="json")
    assert bad.status_code == 400
    assert Agreement.objects.count() == 1


@pytest.mark.django_db
def test_api_deal_and_agreement_filter_by_event_number(deal, broker):
    expo = EventFactory()
    deals.update_deal(user=broker, deal=deal, version=deal.version, event_id=expo.pk)
    payload = {"title": "Licence", "type": "licence", "parties": ["gxu", "tani"],
               "signed_on": "2025-05-01", "event_id": expo.pk}  # fmt: skip
    created = api(broker).post("/api/v1/agreements/", payload, format="json")
    assert (created.status_code, created.json()["event_id"]) == (201, expo.pk)
    for path in ("/api/v1/deals/", "/api/v1/agreements/"):
        found = api(broker).get(path, {"event_id": expo.pk})
        assert (found.status_code, found.json()["count"]) == (200, 1)
        assert found.json()["results"][0]["event_id"] == expo.pk
        unknown = api(broker).get(path, {"event_id": 999999})
        assert (unknown.status_code, unknown.json()["count"]) == (200, 0)


@pytest.mark.django_db
def test_api_agreement_unknown_event_is_400(broker, provider_org, seeker_org):
    payload = {"title": "Licence", "type": "licence", "parties": ["gxu", "tani"],
               "signed_on": "2025-05-01", "event_id": 999999}  # fmt: skip
    response = api(broker).post("/api/v1/agreements/", payload, format="json")
    assert response.status_code == 400
    assert "There is no event number 999999" in str(response.json())
    assert Agreement.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, choices",
    [("seeker", ["introduced", "meeting", "negotiating", "declined"]),
     ("broker", ["introduced", "meeting", "negotiating", "agreement", "declined", "stalled"])],
)  # fmt: skip
def test_api_deal_lists_the_stages_the_caller_may_choose(request, introduced, role, choices):
    client = APIClient()
    client.force_authenticate(request.getfixturevalue(role))
    body = client.get(f"/api/v1/deals/{introduced.pk}/").json()
    assert body["stage_choices"] == choices
