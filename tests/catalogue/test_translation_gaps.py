"""Which published profiles lack a translation for their target countries (brokers' list, API),
and the quality check's advice to add an English summary."""

import pytest
from django.test import Client
from django.urls import reverse

from lintas.catalogue.domain import quality, translations
from tests.conftest import login
from tests.factories import ProfileFactory, ProfileTranslationFactory


@pytest.fixture
def zh_offer(offer):
    offer.title = "耐盐水稻品种"
    offer.content_language = "zh"
    offer.target_countries = ["TH", "ID", "SG", "CN"]
    offer.save()
    return offer


@pytest.mark.django_db
def test_missing_languages_follow_the_target_countries(zh_offer):
    # Singapore reads Chinese too, so it needs nothing.
    assert translations.missing_languages(zh_offer) == ["th", "id"]
    ProfileTranslationFactory(profile=zh_offer, language="th")
    zh_offer.refresh_from_db()
    assert translations.missing_languages(zh_offer) == ["id"]


@pytest.mark.django_db
def test_a_country_read_in_several_languages_is_served_by_any(offer):
    offer.content_language = "zh"
    offer.target_countries = ["SG", "MY", "DE"]
    offer.save()
    # Singapore reads Chinese; Malaysia Malay (or English); Germany: English.
    assert translations.missing_languages(offer) == ["ms", "en"]
    ProfileTranslationFactory(profile=offer, language="en")
    offer.refresh_from_db()
    assert translations.missing_languages(offer) == []


@pytest.mark.django_db
def test_broker_sees_published_profiles_lacking_a_translation(zh_offer, broker, provider_org):
    ProfileFactory(
        organisation=provider_org, status="draft", content_language="zh", target_countries=["TH"]
    )
    covered = ProfileFactory(
        organisation=provider_org, status="published", content_language="th",
        target_countries=["TH"], title="Thai-only",
    )  # fmt: skip
    client = login(broker)
    url = reverse("catalogue:translations_missing")
    body = client.get(url).content.decode()
    assert zh_offer.ref in body and covered.ref not in body
    assert f"{reverse('catalogue:translations', args=[zh_offer.ref])}?language=th" in body
    assert url in client.get(reverse("catalogue:offers")).content.decode()  # in the menu
    assert zh_offer.ref not in client.get(url, {"language": "vi"}).content.decode()
    assert zh_offer.ref in client.get(url, {"language": "id"}).content.decode()


@pytest.mark.django_db
def test_the_link_prefills_the_language(zh_offer, broker):
    url = reverse("catalogue:translations", args=[zh_offer.ref])
    body = login(broker).get(url, {"language": "th"}).content.decode()
    assert '<option value="th" selected>' in body


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["provider", "seeker"])
def test_missing_translations_are_for_brokers(who, zh_offer, provider, seeker):
    client = login({"provider": provider, "seeker": seeker}[who])
    url = reverse("catalogue:translations_missing")
    assert client.get(url).status_code == 403
    assert url not in client.get(reverse("catalogue:offers")).content.decode()
    assert client.get("/api/v1/translations/missing/").status_code == 403
    assert Client().get("/api/v1/translations/missing/").status_code == 401


@pytest.mark.django_db
def test_missing_translations_api(zh_offer, broker):
    client = login(broker)
    rows = client.get("/api/v1/translations/missing/").json()
    assert rows == [
        {
            "ref": zh_offer.ref,
            "title": zh_offer.title,
            "content_language": "zh",
            "target_countries": ["TH", "ID", "SG", "CN"],
            "missing": ["th", "id"],
            "url": zh_offer.get_absolute_url(),
        }
    ]
    assert client.get("/api/v1/translations/missing/", {"language": "vi"}).json() == []
    assert client.get("/api/v1/translations/missing/", {"language": "xx"}).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_missing_translations_query_count(n, broker, provider_org, django_assert_max_num_queries):
    for _ in range(n):
        p = ProfileFactory(
            organisation=provider_org, status="published", content_language="zh",
            target_countries=["TH", "VN"],
        )  # fmt: skip
        ProfileTranslationFactory(profile=p, language="th")
    client = login(broker)
    client.get(reverse("catalogue:translations_missing"))
    with django_assert_max_num_queries(9):
        body = client.get(reverse("catalogue:translations_missing")).content.decode()
    assert body.count('data-ref="') == n


# Quality check: an English summary for profiles not written in English


@pytest.mark.django_db
def test_quality_suggests_an_english_summary_until_there_is_one(zh_offer):
    report = quality.assess_profile(zh_offer)
    assert "english" in [h.code for h in report.hints]
    ProfileTranslationFactory(profile=zh_offer, language="en")
    zh_offer.refresh_from_db()
    again = quality.assess_profile(zh_offer)
    assert "english" not in [h.code for h in again.hints]
    assert again.score == report.score  # advice, not a penalty


@pytest.mark.django_db
def test_quality_does_not_ask_english_profiles_for_one(offer):
    assert "english" not in [h.code for h in quality.assess_profile(offer).hints]


@pytest.mark.django_db
def test_live_hints_detect_the_language_when_not_declared(provider):
    text = {
        "kind": "offer",
        "title": "耐盐水稻品种",
        "summary": "这种水稻可以在盐碱地上种植，产量提高百分之二十。",
    }
    body = login(provider).post(reverse("catalogue:quality"), text).content.decode()
    assert "English title and summary" in body
    english = {
        "kind": "offer",
        "title": "Salt tolerant rice",
        "summary": "Rice that grows in saline soil.",
    }
    body = login(provider).post(reverse("catalogue:quality"), english).content.decode()
    assert "English title and summary" not in body
    api = Client().post("/api/v1/quality/", text, content_type="application/json").json()
    assert "english" in [h["code"] for h in api["hints"]]


@pytest.mark.django_db
def test_live_hints_while_editing_count_an_existing_english_translation(zh_offer, provider):
    text = {
        "kind": "offer",
        "ref": zh_offer.ref,
        "title": zh_offer.title,
        "summary": "这种水稻可以在盐碱地上种植。",
    }
    client = login(provider)
    assert (
        "English title and summary"
        in client.post(reverse("catalogue:quality"), text).content.decode()
    )
    ProfileTranslationFactory(profile=zh_offer, language="en")
    assert (
        "English title and summary"
        not in client.post(reverse("catalogue:quality"), text).content.decode()
    )
    edit = client.get(reverse("catalogue:profile_edit", args=[zh_offer.ref])).content.decode()
    assert f'name="ref" value="{zh_offer.ref}"' in edit
