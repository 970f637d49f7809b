"""The "Translate" button on conversation messages: machine output labelled, only for people
who may read the conversation, errors in words."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from lintas.brokerage.models import Message
from tests.conftest import login
from tests.factories import DealFactory, UserFactory
from tests.libretranslate_server import FakeLibreTranslate

BODY = "我们可以下周见面。"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # translations are cached by message id, which repeats across tests


@pytest.fixture
def deal(offer, seeker, provider, broker):
    deal = DealFactory(profile=offer, requester=seeker, stage="meeting", broker=broker)
    Message.objects.create(deal=deal, author=provider, body=BODY)
    return deal


def use(settings, url: str, timeout: float = 5.0):
    settings.LINTAS = {**settings.LINTAS, "TRANSLATOR_URL": url, "TRANSLATOR_TIMEOUT": timeout}


@pytest.mark.django_db
def test_seeker_reads_the_message_in_indonesian_labelled(settings, deal, seeker):
    message = deal.messages.get()
    with FakeLibreTranslate() as server:
        use(settings, server.url)
        client = login(seeker)
        client.cookies["django_language"] = "id"
        page = client.get(deal.get_absolute_url()).content.decode()
        assert reverse("brokerage:message_translate", args=[message.pk]) in page
        fragment = client.get(
            reverse("brokerage:message_translate", args=[message.pk]), HTTP_HX_REQUEST="true"
        )
    body = fragment.content.decode()
    assert fragment.status_code == 200
    assert "Kita bisa bertemu minggu depan." in body
    assert "machine-translation" in body and "Terjemahan mesin" in body
    assert "中文" in body  # "from 中文"
    assert server.translate_calls()[0]["source"] == "zh-Hans"
    message.refresh_from_db()
    assert message.body == BODY  # the original is untouched


@pytest.mark.django_db
def test_outsider_may_not_translate_a_conversation(settings, deal, outsider):
    message = deal.messages.get()
    with FakeLibreTranslate() as server:
        use(settings, server.url)
        response = login(outsider).get(reverse("brokerage:message_translate", args=[message.pk]))
        assert response.status_code == 403
        assert server.translate_calls() == []


@pytest.mark.django_db
def test_no_service_no_button(settings, deal, seeker):
    use(settings, "")
    page = login(seeker).get(deal.get_absolute_url()).content.decode()
    assert BODY in page and "translate-message" not in page


@pytest.mark.django_db
def test_service_down_is_said_in_words(settings, deal, seeker):
    message = deal.messages.get()
    with FakeLibreTranslate(delay=2) as server:
        use(settings, server.url, timeout=0.3)
        url = reverse("brokerage:message_translate", args=[message.pk])
        fragment = login(seeker).get(url, HTTP_HX_REQUEST="true")
        page = login(seeker).get(url)
    assert fragment.status_code == 200
    assert "The translation service did not answer." in fragment.content.decode()
    assert page.status_code == 503 and BODY in page.content.decode()


@pytest.mark.django_db
def test_message_in_the_readers_language_is_not_sent(settings, deal, provider):
    message = deal.messages.get()
    with FakeLibreTranslate() as server:
        use(settings, server.url)
        client = login(provider)
        client.cookies["django_language"] = "zh-hans"
        body = client.get(reverse("brokerage:message_translate", args=[message.pk])).content
        assert server.translate_calls() == []
    assert BODY in body.decode()


@pytest.mark.django_db
def test_api_message_translation(settings, deal, seeker, outsider):
    message = deal.messages.get()
    url = f"/api/v1/messages/{message.pk}/translation/"
    with FakeLibreTranslate() as server:
        use(settings, server.url)
        answer = login(seeker).get(url, {"language": "id"})
        hidden = login(outsider).get(url, {"language": "id"})
        assert server.translate_calls() and len(server.translate_calls()) == 1
    assert answer.status_code == 200
    assert answer.json() == {
        "message": message.pk,
        "language": "id",
        "source_language": "zh",
        "text": "Kita bisa bertemu minggu depan.",
        "machine": True,
        "same_language": False,
    }
    assert hidden.status_code == 404
    use(settings, "")
    off = login(seeker).get(url, {"language": "th"})
    assert off.status_code == 503 and off.json()["reason"] == "not_configured"


@pytest.mark.django_db
def test_deal_and_interest_pages_name_the_profile_in_the_readers_language(deal, seeker):
    from tests.factories import ProfileTranslationFactory

    ProfileTranslationFactory(profile=deal.profile, language="id", title="Padi tahan garam")
    client = login(seeker)
    client.cookies["django_language"] = "id"
    page = client.get(deal.get_absolute_url()).content.decode()
    assert '<span lang="id">Padi tahan garam</span>' in page
    other = login(UserFactory(role="seeker"))
    other.cookies["django_language"] = "id"
    form = other.get(reverse("brokerage:interest", args=[deal.profile.ref]))
    assert form.status_code == 200
    assert "Padi tahan garam" in form.content.decode()
