"""Visitors see how to express interest on a published profile, and sign-in brings them back."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def test_visitor_is_invited_to_sign_in_and_returns_to_the_profile(offer, seeker):
    seeker.set_password("a-Long-pass-1234")
    seeker.save()
    client = Client()
    page = client.get(offer.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="signin-to-interest"' in html
    assert "Sign in to express interest" in html
    link = f"{reverse('core:login')}?next=/p/{offer.ref}/"
    assert f'href="{link}"' in html
    login_page = client.get(link)
    assert f'name="next" value="/p/{offer.ref}/"' in login_page.content.decode()
    response = client.post(
        link,
        {"username": seeker.username, "password": "a-Long-pass-1234", "next": f"/p/{offer.ref}/"},
    )
    assert response.status_code == 302 and response["Location"] == f"/p/{offer.ref}/"
    back = client.get(response["Location"]).content.decode()
    assert 'id="express-interest"' in back and 'id="signin-to-interest"' not in back


def test_no_invitation_on_unpublished_or_for_members(provider_org, seeker):
    draft = ProfileFactory(organisation=provider_org, status="published")
    draft.status = "submitted"
    draft.save()
    # An unpublished profile is not shown to visitors at all.
    assert Client().get(draft.get_absolute_url()).status_code == 404
    published = ProfileFactory(organisation=provider_org, status="published")
    client = Client()
    client.force_login(seeker)
    html = client.get(published.get_absolute_url()).content.decode()
    assert "signin-to-interest" not in html and 'id="express-interest"' in html
