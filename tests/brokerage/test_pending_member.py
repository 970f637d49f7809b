"""A person who named an organisation at sign-up but is not approved yet acts like a visitor.

Each test signs up through the real pages (as an attacker would), so it fails on code where
naming an organisation was enough to act for it.
"""

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from lintas.brokerage.domain import conversations, deals
from lintas.brokerage.models import Deal, Message
from lintas.catalogue.domain.access import CONFIDENTIAL_FIELDS
from lintas.core.domain import membership
from tests.accounts import sign_up_and_verify
from tests.brokerage.conftest import SECRETS

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(provider_org):
    """Signed up naming Guangxi University, address confirmed, request pending."""
    return sign_up_and_verify("mallory", "gxu")


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_pending_profile_api_detail_has_no_confidential_fields(pending, offer):
    _client, user = pending
    response = api_as(user).get(f"/api/v1/profiles/{offer.ref}/")
    assert response.status_code == 200
    assert response.json()["title"] == "Salt-tolerant rice variety"
    assert set(CONFIDENTIAL_FIELDS) & set(response.json()) == set()
    assert not any(secret in response.content.decode() for secret in SECRETS)


def test_pending_profile_page_shows_public_text_only(pending, offer):
    client, _user = pending
    response = client.get(offer.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "Salt-tolerant rice variety" in body
    assert not any(secret in body for secret in SECRETS)
    assert reverse("catalogue:profile_edit", args=[offer.ref]) not in body


def test_pending_cannot_see_deal_page_or_api(pending, deal):
    client, user = pending
    assert client.get(deal.get_absolute_url()).status_code == 403
    assert api_as(user).get(f"/api/v1/deals/{deal.pk}/").status_code == 404
    listing = api_as(user).get("/api/v1/deals/")
    assert (listing.status_code, listing.json()["results"]) == (200, [])
    deals_page = client.get(reverse("brokerage:deals"))
    assert deals_page.status_code == 200
    assert "Salt-tolerant rice variety" not in deals_page.content.decode()


def test_pending_cannot_accept_an_interest(pending, deal):
    client, user = pending
    assert api_as(user).post(f"/api/v1/interests/{deal.pk}/accept/", {}).status_code == 404
    assert (
        client.post(reverse("brokerage:deal_respond", args=[deal.pk, "accept"])).status_code == 403
    )
    deal.refresh_from_db()
    assert (deal.stage, deal.introduced_at) == ("interest", None)


def test_pending_cannot_edit_a_published_profile(pending, offer):
    client, user = pending
    response = api_as(user).patch(
        f"/api/v1/profiles/{offer.ref}/",
        {"contact_email": "mallory@example.net", "version": offer.version},
        format="json",
    )
    assert response.status_code == 403
    assert client.get(reverse("catalogue:profile_edit", args=[offer.ref])).status_code == 403
    offer.refresh_from_db()
    assert offer.contact_email == "secret.contact@example.org"


def test_pending_cannot_post_a_message(pending, introduced):
    client, user = pending
    response = client.post(reverse("brokerage:message_post", args=[introduced.pk]), {"body": "hi"})
    assert response.status_code == 403
    api = api_as(user).post(
        "/api/v1/messages/", {"deal": introduced.pk, "body": "hi"}, format="json"
    )
    assert api.status_code == 400
    assert Message.objects.filter(author=user).count() == 0


def test_pending_does_not_receive_introduction_emails(
    pending, offer, need, seeker, provider, broker, settings
):
    _client, user = pending
    settings.LINTAS = {**settings.LINTAS, "BROKER_APPROVAL_REQUIRED": False}
    mail.outbox.clear()
    deal = deals.express_interest(user=seeker, profile=offer, message="Rice", counterpart=need)
    deals.respond(user=provider, deal=deal, accept=True)
    conversations.post_message(user=seeker, deal=Deal.objects.get(pk=deal.pk), body="Hello")
    recipients = {address for m in mail.outbox for address in m.to}
    assert provider.email in recipients  # the organisation's real member is told
    assert user.email not in recipients
    assert all(user.email not in m.body for m in mail.outbox)


def test_approval_grants_and_removal_takes_away_at_once(pending, offer, broker):
    _client, user = pending
    membership.approve(actor=broker, membership_request=user.membership_requests.get())
    user.refresh_from_db()
    shown = api_as(user).get(f"/api/v1/profiles/{offer.ref}/").json()
    assert shown["contact_email"] == "secret.contact@example.org"
    membership.remove_member(actor=broker, member=user)
    user.refresh_from_db()
    hidden = api_as(user).get(f"/api/v1/profiles/{offer.ref}/")
    assert hidden.status_code == 200
    assert hidden.json()["title"] == "Salt-tolerant rice variety"
    assert "contact_email" not in hidden.json()


def test_removed_author_gets_no_renewal_reminder(offer, provider, broker):
    import datetime as dt

    from django.utils import timezone

    from lintas.catalogue.domain import lifecycle
    from lintas.catalogue.models import Profile

    membership.remove_member(actor=broker, member=provider)
    mail.outbox.clear()
    today = timezone.localdate()
    Profile.objects.filter(pk=offer.pk).update(expires_on=today + dt.timedelta(days=10))
    assert lifecycle.send_renewal_reminders(today=today) == 1
    assert [m.to for m in mail.outbox] == [["secret.contact@example.org"]]
