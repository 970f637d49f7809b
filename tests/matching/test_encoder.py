"""Encoder, language identification and cross-lingual scoring."""

from __future__ import annotations

import numpy as np
import pytest

from lintas.core import langid
from lintas.matching import scoring
from lintas.matching.encoder import (
    THREADS_ENV,
    E5Encoder,
    Encoder,
    HashingEncoder,
    threads_from_env,
)

# --- encoder -------------------------------------------------------------------------


@pytest.mark.encoder
def test_e5_encoder_rows_are_l2_normalised_float32(fixture_passages, fixture_texts):
    assert fixture_passages.shape == (len(fixture_texts), 384)
    assert fixture_passages.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(fixture_passages, axis=1), 1.0, atol=1e-5)


@pytest.mark.encoder
def test_e5_encoder_row_order_follows_input_across_batches(fixture_passages, fixture_texts):
    small_batches = E5Encoder(num_threads=1, batch_size=2)
    reversed_rows = small_batches.encode_passages(fixture_texts[::-1])
    np.testing.assert_allclose(reversed_rows[::-1], fixture_passages, atol=1e-5)


@pytest.mark.encoder
def test_e5_encoder_empty_text_gives_zero_row(real_encoder, fixture_passages, fixture_texts):
    vectors = real_encoder.encode_passages(["", fixture_texts[0], "   "])
    assert np.count_nonzero(vectors[0]) == 0
    assert np.count_nonzero(vectors[2]) == 0
    np.testing.assert_allclose(vectors[1], fixture_passages[0], atol=1e-5)
    assert real_encoder.encode_queries([]).shape == (0, 384)


@pytest.mark.encoder
def test_e5_encoder_truncate_long_text_fits_max_tokens(real_encoder):
    text = " ".join(["Solar panels convert sunlight into electricity."] * 120)
    assert real_encoder.token_count(text) > real_encoder.max_tokens
    cut = real_encoder.truncate(text)
    assert text.startswith(cut)
    assert real_encoder.max_tokens - 20 < real_encoder.token_count(cut) <= real_encoder.max_tokens
    assert real_encoder.truncate("short text") == "short text"


@pytest.mark.encoder
def test_e5_encoder_translations_closer_than_unrelated(fixture_passages):
    sims = fixture_passages @ fixture_passages.T
    # English solar sentence: its Chinese and Indonesian translations beat shrimp and meeting.
    assert min(sims[0, 1], sims[0, 2]) > max(sims[0, 3], sims[0, 5])
    assert sims[3, 4] > max(sims[3, 0], sims[3, 5])


@pytest.mark.encoder
def test_e5_encoder_rejects_single_string(real_encoder):
    with pytest.raises(TypeError):
        real_encoder.encode_queries("one text")


def test_e5_encoder_satisfies_protocol():
    assert isinstance(HashingEncoder(), Encoder)


def test_threads_from_env_reads_variable_with_fallback(monkeypatch):
    monkeypatch.setenv(THREADS_ENV, "2")
    assert threads_from_env() == 2
    monkeypatch.setenv(THREADS_ENV, "many")
    assert threads_from_env() == 1
    monkeypatch.delenv(THREADS_ENV)
    assert threads_from_env() == 1


def test_hashing_encoder_is_deterministic_and_normalised():
    encoder = HashingEncoder(dim=32)
    first = encoder.encode_passages(["alpha beta", "", "gamma"])
    second = encoder.encode_queries(["alpha beta", "", "gamma"])
    np.testing.assert_array_equal(first, second)
    np.testing.assert_allclose(np.linalg.norm(first[[0, 2]], axis=1), 1.0, atol=1e-6)
    assert np.count_nonzero(first[1]) == 0


# --- language identification ---------------------------------------------------------


def test_detect_language_declared_wins_over_text():
    assert langid.detect_language("太阳能电池板清洁机器人", declared="id") == "id"
    assert langid.detect_language("hello", declared="zh-Hans") == "zh"
    assert langid.detect_language("anything", declared="tl") == "fil"


def test_detect_language_maps_detector_codes_to_platform_codes():
    assert langid.detect_language("太阳能电池板清洁机器人") == "zh"
    assert langid.detect_language("Naghahanap kami ng teknolohiya para sa pagsasaka") == "fil"
    assert langid.detect_language("ระบบชลประทานอัจฉริยะสำหรับเกษตรกร") == "th"
    assert langid.detect_language("Hệ thống tưới thông minh cho nông dân") == "vi"
    assert langid.detect_language("We need a solar water pump for irrigation") == "en"


