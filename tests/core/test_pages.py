import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.conftest import login
from tests.factories import OrganisationFactory

LANGS = ["en", "zh-hans", "id", "ms", "th", "vi", "km", "lo", "my", "fil"]


# One or more pages drawn from each catalogue (main, events, programmes, network, insights).
PAGES_FOR_VISITORS = [
    "catalogue:offers",
    "events:list",
    "programmes:index",
    "network:index",
    "insights:impact",
    "core:signup",
]
PAGES_FOR_PROVIDERS = ["pages:dashboard", "core:account", "catalogue:offer_create"]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_pages_render_in_every_language(lang, offer, provider):
    with translation.override(lang):
        sign_in, sign_out = gettext("Sign in"), gettext("Sign out")
    visitor = Client(headers={"accept-language": lang})
    member = Client(headers={"accept-language": lang})
    member.force_login(provider)
    pages = [(visitor, reverse(name), sign_in) for name in PAGES_FOR_VISITORS]
    pages.append((visitor, offer.get_absolute_url(), sign_in))
    pages += [(member, reverse(name), sign_out) for name in PAGES_FOR_PROVIDERS]
    for client, url, marker in pages:
        response = client.get(url)
        body = response.content.decode()
        assert (url, response.status_code) == (url, 200)
        assert f'<html lang="{lang}">' in body, url
        assert marker in body, url


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh-hans", "技术供给"),
        ("id", "Penawaran"),
        ("th", "ข้อเสนอ"),
        ("vi", "Chào bán"),
        ("ms", "Tawaran"),
        ("km", "ការផ្តល់ជូន"),
        ("lo", "ຂໍ້ສະເໜີ"),
        ("my", "ကမ်းလှမ်းချက်"),
        ("fil", "Mga alok"),
    ],
)
def test_navigation_is_translated(lang, expected, offer):
    body = Client(headers={"accept-language": lang}).get(reverse("pages:home")).content.decode()
    assert expected in body


@pytest.mark.django_db
def test_language_switcher_names_each_language_in_itself(offer):
    body = Client(headers={"accept-language": "en"}).get(reverse("pages:home")).content.decode()
    own_names = {
        "zh-hans": "简体中文",
        "id": "Bahasa Indonesia",
        "ms": "Bahasa Melayu",
        "th": "ไทย",
        "vi": "Tiếng Việt",
        "km": "ខ្មែរ",
        "lo": "ລາວ",
        "my": "မြန်မာ",
        "fil": "Filipino",
    }
    for code, name in own_names.items():
        assert f'<option value="{code}" lang="{code}">{name}</option>' in body
    assert '<option value="en" lang="en" selected>English</option>' in body


@pytest.mark.django_db
def test_language_switcher_sets_language(offer):
    client = Client()
    client.post(reverse("set_language"), {"language": "th", "next": "/"})
    assert '<html lang="th">' in client.get("/").content.decode()


@pytest.mark.django_db
def test_organisation_pages(offer):
    client = Client()
    assert client.get(reverse("core:organisations")).status_code == 200
    page = client.get(offer.organisation.get_absolute_url())
    assert page.status_code == 200
    assert offer.title in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_organisation_list_query_count_is_constant(count, django_assert_max_num_queries):
    OrganisationFactory.create_batch(count)
    with django_assert_max_num_queries(6):
        assert Client().get(reverse("core:organisations")).status_code == 200


@pytest.mark.django_db
def test_home_page_is_light(offer):
    body = Client().get("/").content
    assert len(body) < 300_000


@pytest.mark.django_db
def test_account_settings_saved(provider):
    client = login(provider)
    response = client.post(
        reverse("core:account"),
        {
            "first_name": "Li",
            "last_name": "Wei",
            "phone": "",
            "language": "zh-hans",
            "notify_matches": "on",
        },
    )
    assert response.status_code == 302
    provider.refresh_from_db()
    assert (
        provider.first_name,
        provider.language,
        provider.notify_matches,
        provider.notify_messages,
    ) == ("Li", "zh-hans", True, False)
