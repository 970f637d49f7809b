"""Permission matrix: one cell per role and action. ``provider`` owns the offer, ``seeker``
expressed interest in it; ``outsider`` is a provider of another organisation."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from lintas.brokerage.domain import agreements, deals
from lintas.brokerage.enums import Stage
from lintas.brokerage.models import Agreement, Deal, Message
from tests.conftest import login

ROLES = ["provider", "seeker", "broker", "officer", "admin_user", "outsider", "anonymous"]


def client_for(request, role):
    if role == "anonymous":
        return Client()
    return login(request.getfixturevalue(role))


def is_login_redirect(response):
    return response.status_code == 302 and "/account/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, expected",
    [("provider", 400), ("seeker", 302), ("broker", 403), ("officer", 403),
     ("admin_user", 403), ("outsider", 302), ("anonymous", "login")],
)  # fmt: skip
def test_express_interest_by_role(request, offer, need, role, expected):
    response = client_for(request, role).post(
        reverse("brokerage:interest", args=[offer.ref]), {"message": "We are interested."}
    )
    if expected == "login":
        assert is_login_redirect(response)
        assert Deal.objects.count() == 0
    else:
        assert response.status_code == expected
        assert Deal.objects.count() == (1 if expected == 302 else 0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, expected",
    [("provider", 200), ("seeker", 200), ("broker", 200), ("officer", 403),
     ("admin_user", 200), ("outsider", 403), ("anonymous", "login")],
)  # fmt: skip
def test_view_deal_by_role(request, deal, role, expected):
    response = client_for(request, role).get(reverse("brokerage:deal", args=[deal.pk]))
    if expected == "login":
        assert is_login_redirect(response)
    else:
        assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, expected",
    [("provider", 302), ("seeker", 403), ("broker", 403), ("officer", 403),
     ("admin_user", 403), ("outsider", 403), ("anonymous", "login")],
)  # fmt: skip
def test_accept_interest_by_role(request, deal, role, expected):
    response = client_for(request, role).post(
        reverse("brokerage:deal_respond", args=[deal.pk, "accept"])
    )
    deal.refresh_from_db()
    if expected == "login":
        assert is_login_redirect(response)
    else:
        assert response.status_code == expected
    assert deal.is_introduced == (expected == 302)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, expected",
    [("provider", 403), ("seeker", 403), ("broker", 302), ("officer", 403),
     ("admin_user", 302), ("outsider", 403), ("anonymous", "login")],
)  # fmt: skip
def test_broker_approval_by_role(request, offer, seeker, provider, settings, role, expected):
    settings.LINTAS = {**settings.LINTAS, "BROKER_APPROVAL_REQUIRED": True}
    deal = deals.express_interest(user=seeker, profile=offer, message="Hello")
    deals.respond(user=provider, deal=deal, accept=True)
    response = client_for(request, role).post(
        reverse("brokerage:deal_respond", args=[deal.pk, "approve"])
    )
    deal.refresh_from_db()
    if expected == "login":
        assert is_login_redirect(response)
    else:
        assert response.status_code == expected
    assert deal.is_introduced == (expected == 302)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, expected",
    [("provider", 302), ("seeker", 302), ("broker", 302), ("officer", 403),
     ("admin_user", 302), ("outsider", 403), ("anonymous", "login")],
)  # fmt: skip
def test_post_message_by_role(request, introduced, role, expected):
    response = client_for(request, role).post(
        reverse("brokerage:message_post", args=[introduced.pk]), {"body": "Hello there"}
    )
    if expected == "login":
        assert is_login_redirect(response)
    else:
        assert response.status_code == expected
    assert Message.objects.count() == (1 if expected == 302 else 0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, allowed",
    [("provider", False), ("seeker", False), ("broker", True), ("officer", False),
     ("admin_user", True), ("outsider", False), ("anonymous", False)],
)  # fmt: skip
def test_move_deal_to_agreement_by_role(request, introduced, role, allowed):
    client_for(request, role).post(
        reverse("brokerage:deal_update", args=[introduced.pk]),
        {"version": introduced.version, "stage": "agreement"},
    )
    introduced.refresh_from_db()
    assert (introduced.stage == Stage.AGREEMENT) == allowed


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, allowed",
    [("provider", True), ("seeker", True), ("broker", True), ("officer", False),
     ("admin_user", True), ("outsider", False), ("anonymous", False)],
)  # fmt: skip
def test_move_deal_to_meeting_by_role(request, introduced, role, allowed):
    client_for(request, role).post(
        reverse("brokerage:deal_update", args=[introduced.pk]),
        {"version": introduced.version, "stage": "meeting"},
    )
    introduced.refresh_from_db()
    assert (introduced.stage == Stage.MEETING) == allowed


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, expected",
    [("provider", 403), ("seeker", 403), ("broker", 200), ("officer", 403),
     ("admin_user", 200), ("outsider", 403), ("anonymous", "login")],
)  # fmt: skip
def test_board_by_role(request, role, expected):
    response = client_for(request, role).get(reverse("brokerage:board"))
    if expected == "login":
        assert is_login_redirect(response)
    else:
        assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, expected",
    [("provider", 403), ("seeker", 403), ("broker", 302), ("officer", 403),
     ("admin_user", 302), ("outsider", 403), ("anonymous", "login")],
)  # fmt: skip
def test_create_agreement_by_role(request, provider_org, seeker_org, role, expected):
    response = client_for(request, role).post(
        reverse("brokerage:agreement_create"),
        {"title": "Licence", "type": "licence", "parties_0": provider_org.name,
         "parties_1": seeker_org.name, "signed_on": "2025-06-01", "value": "1000.50",
         "currency": "USD"},
    )  # fmt: skip
    if expected == "login":
        assert is_login_redirect(response)
    else:
        assert response.status_code == expected
    assert Agreement.objects.count() == (1 if expected == 302 else 0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, expected",
    [("provider", 200), ("seeker", 200), ("broker", 200), ("officer", 200),
     ("admin_user", 200), ("outsider", 403), ("anonymous", "login")],
)  # fmt: skip
def test_view_agreement_by_role(request, broker, provider_org, seeker_org, role, expected):
    agreement = agreements.record_agreement(
        user=broker,
        data={"title": "MoU", "type": "mou", "signed_on": dt.date(2025, 1, 1)},
        parties=[provider_org, seeker_org],
    )
    response = client_for(request, role).get(agreement.get_absolute_url())
    if expected == "login":
        assert is_login_redirect(response)
    else:
        assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, visible",
    [("provider", 1), ("seeker", 1), ("broker", 1), ("officer", 1), ("admin_user", 1),
     ("outsider", 0)],
)  # fmt: skip
def test_agreement_list_by_role(request, broker, provider_org, seeker_org, role, visible):
    agreements.record_agreement(
        user=broker,
        data={"title": "Joint lab MoU", "type": "mou", "signed_on": dt.date(2025, 1, 1)},
        parties=[provider_org, seeker_org],
    )
    response = client_for(request, role).get(reverse("brokerage:agreements"))
    assert response.status_code == 200
    assert response.content.decode().count("Joint lab MoU") == visible


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, visible",
    [("provider", 1), ("seeker", 1), ("broker", 1), ("officer", 0), ("admin_user", 1),
     ("outsider", 0)],
)  # fmt: skip
def test_deal_list_by_role(request, deal, role, visible):
    response = client_for(request, role).get(reverse("brokerage:deals"))
    assert response.status_code == 200
    assert response.content.decode().count(f"#{deal.pk}</a>") == visible


@pytest.mark.django_db
def test_deal_list_anonymous_goes_to_login(client):
    assert is_login_redirect(client.get(reverse("brokerage:deals")))