def test_detect_language_short_or_empty_text_is_none():
    assert langid.detect_language("") is None
    assert langid.detect_language("  12345 ") is None
    assert langid.identify("ok").source == "too-short"


def test_identify_flags_close_indonesian_malay_call():
    close = langid.identify("Kami memerlukan teknologi pengolahan limbah kelapa sawit")
    assert (close.code, close.ambiguous, close.alternative) == ("id", True, "ms")
    clear = langid.identify("Syarikat kami mencari rakan kongsi untuk projek tenaga suria")
    assert (clear.code, clear.ambiguous) == ("ms", False)


def test_normalise_code_unknown_language_is_none():
    assert langid.normalise_code("fr") is None
    assert langid.normalise_code("ZH_hant") == "zh"


# --- cross-lingual scoring -----------------------------------------------------------


def _unit(rows):
    rows = np.array(rows, dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


# Four queries, four candidates; candidate 3 is a hub close to every query.
HUB_QUERIES = _unit([[1, 0, 0, 0, 1], [0, 1, 0, 0, 1], [0, 0, 1, 0, 1], [0, 0, 0, 1, 1]])
HUB_CANDIDATES = _unit([[1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 0, 0], [0.5, 0.3, 0.3, 0.5, 3]])


def test_margin_scoring_beats_cosine_on_hub_case():
    truth = [0, 1, 2, 3]
    plain = scoring.best_matches(HUB_QUERIES, HUB_CANDIDATES, method="cosine")
    assert plain.tolist() == [3, 3, 3, 3]
    for method in ("ratio", "distance", "csls"):
        found = scoring.best_matches(HUB_QUERIES, HUB_CANDIDATES, k=2, method=method)
        assert found.tolist() == truth


def test_knn_mean_takes_top_k_and_can_exclude_self():
    vectors = _unit([[1, 0], [0.8, 0.6], [0, 1]])
    means = scoring.knn_mean(vectors, vectors, k=1, exclude_self=True)
    np.testing.assert_allclose(means, [0.8, 0.8, 0.6], atol=1e-6)
    np.testing.assert_allclose(scoring.knn_mean(vectors[:1], vectors, k=2), [0.9], atol=1e-6)
    np.testing.assert_array_equal(scoring.knn_mean(vectors, vectors[:0], k=3), [0, 0, 0])


def test_margin_scores_formulas():
    sims = np.array([[0.6]], dtype=np.float32)
    rq, rc = np.array([0.4]), np.array([0.2])
    np.testing.assert_allclose(scoring.margin_scores(sims, rq, rc, "ratio"), [[2.0]], rtol=1e-6)
    np.testing.assert_allclose(scoring.margin_scores(sims, rq, rc, "distance"), [[0.3]], rtol=1e-6)
    np.testing.assert_allclose(scoring.margin_scores(sims, rq, rc, "csls"), [[0.6]], rtol=1e-6)
    with pytest.raises(ValueError):
        scoring.margin_scores(sims, rq, rc, "nope")


def test_centre_by_group_removes_group_offset_and_keeps_zero_rows():
    offset = np.array([0.0, 0.0, 3.0], dtype=np.float32)
    a = _unit([[1, 0, 0], [0, 1, 0]])
    b = _unit(np.array([[1, 0, 0], [0, 1, 0]]) + offset)
    vectors = np.vstack([a, b, np.zeros((1, 3), dtype=np.float32)])
    groups = ["en", "en", "zh", "zh", "zh"]
    centred = scoring.centre_by_group(vectors, groups, shrinkage=0.0)
    # After centring, each text is closest to its counterpart in the other group.
    sims = centred[:2] @ centred[2:4].T
    assert np.argmax(sims, axis=1).tolist() == [0, 1]
    assert np.count_nonzero(centred[4]) == 0


def test_group_means_shrinks_small_groups_towards_overall_mean():
    vectors = _unit([[1, 0], [1, 0], [1, 0], [0, 1]])
    means = scoring.group_means(vectors, ["a", "a", "a", "b"], shrinkage=1.0)
    overall = vectors.mean(axis=0)
    np.testing.assert_allclose(means["b"], (vectors[3] + overall) / 2, atol=1e-6)
    np.testing.assert_allclose(means["a"], (3 * vectors[0] + overall) / 4, atol=1e-6)
