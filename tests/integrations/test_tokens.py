"""Personal API tokens: created (shown once, stored hashed), used as `Authorization: Token …`,
listed with their last use, revoked — on the account page and through the API."""

import hashlib

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from lintas.integrations.models import ApiToken
from tests.conftest import login
from tests.integrations.conftest import token_client

pytestmark = pytest.mark.django_db


def test_token_is_stored_hashed_and_works_as_its_owner(provider):
    client, plain = token_client(provider)
    row = ApiToken.objects.get(user=provider)
    assert row.digest == hashlib.sha256(plain.encode()).hexdigest()
    assert plain not in (row.digest, row.prefix) and plain.startswith(row.prefix)
    assert row.last_used_at is None
    response = client.get("/api/v1/notifications/unread-count/")
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.last_used_at is not None


def test_token_acts_with_its_owners_rights_only(provider, seeker, offer):
    client, _plain = token_client(seeker)
    refused = client.patch(
        f"/api/v1/profiles/{offer.ref}/",
        {"title": "Hijack", "version": offer.version},
        format="json",
    )
    assert refused.status_code == 403
    offer.refresh_from_db()
    assert offer.title == "Salt-tolerant rice variety"


def test_wrong_or_revoked_token_is_401_with_www_authenticate(provider):
    client, plain = token_client(provider)
    wrong = APIClient()
    wrong.credentials(HTTP_AUTHORIZATION="Token lintas_not-a-real-token")
    answer = wrong.get("/api/v1/notifications/")
    assert answer.status_code == 401
    assert answer["WWW-Authenticate"] == 'Token realm="api"'
    assert set(answer.json()) == {"detail", "errors"}
    row = ApiToken.objects.get(user=provider)
    api = APIClient()
    api.force_authenticate(provider)
    revoked = api.post(f"/api/v1/tokens/{row.pk}/revoke/")
    assert revoked.status_code == 200 and revoked.json()["active"] is False
    assert client.get("/api/v1/notifications/").status_code == 401


def test_disabled_account_token_stops_working(provider):
    client, _plain = token_client(provider)
    provider.is_active = False
    provider.save()
    assert client.get("/api/v1/notifications/").status_code == 401


def test_api_creates_lists_and_shows_the_token_once(provider, seeker):
    api = APIClient()
    api.force_authenticate(provider)
    created = api.post("/api/v1/tokens/", {"name": "ERP"}, format="json")
    assert created.status_code == 201
    plain = created.json()["token"]
    listed = api.get("/api/v1/tokens/").json()
    assert listed["count"] == 1
    assert listed["results"][0]["name"] == "ERP"
    assert "token" not in listed["results"][0] and plain not in str(listed)
    other = APIClient()
    other.force_authenticate(seeker)
    assert other.get("/api/v1/tokens/").json()["count"] == 0
    pk = listed["results"][0]["id"]
    assert other.post(f"/api/v1/tokens/{pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=pk).active


def test_api_token_without_name_is_400_naming_the_field(provider):
    api = APIClient()
    api.force_authenticate(provider)
    answer = api.post("/api/v1/tokens/", {"name": "  "}, format="json")
    assert answer.status_code == 400
    assert list(answer.json()["errors"]) == ["name"]
    assert ApiToken.objects.count() == 0


def test_anonymous_cannot_create_tokens():
    answer = APIClient().post("/api/v1/tokens/", {"name": "x"}, format="json")
    assert answer.status_code == 401
    assert ApiToken.objects.count() == 0


def test_page_creates_shows_once_lists_and_revokes(provider):
    client = login(provider)
    page = client.post(reverse("integrations:tokens"), {"name": "Our CRM"})
    assert page.status_code == 200
    plain = page.context["created"]
    assert plain.startswith("lintas_") and plain in page.content.decode()
    again = client.get(reverse("integrations:tokens")).content.decode()
    assert "Our CRM" in again and plain not in again and "never" in again
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {plain}")
    assert api.get("/api/v1/tokens/").status_code == 200
    assert "never" not in client.get(reverse("integrations:tokens")).content.decode()
    row = ApiToken.objects.get(user=provider)
    revoke = client.post(reverse("integrations:token_revoke", args=[row.pk]))
    assert revoke.status_code == 302
    assert api.get("/api/v1/tokens/").status_code == 401
    assert "Revoked on" in client.get(reverse("integrations:tokens")).content.decode()


def test_page_cannot_revoke_someone_elses_token(provider, seeker):
    client, _plain = token_client(provider)
    row = ApiToken.objects.get(user=provider)
    answer = login(seeker).post(reverse("integrations:token_revoke", args=[row.pk]))
    assert answer.status_code == 404
    assert client.get("/api/v1/tokens/").status_code == 200


def test_account_page_links_tokens_and_webhooks(provider):
    html = login(provider).get(reverse("core:account")).content.decode()
    assert reverse("integrations:tokens") in html and reverse("integrations:webhooks") in html


def test_pages_need_sign_in():
    for name in ("integrations:tokens", "integrations:webhooks"):
        answer = APIClient().get(reverse(name))
        assert answer.status_code == 302 and reverse("core:login") in answer["Location"]
