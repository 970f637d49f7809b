"""The API's permission matrix, cell for cell the pages' (tests/brokerage/test_permissions.py):
the same ``brokerage.*`` rules decide, and each cell checks the effect as well as the status.
``provider`` owns the offer, ``seeker`` expressed interest in it; ``outsider`` is a provider of
another organisation. Deals outside a person's list answer 404 (the list is their scope)."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from lintas.brokerage.domain import agreements, deals
from lintas.brokerage.enums import Stage
from lintas.brokerage.models import Agreement, Deal, Message

ROLES = ["provider", "seeker", "broker", "officer", "admin_user", "outsider", "anonymous"]


def api_for(request, role) -> APIClient:
    client = APIClient()
    if role != "anonymous":
        client.force_authenticate(request.getfixturevalue(role))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, expected",
    [("provider", 400), ("seeker", 201), ("broker", 403), ("officer", 403),
     ("admin_user", 403), ("outsider", 201), ("anonymous", 401)],
)  # fmt: skip
def test_api_express_interest_by_role(request, offer, need, role, expected):
    response = api_for(request, role).post(
        "/api/v1/interests/", {"profile": offer.ref, "message": "We are interested."}, format="json"
    )
    assert response.status_code == expected
    assert Deal.objects.count() == (1 if expected == 201 else 0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, expected",
    [("provider", 200), ("seeker", 403), ("broker", 403), ("officer", 404),
     ("admin_user", 403), ("outsider", 404), ("anonymous", 401)],
)  # fmt: skip
def test_api_accept_interest_by_role(request, deal, role, expected):
    response = api_for(request, role).post(f"/api/v1/interests/{deal.pk}/accept/", {}, "json")
    assert response.status_code == expected
    deal.refresh_from_db()
    assert deal.is_introduced == (expected == 200)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, expected",
    [("provider", 403), ("seeker", 403), ("broker", 200), ("officer", 404),
     ("admin_user", 200), ("outsider", 404), ("anonymous", 401)],
)  # fmt: skip
def test_api_broker_approval_by_role(request, offer, seeker, provider, settings, role, expected):
    settings.LINTAS = {**settings.LINTAS, "BROKER_APPROVAL_REQUIRED": True}
    deal = deals.express_interest(user=seeker, profile=offer, message="Hello")
    deals.respond(user=provider, deal=deal, accept=True)
    response = api_for(request, role).post(f"/api/v1/interests/{deal.pk}/approve/", {}, "json")
    assert response.status_code == expected
    deal.refresh_from_db()
    assert deal.is_introduced == (expected == 200)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, expected",
    [("provider", 200), ("seeker", 200), ("broker", 200), ("officer", 404),
     ("admin_user", 200), ("outsider", 404), ("anonymous", 401)],
)  # fmt: skip
def test_api_view_deal_by_role(request, deal, role, expected):
    response = api_for(request, role).get(f"/api/v1/deals/{deal.pk}/")
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["id"] == deal.pk


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, expected",
    [("provider", 201), ("seeker", 201), ("broker", 201), ("officer", 400),
     ("admin_user", 201), ("outsider", 400), ("anonymous", 401)],
)  # fmt: skip
def test_api_post_message_by_role(request, introduced, role, expected):
    response = api_for(request, role).post(
        "/api/v1/messages/", {"deal": introduced.pk, "body": "Hello there"}, format="json"
    )
    assert response.status_code == expected
    assert Message.objects.count() == (1 if expected == 201 else 0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, stage, expected",
    [("provider", "meeting", 200), ("seeker", "meeting", 200), ("broker", "meeting", 200),
     ("admin_user", "meeting", 200), ("officer", "meeting", 404), ("outsider", "meeting", 404),
     ("anonymous", "meeting", 401),
     ("provider", "agreement", 403), ("seeker", "agreement", 403),
     ("broker", "agreement", 200), ("admin_user", "agreement", 200)],
)  # fmt: skip
def test_api_move_deal_by_role(request, introduced, role, stage, expected):
    response = api_for(request, role).post(
        f"/api/v1/deals/{introduced.pk}/stage/",
        {"stage": stage, "version": introduced.version},
        format="json",
    )
    assert response.status_code == expected
    introduced.refresh_from_db()
    assert (introduced.stage == stage) == (expected == 200)
    if expected != 200:
        assert introduced.stage == Stage.INTRODUCED


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, expected",
    [("provider", 403), ("seeker", 403), ("broker", 201), ("officer", 403),
     ("admin_user", 201), ("outsider", 403), ("anonymous", 401)],
)  # fmt: skip
def test_api_create_agreement_by_role(request, provider_org, seeker_org, role, expected):
    response = api_for(request, role).post(
        "/api/v1/agreements/",
        {"title": "Licence", "type": "licence", "parties": [provider_org.slug, seeker_org.slug],
         "signed_on": "2025-06-01", "value": "1000.50", "currency": "USD"},
        format="json",
    )  # fmt: skip
    assert response.status_code == expected
    assert Agreement.objects.count() == (1 if expected == 201 else 0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, expected",
    [("provider", 200), ("seeker", 200), ("broker", 200), ("officer", 200),
     ("admin_user", 200), ("outsider", 404), ("anonymous", 401)],
)  # fmt: skip
def test_api_view_agreement_by_role(request, broker, provider_org, seeker_org, role, expected):
    agreement = agreements.record_agreement(
        user=broker,
        data={"title": "MoU", "type": "mou", "signed_on": dt.date(2025, 1, 1)},
        parties=[provider_org, seeker_org],
    )
    response = api_for(request, role).get(f"/api/v1/agreements/{agreement.pk}/")
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["title"] == "MoU"
