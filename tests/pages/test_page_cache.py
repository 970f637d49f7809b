"""lintas.core.pagecache: the public pages are answered from the cache for anonymous visitors,
never for signed-in people, in the reader's language, and show a change at once."""

import pytest
from django.test import Client, override_settings

from lintas.catalogue.domain import lifecycle, revisions
from lintas.catalogue.models import Profile
from tests.factories import ProfileFactory

PAGES = ["/", "/offers/", "/offers/?page=1&trl_min=3", "/matching/search/?q=rice"]


def cached_keys():
    from django.core.cache import cache

    return [k for k in cache._cache if ":page:" in k]  # local-memory cache in tests


def anonymous():
    return Client(headers={"accept-language": "en"})


@pytest.fixture(autouse=True)
def insights_summary(db):
    """The home page is cached only while its outcome figures come from insights' summary."""
    from lintas.insights.domain import summary

    return summary.refresh_summary()


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES + ["PROFILE"])
def test_anonymous_page_comes_from_the_cache_the_second_time(path, offer):
    path = offer.get_absolute_url() if path == "PROFILE" else path
    first = anonymous().get(path)
    assert first.status_code == 200
    assert len(cached_keys()) == 1
    # Proof that the second answer is the stored one: rename the profile behind the
    # domain's back (no version moves), and the page still shows the old title.
    Profile.objects.filter(pk=offer.pk).update(title="Renamed without telling anyone")
    second = anonymous().get(path)
    assert second.status_code == 200
    assert second.content == first.content
    assert b"Renamed without telling anyone" not in second.content


@pytest.mark.django_db
def test_anonymous_public_pages_carry_no_csrf_token_and_set_no_cookie(offer):
    for path in PAGES + [offer.get_absolute_url()]:
        response = anonymous().get(path)
        assert b"csrfmiddlewaretoken" not in response.content, path
        assert b"X-CSRFToken" not in response.content, path
        assert "csrftoken" not in response.cookies, path


@pytest.mark.django_db
def test_anonymous_language_switch_works_without_a_token_and_signed_in_needs_one(provider):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "th", "next": "/offers/"})
    assert response.status_code == 302 and response["Location"] == "/offers/"
    assert client.get("/offers/").content.decode().startswith("<!doctype html>")
    assert '<html lang="th">' in client.get("/offers/").content.decode()

    member = Client(enforce_csrf_checks=True)
    member.force_login(provider)
    refused = member.post("/i18n/setlang/", {"language": "th", "next": "/offers/"})
    assert refused.status_code == 403
    page = member.get("/offers/").content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    accepted = member.post(
        "/i18n/setlang/", {"language": "th", "next": "/offers/", "csrfmiddlewaretoken": token}
    )
    assert accepted.status_code == 302


@pytest.mark.django_db
def test_signed_in_person_never_gets_the_anonymous_page(offer, provider):
    anonymous().get("/offers/")  # stored for anonymous visitors
    member = Client(headers={"accept-language": "en"})
    member.force_login(provider)
    page = member.get("/offers/").content.decode()
    assert "Sign out" in page and provider.username in page
    assert "csrfmiddlewaretoken" in page
    assert "Sign out" not in anonymous().get("/offers/").content.decode()


@pytest.mark.django_db
def test_each_language_has_its_own_page(offer):
    english = anonymous().get("/offers/").content.decode()
    chinese = Client(headers={"accept-language": "zh-hans"}).get("/offers/").content.decode()
    assert '<html lang="en">' in english
    assert '<html lang="zh-hans">' in chinese
    assert len(cached_keys()) == 2


@pytest.mark.django_db
def test_a_publication_shows_at_once_on_the_cached_pages(
    offer, provider_org, broker, sector, django_capture_on_commit_callbacks
):
    before = {path: anonymous().get(path).content.decode() for path in ["/", "/offers/"]}
    draft = ProfileFactory(
        organisation=provider_org,
        kind="offer",
        status="submitted",
        title="Brackish water irrigation pump",
        sectors=[sector],
    )
    for html in before.values():
        assert draft.title not in html
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.publish(user=broker, profile=draft)
    for path in before:
        assert draft.title in anonymous().get(path).content.decode(), path


@pytest.mark.django_db
def test_an_accepted_edit_shows_at_once_on_the_cached_profile_page(
    offer, provider, broker, django_capture_on_commit_callbacks
):
    url = offer.get_absolute_url()
    assert offer.title in anonymous().get(url).content.decode()
    revision = revisions.propose(
        user=provider,
        profile=offer,
        data={"title": "Salt-tolerant rice, second edition"},
        version=offer.version,
    )
    assert "second edition" not in anonymous().get(url).content.decode()  # not accepted yet
    with django_capture_on_commit_callbacks(execute=True):
        revisions.accept(user=broker, revision=revision)
    assert "Salt-tolerant rice, second edition" in anonymous().get(url).content.decode()


@pytest.mark.django_db
def test_an_archived_profile_leaves_the_cached_pages_at_once(
    offer, provider, django_capture_on_commit_callbacks
):
    url = offer.get_absolute_url()
    assert anonymous().get(url).status_code == 200
    assert offer.title in anonymous().get("/offers/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.archive(user=provider, profile=offer)
    assert anonymous().get(url).status_code == 404
    assert offer.title not in anonymous().get("/offers/").content.decode()


@pytest.mark.django_db
def test_a_page_with_a_message_is_neither_served_from_nor_stored_in_the_cache(offer, rf):
    from django.contrib import messages
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    from lintas.pages.views import home

    anonymous().get("/")  # stored
    request = rf.get("/")
    request.user, request.session, request.LANGUAGE_CODE = AnonymousUser(), SessionStore(), "en"
    request._messages = FallbackStorage(request)
    messages.info(request, "A note for this visitor only")
    assert "A note for this visitor only" in home(request).content.decode()
    assert len(cached_keys()) == 1
    assert "A note for this visitor only" not in anonymous().get("/").content.decode()


@pytest.mark.django_db
@override_settings(PAGE_CACHE_SECONDS=0)
def test_no_page_cache_when_switched_off(offer):
    anonymous().get("/offers/")
    Profile.objects.filter(pk=offer.pk).update(title="Renamed without telling anyone")
    assert "Renamed without telling anyone" in anonymous().get("/offers/").content.decode()
    assert cached_keys() == []


@pytest.mark.django_db
def test_home_page_shows_a_summary_refresh_at_once_and_is_not_cached_without_a_summary(offer):
    from lintas.insights.domain import summary
    from lintas.insights.domain.dashboard import summary_stamp
    from lintas.insights.models import SummaryRun

    first = anonymous().get("/")
    assert first.status_code == 200 and len(cached_keys()) == 1
    before = summary_stamp()
    summary.refresh_summary()  # what the refresh task does after a write
    assert summary_stamp() != before
    again = anonymous().get("/")
    assert again.status_code == 200 and "Lintas" in again.content.decode()
    assert len(cached_keys()) == 2  # rendered afresh under the new summary's key

    SummaryRun.objects.all().delete()  # no summary: figures counted live, never cached
    for _ in range(2):
        assert anonymous().get("/").status_code == 200
    assert len(cached_keys()) == 2
