"""Translations in search: a query matches a profile's translation as well as its original,
and the profile comes back once, with the best of its texts."""

import numpy as np
import pytest

from lintas.catalogue.domain import translations
from lintas.matching.domain import indexing, search_index
from lintas.matching.domain.search import search
from lintas.matching.models import TranslationVector
from lintas.matching.retrieval import LanguageMeans, RetrievalEngine
from tests.factories import ProfileFactory


def unit(*xs):
    v = np.asarray(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


@pytest.fixture
def no_centring(monkeypatch):
    """Tiny hand-made vectors: compare raw cosines (no language means to subtract)."""
    monkeypatch.setattr(LanguageMeans, "fit", classmethod(lambda cls, *a, **k: cls({})))


def engine_with_groups():
    # Profile 1 (zh) with a Thai translation that points where the query points;
    # profile 2 (en) half-way.
    ids = [1, ("t", 10), 2]
    vectors = np.vstack([unit(1, 0, 0, 0), unit(0, 1, 0, 0), unit(0.6, 0.8, 0, 0)])
    return RetrievalEngine().build(ids, vectors, ["zh", "th", "en"], groups=[1, 1, 2])


def test_engine_returns_each_group_once_with_its_best_text(no_centring):
    engine = engine_with_groups()
    query = unit(0, 1, 0, 0)  # the Thai translation's direction
    hits = engine.ranked("", query_vector=query)
    assert [h.id for h in hits] == [1, 2]  # once each, the profile's id
    assert hits[0].relevance == pytest.approx(1.0, abs=1e-5)  # via the translation
    only_original = engine.ranked("", query_vector=unit(1, 0, 0, 0))
    assert [h.id for h in only_original][0] == 1


def test_engine_allowed_names_groups_not_rows(no_centring):
    engine = engine_with_groups()
    query = unit(0, 1, 0, 0)
    assert [h.id for h in engine.ranked("", query_vector=query, allowed=[2])] == [2]
    assert [h.id for h in engine.ranked("", query_vector=query, allowed=[1])] == [1]


def test_engine_without_groups_is_unchanged(no_centring):
    vectors = np.vstack([unit(1, 0), unit(0, 1)])
    engine = RetrievalEngine().build(["a", "b"], vectors, [None, None])
    assert [h.id for h in engine.ranked("", query_vector=unit(0, 1))] == ["b", "a"]


@pytest.mark.encoder
@pytest.mark.django_db
def test_search_finds_a_profile_through_its_translation_once(provider_org, broker):
    search_index.reset()
    offer = ProfileFactory(
        organisation=provider_org,
        status="published",
        content_language="zh",
        title="耐盐碱水稻新品种",
        summary="在盐度6 dS/m的沿海稻田亩产达到450公斤，比当地品种增产30%。",
        description="",
    )
    ProfileFactory(
        organisation=provider_org,
        status="published",
        title="Solar dryer for cassava chips",
        summary="A solar dryer that halves drying time for cassava chips.",
        description="",
    )
    for p in offer.organisation.profiles.all():
        indexing.index_profile(profile=p)
    query = "พันธุ์ข้าวทนเค็มสำหรับนาชายฝั่ง"
    before = search_index.get_engine().ranked(query, language="th", allowed=[offer.pk])[0]
    translations.add_translation(
        user=broker,
        profile=offer,
        language="th",
        title="พันธุ์ข้าวทนเค็มสำหรับนาชายฝั่ง",
        summary="ให้ผลผลิต 450 กิโลกรัมต่อไร่ในนาน้ำเค็ม 6 dS/m เพิ่มขึ้น 30%",
    )
    indexing.index_profile(profile=offer)  # what the task does after commit
    assert TranslationVector.objects.filter(profile=offer, language="th").count() == 1
    result = search(query=query, kind=None, k=10)
    ids = [h.profile.pk for h in result.hits]
    assert ids.count(offer.pk) == 1  # never twice
    assert ids[0] == offer.pk
    assert result.total == len(set(ids))
    after = search_index.get_engine().ranked(query, language="th", allowed=[offer.pk])[0]
    assert after.relevance > before.relevance  # the Thai text is closer to the Thai query
    # Deleting the translation removes its row; the profile is still found by its original.
    translations.delete_translation(user=broker, translation=offer.translations.get())
    indexing.index_profile(profile=offer)
    assert TranslationVector.objects.filter(profile=offer).count() == 0
    again = [h.profile.pk for h in search(query=query, kind=None, k=10).hits]
    assert again.count(offer.pk) <= 1
    search_index.reset()
