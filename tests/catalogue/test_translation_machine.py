"""Machine drafts of profile translations: pre-filled, labelled, never saved by themselves."""

import re

import pytest
from django.urls import reverse

from lintas.catalogue.models import ProfileTranslation
from tests.conftest import login
from tests.libretranslate_server import FakeLibreTranslate


@pytest.fixture
def zh_offer(offer):
    offer.title = "耐盐水稻品种"
    offer.summary = "在盐碱地种植的水稻。"
    offer.description = ""
    offer.content_language = "zh"
    offer.save()
    return offer


def use(settings, url: str, timeout: float = 5.0):
    settings.LINTAS = {**settings.LINTAS, "TRANSLATOR_URL": url, "TRANSLATOR_TIMEOUT": timeout}


@pytest.mark.django_db
def test_suggestion_prefills_the_form_labelled_as_machine(settings, zh_offer, provider):
    url = reverse("catalogue:translations", args=[zh_offer.ref])
    with FakeLibreTranslate() as server:
        use(settings, server.url)
        client = login(provider)
        assert 'id="suggest-translation"' in client.get(url).content.decode()
        body = client.get(url, {"suggest": "1", "language": "th"}).content.decode()
    assert 'value="พันธุ์ข้าวทนเค็ม"' in body
    assert "ข้าวที่ปลูกในดินเค็ม</textarea>" in body
    assert re.search(r'<input type="checkbox" name="machine"[^>]*checked>', body)
    assert "check and correct it before saving" in body
    assert ProfileTranslation.objects.count() == 0  # a person saves it, or nothing happens
    response = client.post(
        url,
        {"language": "th", "title": "พันธุ์ข้าวทนเค็ม", "summary": "ข้าวที่ปลูกในดินเค็ม", "machine": "on"},
    )
    assert response.status_code == 302
    saved = ProfileTranslation.objects.get()
    assert saved.machine is True and saved.written_by == provider
    page = login(provider).get(zh_offer.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="th")
    assert "Machine translation" in page.content.decode() or "แปลด้วยเครื่อง" in page.content.decode()


@pytest.mark.django_db
def test_no_service_no_button_and_a_clear_message(settings, zh_offer, provider):
    use(settings, "")
    url = reverse("catalogue:translations", args=[zh_offer.ref])
    client = login(provider)
    assert 'id="suggest-translation"' not in client.get(url).content.decode()
    body = client.get(url, {"suggest": "1", "language": "th"}, follow=True).content.decode()
    assert "Machine translation is not set up on this site." in body


@pytest.mark.django_db
def test_service_down_or_slow_is_said_in_words(settings, zh_offer, provider):
    url = reverse("catalogue:translations", args=[zh_offer.ref])
    with FakeLibreTranslate(delay=2) as server:
        use(settings, server.url, timeout=0.3)
        body = login(provider).get(url, {"suggest": "1", "language": "th"}).content.decode()
    assert "The translation service did not answer. Try again later." in body
    assert 'value="พันธุ์ข้าวทนเค็ม"' not in body


@pytest.mark.django_db
def test_unsupported_language_is_said_in_words(settings, zh_offer, provider):
    url = reverse("catalogue:translations", args=[zh_offer.ref])
    with FakeLibreTranslate() as server:
        use(settings, server.url)
        body = login(provider).get(url, {"suggest": "1", "language": "km"}).content.decode()
    assert "does not translate between these languages" in body


@pytest.mark.django_db
def test_others_get_no_machine_draft(settings, zh_offer, seeker):
    with FakeLibreTranslate() as server:
        use(settings, server.url)
        url = reverse("catalogue:translations", args=[zh_offer.ref])
        assert login(seeker).get(url, {"suggest": "1", "language": "th"}).status_code == 403
        assert server.translate_calls() == []


@pytest.mark.django_db
def test_api_suggestion_is_a_draft_not_saved(settings, zh_offer, provider, seeker):
    api = f"/api/v1/profiles/{zh_offer.ref}/translations/suggest/"
    with FakeLibreTranslate() as server:
        use(settings, server.url)
        draft = login(provider).get(api, {"language": "th"})
        refused = login(seeker).get(api, {"language": "th"})
        unsupported = login(provider).get(api, {"language": "km"})
    assert draft.status_code == 200
    assert draft.json() == {
        "language": "th",
        "title": "พันธุ์ข้าวทนเค็ม",
        "summary": "ข้าวที่ปลูกในดินเค็ม",
        "description": "",
        "machine": True,
    }
    assert refused.status_code == 403
    assert unsupported.status_code == 503 and unsupported.json()["reason"] == "unsupported"
    assert ProfileTranslation.objects.count() == 0
    use(settings, "")
    off = login(provider).get(api, {"language": "th"})
    assert off.status_code == 503 and off.json()["reason"] == "not_configured"
