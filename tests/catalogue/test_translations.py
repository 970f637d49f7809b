"""Profile translations: who may write them, how they are shown to readers of each language,
outdated marks, the management pages and the e-mails."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lintas.catalogue.domain import lifecycle, translations
from lintas.catalogue.models import ProfileTranslation
from lintas.core.domain import audit
from tests.conftest import login
from tests.factories import ProfileFactory, ProfileTranslationFactory, UserFactory

ZH_TITLE = "耐盐水稻品种"
TH_TITLE = "พันธุ์ข้าวทนเค็ม"
TH_SUMMARY = "ข้าวที่ปลูกได้ในดินเค็ม"


@pytest.fixture
def zh_offer(offer):
    offer.title = ZH_TITLE
    offer.summary = "在盐碱地种植的水稻。"
    offer.content_language = "zh"
    offer.save()
    return offer


def thai(offer, **extra):
    return ProfileTranslationFactory(
        profile=offer, language="th", title=TH_TITLE, summary=TH_SUMMARY, **extra
    )


def thai_client(user=None) -> Client:
    client = login(user) if user else Client()
    client.cookies["django_language"] = "th"
    return client


# display_text: the one rule every page, list and e-mail calls


@pytest.mark.django_db
def test_display_text_picks_the_readers_translation(zh_offer):
    thai(zh_offer)
    text = translations.display_text(zh_offer, "th")
    assert (text.title, text.summary, text.language) == (TH_TITLE, TH_SUMMARY, "th")
    assert text.is_translation and text.original_language == "zh"
    assert text.original_label == "中文"
    # No description in the translation: the original one, labelled with its language.
    assert (text.description, text.description_language) == (zh_offer.description, "zh")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "zh", "vi", "en", None])
def test_display_text_shows_the_original_without_a_translation(zh_offer, language):
    thai(zh_offer)
    with translation.override("en"):
        text = translations.display_text(zh_offer, language)
    assert (text.title, text.language, text.is_translation) == (ZH_TITLE, "zh", False)


@pytest.mark.django_db
def test_display_text_follows_the_active_language(zh_offer):
    thai(zh_offer)
    with translation.override("th"):
        assert translations.display_text(zh_offer).title == TH_TITLE


@pytest.mark.django_db
def test_translation_is_outdated_when_the_original_changes(offer, provider):
    offer.status = "draft"
    offer.save()
    row = thai(offer)
    assert row.is_outdated is False
    lifecycle.update_profile(user=provider, profile=offer, data={"summary": "A new summary."})
    row.refresh_from_db()
    assert row.is_outdated is True
    assert translations.display_text(row.profile, "th").outdated is True
    # Rewriting it makes it current again.
    translations.edit_translation(user=provider, translation=row, title=TH_TITLE, summary="สรุปใหม่")
    row.refresh_from_db()
    assert row.is_outdated is False and row.summary == "สรุปใหม่"


# Writing translations: the domain


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["provider", "broker"])
def test_author_and_broker_add_a_translation(who, zh_offer, provider, broker):
    user = {"provider": provider, "broker": broker}[who]
    row = translations.add_translation(
        user=user, profile=zh_offer, language="th", title=TH_TITLE, summary=TH_SUMMARY
    )
    assert row.written_by == user and row.machine is False
    assert row.source_version == zh_offer.version
    entry = audit.history(zh_offer).first()
    assert entry.actor == user and entry.changes == {"translation_th": [None, TH_TITLE]}


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["seeker", "outsider", "anonymous"])
def test_others_may_not_translate(who, zh_offer, seeker, outsider):
    from django.contrib.auth.models import AnonymousUser

    user = {"seeker": seeker, "outsider": outsider, "anonymous": AnonymousUser()}[who]
    with pytest.raises(PermissionDenied):
        translations.add_translation(
            user=user, profile=zh_offer, language="th", title=TH_TITLE, summary=TH_SUMMARY
        )
    row = thai(zh_offer)
    with pytest.raises(PermissionDenied):
        translations.edit_translation(user=user, translation=row, title="x", summary="y")
    with pytest.raises(PermissionDenied):
        translations.delete_translation(user=user, translation=row)
    row.refresh_from_db()
    assert row.title == TH_TITLE


@pytest.mark.django_db
def test_archived_profile_takes_no_translation(zh_offer, broker):
    zh_offer.status = "archived"
    zh_offer.save()
    with pytest.raises(PermissionDenied):
        translations.add_translation(
            user=broker, profile=zh_offer, language="th", title=TH_TITLE, summary=TH_SUMMARY
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title", "summary"),
    [
        ("zh", "标题", "摘要"),
        ("xx", "t", "s"),
        ("th", "", "s"),
        ("th", "t", "   "),
        ("th", "t" * 201, "s"),
    ],
)
def test_bad_translations_are_refused(zh_offer, provider, language, title, summary):
    with pytest.raises(ValidationError):
        translations.add_translation(
            user=provider, profile=zh_offer, language=language, title=title, summary=summary
        )
    assert ProfileTranslation.objects.count() == 0


@pytest.mark.django_db
def test_second_translation_into_a_language_is_refused(zh_offer, provider):
    thai(zh_offer)
    with pytest.raises(ValidationError):
        translations.add_translation(
            user=provider, profile=zh_offer, language="th", title="อีก", summary="อีก"
        )
    assert ProfileTranslation.objects.get().title == TH_TITLE


@pytest.mark.django_db
def test_delete_brings_back_the_original(zh_offer, broker):
    row = thai(zh_offer)
    translations.delete_translation(user=broker, translation=row)
    assert translations.display_text(zh_offer, "th").title == ZH_TITLE
    assert audit.history(zh_offer).first().changes == {"translation_th": [TH_TITLE, None]}


# Pages


@pytest.mark.django_db
def test_thai_reader_sees_the_translation_with_the_original_one_click_away(zh_offer):
    thai(zh_offer, machine=True)
    client = thai_client()
    body = client.get(zh_offer.get_absolute_url()).content.decode()
    assert f'<h1 lang="th">{TH_TITLE}</h1>' in body
    assert TH_SUMMARY in body
    assert "?lang=zh" in body and "(中文)" in body
    assert "machine-translation" in body
    original = client.get(zh_offer.get_absolute_url() + "?lang=zh").content.decode()
    assert f'<h1 lang="zh">{ZH_TITLE}</h1>' in original
    assert 'href="?lang=th"' in original  # and back to the translation


@pytest.mark.django_db
def test_reader_of_another_language_sees_the_original(zh_offer):
    thai(zh_offer)
    client = Client()
    client.cookies["django_language"] = "vi"
    body = client.get(zh_offer.get_absolute_url()).content.decode()
    assert f'<h1 lang="zh">{ZH_TITLE}</h1>' in body
    assert 'href="?lang=th"' in body  # "Also in: ไทย"


@pytest.mark.django_db
def test_list_and_search_show_translation_in_readers_language(zh_offer):
    thai(zh_offer)
    client = thai_client()
    for url in (reverse("catalogue:offers"), reverse("matching:search")):
        body = client.get(url).content.decode()
        assert TH_TITLE in body, url
        assert ZH_TITLE not in body, url
        assert f"{zh_offer.get_absolute_url()}?lang=zh" in body, url


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_with_translations(n, provider_org, sector, django_assert_max_num_queries):
    for _ in range(n):
        p = ProfileFactory(organisation=provider_org, status="published", sectors=[sector])
        thai(p)
        ProfileTranslationFactory(profile=p, language="vi")
    client = thai_client()
    client.get(reverse("catalogue:offers"))  # warm caches (sessions, content types)
    # session, user, count, page, sectors, translations; the filter counts (six grouped
    # queries) and the sector options
    with django_assert_max_num_queries(13):
        body = client.get(reverse("catalogue:offers")).content.decode()
    assert body.count(TH_TITLE) == n


@pytest.mark.django_db
def test_translation_pages_for_the_author(zh_offer, provider):
    client = login(provider)
    url = reverse("catalogue:translations", args=[zh_offer.ref])
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="zh"' not in page.content.decode()  # the original's language is not offered
    response = client.post(
        url, {"language": "th", "title": TH_TITLE, "summary": TH_SUMMARY, "description": ""}
    )
    assert response.status_code == 302
    row = ProfileTranslation.objects.get(profile=zh_offer, language="th")
    assert row.written_by == provider and not row.machine
    listing = client.get(url).content.decode()
    assert TH_TITLE in listing and "provider" in listing

    edit_url = reverse("catalogue:translation_edit", args=[zh_offer.ref, "th"])
    assert client.get(edit_url).status_code == 200
    client.post(edit_url, {"title": "ข้าวทนเค็ม", "summary": TH_SUMMARY, "machine": "on"})
    row.refresh_from_db()
    assert row.title == "ข้าวทนเค็ม" and row.machine is True

    bad = client.post(edit_url, {"title": "", "summary": TH_SUMMARY})
    assert bad.status_code == 400

    delete_url = reverse("catalogue:translation_delete", args=[zh_offer.ref, "th"])
    assert client.get(delete_url).status_code == 405
    client.post(delete_url)
    assert not ProfileTranslation.objects.filter(profile=zh_offer).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["seeker", "outsider"])
def test_translation_pages_refused_to_others(who, zh_offer, seeker, outsider):
    row = thai(zh_offer)
    client = login({"seeker": seeker, "outsider": outsider}[who])
    url = reverse("catalogue:translations", args=[zh_offer.ref])
    assert client.get(url).status_code == 403
    response = client.post(url, {"language": "vi", "title": "t", "summary": "s"})
    assert response.status_code == 403
    edit_url = reverse("catalogue:translation_edit", args=[zh_offer.ref, "th"])
    assert client.post(edit_url, {"title": "x", "summary": "y"}).status_code == 403
    delete_url = reverse("catalogue:translation_delete", args=[zh_offer.ref, "th"])
    assert client.post(delete_url).status_code == 403
    row.refresh_from_db()
    assert row.title == TH_TITLE
    assert list(zh_offer.translations.values_list("language", flat=True)) == ["th"]
    # and the profile page offers no link to manage them, but still shows the profile
    page = client.get(zh_offer.get_absolute_url())
    assert page.status_code == 200 and "manage-translations" not in page.content.decode()


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(zh_offer):
    response = Client().get(reverse("catalogue:translations", args=[zh_offer.ref]))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db
def test_profile_page_links_the_translation_page_for_the_author(zh_offer, provider):
    body = login(provider).get(zh_offer.get_absolute_url()).content.decode()
    assert reverse("catalogue:translations", args=[zh_offer.ref]) in body


# E-mails


@pytest.mark.django_db
def test_match_digest_uses_the_recipients_language(zh_offer, seeker_org):
    from lintas.matching.domain import digest
    from lintas.matching.models import Match, MatchSettings

    thai(zh_offer)
    need = ProfileFactory(kind="need", ref="ND-T-1", organisation=seeker_org, status="published")
    Match.objects.create(offer=zh_offer, need=need, score=0.9)
    reader = UserFactory(organisation=seeker_org, role="seeker", language="th")
    MatchSettings.objects.create(user=reader, frequency="daily")
    digest.send_digests()
    body = next(m.body for m in mail.outbox if m.to == [reader.email])
    assert TH_TITLE in body and ZH_TITLE not in body
