"""Translations in the full-text part of search and in recommendations (issue 12 §2): a query
word found only in a translation finds the profile, and a need meets an offer through the
offer's translation; each profile counted once."""

import numpy as np
import pytest

from lintas.catalogue.domain import translations
from lintas.matching.domain import fulltext, indexing, recommend, search_index, space
from lintas.matching.domain.space import Space
from lintas.matching.models import ProfileVector
from lintas.matching.text import segment_for_fts
from tests.factories import ProfileFactory


def unit(*xs):
    v = np.asarray(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_best_similarities_take_the_closest_pair_of_texts_once_per_profile():
    # Row 0: a need (en). Rows 1, 2: offers; offer 1 (zh) has a translation pointing where the
    # need points; offer 2 is half-way and has no translation.
    s = Space(
        ids=np.array([10, 11, 12]),
        kinds=np.array(["need", "offer", "offer"]),
        langs=np.array(["en", "zh", "en"]),
        centred=np.vstack([unit(1, 0, 0), unit(0, 1, 0), unit(0.6, 0.8, 0)]),
        doc_means={},
        term_means={},
        row_of={10: 0, 11: 1, 12: 2},
        t_centred=np.vstack([unit(1, 0, 0), unit(0, 0, 1)]),
        t_owner=np.array([1, 1]),
    )
    sims = s.best_similarities(0, np.array([1, 2]))
    assert sims.shape == (2,)  # one value per offer, however many texts it has
    assert sims[0] == pytest.approx(1.0)  # through offer 11's translation
    assert sims[1] == pytest.approx(0.6)
    # From the offer's side: its translation meets the need too.
    assert s.best_similarities(1, np.array([0]))[0] == pytest.approx(1.0)


def test_best_similarities_without_translations_are_plain_cosines():
    s = Space(
        ids=np.array([1, 2]),
        kinds=np.array(["need", "offer"]),
        langs=np.array(["en", "en"]),
        centred=np.vstack([unit(1, 0), unit(0.6, 0.8)]),
        doc_means={},
        term_means={},
        row_of={1: 0, 2: 1},
    )
    assert s.best_similarities(0, np.array([1]))[0] == pytest.approx(0.6)


@pytest.mark.encoder
@pytest.mark.django_db
def test_full_text_finds_a_word_of_the_translation_and_forgets_it_when_deleted(
    provider_org, broker
):
    search_index.reset()
    offer = ProfileFactory(
        organisation=provider_org,
        status="published",
        content_language="zh",
        title="耐盐碱水稻新品种",
        summary="在盐度6 dS/m的沿海稻田亩产达到450公斤。",
        description="",
    )
    indexing.index_profile(profile=offer)
    terms = segment_for_fts("ทนเค็ม", "th", query=True).split()
    assert [pid for pid, _ in fulltext.search(terms=terms)] == []
    translation = translations.add_translation(
        user=broker,
        profile=offer,
        language="th",
        title="พันธุ์ข้าวทนเค็มสำหรับนาชายฝั่ง",
        summary="ให้ผลผลิต 450 กิโลกรัมต่อไร่ในนาน้ำเค็ม",
    )
    indexing.index_profile(profile=offer)  # what the task does after commit
    found = [pid for pid, _ in fulltext.search(terms=terms)]
    assert found == [offer.pk]  # once, although the original is indexed too
    assert "耐盐" in ProfileVector.objects.get(profile=offer).tokens  # the original stays
    translations.delete_translation(user=broker, translation=translation)
    indexing.index_profile(profile=offer)
    assert [pid for pid, _ in fulltext.search(terms=terms)] == []
    search_index.reset()


@pytest.mark.encoder
@pytest.mark.django_db
def test_recommendations_meet_a_need_through_the_offers_translation(
    provider_org, seeker_org, broker
):
    search_index.reset()
    space.reset()
    need_text = "ต้องการพันธุ์ข้าวที่ทนดินเค็มสำหรับนาข้าวริมชายฝั่ง"
    need = ProfileFactory(
        kind="need", ref="NE-T-TH", organisation=seeker_org, status="published",
        content_language="th", title=need_text, summary=need_text, description="",
    )  # fmt: skip
    offer = ProfileFactory(
        kind="offer", ref="OF-T-ZH", organisation=provider_org, status="published",
        content_language="zh", title="耐盐碱水稻新品种",
        summary="在盐度6 dS/m的沿海稻田亩产达到450公斤，比当地品种增产30%。", description="",
    )  # fmt: skip
    ProfileFactory(
        kind="offer", ref="OF-T-EN", organisation=provider_org, status="published",
        content_language="en", title="Telemedicine platform for rural clinics",
        summary="Video consultation and remote diagnosis for village health posts.",
        description="",
    )  # fmt: skip
    indexing.reindex()
    before = {p.ref: score for p, score, _ in recommend.candidates_for(need)}
    translations.add_translation(
        user=broker,
        profile=offer,
        language="th",
        title="พันธุ์ข้าวทนเค็มสำหรับนาข้าวริมชายฝั่ง",
        summary="พันธุ์ข้าวที่ทนดินเค็ม ให้ผลผลิต 450 กิโลกรัมในนาข้าวริมชายฝั่ง",
    )
    indexing.index_profile(profile=offer)
    found = recommend.candidates_for(need)
    refs = [p.ref for p, _, _ in found]
    assert refs.count("OF-T-ZH") == 1  # once, not once per text
    assert refs[0] == "OF-T-ZH"
    after = {p.ref: score for p, score, _ in found}
    assert after["OF-T-ZH"] > before["OF-T-ZH"]
    search_index.reset()
    space.reset()
