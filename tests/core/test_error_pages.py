"""Issue 12 §5: 403, 404 and 500 are the site's own pages, in the reader's language, with the
menu and a next step."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_404_is_styled_with_menu_and_search():
    response = Client().get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'id="error-404"' in html and "We cannot find this page" in html
    assert 'id="main-nav"' in html and 'href="/offers/"' in html  # the menu
    assert 'action="/matching/search/"' in html  # a next step
    assert "lintas.css" in html


def test_404_in_the_readers_language():
    response = Client().get("/no-such-page/", headers={"Accept-Language": "id"})
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="id">' in html
    assert "We cannot find this page" not in html and 'id="error-404"' in html


def test_unknown_profile_gets_the_404_page():
    response = Client().get("/p/OF-NOPE/")
    assert response.status_code == 404 and 'id="error-404"' in response.content.decode()


def test_403_for_a_member_says_who_they_are(seeker):
    response = login(seeker).get(reverse("catalogue:queue"))
    html = response.content.decode()
    assert response.status_code == 403
    assert 'id="error-403"' in html and "You are signed in as seeker" in html


def test_403_for_a_visitor_offers_sign_in_back_to_the_page(provider_org):
    # A visitor is sent to sign in by login_required pages; PermissionDenied pages that a
    # visitor can reach show the sign-in step themselves.
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from lintas.core.errors import permission_denied

    request = RequestFactory().get("/profiles/queue/")
    request.user = AnonymousUser()
    response = permission_denied(request)
    html = response.content.decode()
    assert response.status_code == 403
    assert 'id="error-signin"' in html and "next=/profiles/queue/" in html


@override_settings(ROOT_URLCONF="tests.core.error_urls")
def test_500_is_styled_and_translated():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/", headers={"Accept-Language": "id"})
    html = response.content.decode()
    assert response.status_code == 500
    assert 'id="error-500"' in html and 'id="main-nav"' in html and '<html lang="id">' in html
    assert "Something went wrong on our side" not in html


@override_settings(ROOT_URLCONF="tests.core.error_urls")
def test_500_falls_back_to_a_plain_page_when_the_page_cannot_be_drawn(monkeypatch):
    from lintas.pages import navigation

    monkeypatch.setattr(navigation, "MENU", navigation.MENU)  # restored after the test
    client = Client(raise_request_exception=False)
    response = client.get("/boom-twice/")
    html = response.content.decode()
    assert response.status_code == 500
    assert 'id="error-500"' in html and "Something went wrong on our side" in html
    assert 'id="main-nav"' not in html
