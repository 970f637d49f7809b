"""Expertise affinity: aggregation arithmetic and ordering with the real encoder."""

from __future__ import annotations

import numpy as np
import pytest

from lintas.matching import affinity as aff
from lintas.matching.encoder import HashingEncoder

SIMS = np.array([[0.9, 0.1], [0.5, 0.3], [0.1, 0.2]])


def test_aggregate_mean_max_topk():
    np.testing.assert_allclose(aff.aggregate(SIMS, method="mean"), [0.5, 0.2])
    np.testing.assert_allclose(aff.aggregate(SIMS, method="max"), [0.9, 0.3])
    np.testing.assert_allclose(aff.aggregate(SIMS, method="topk", top_k=2), [0.7, 0.25])
    np.testing.assert_allclose(aff.aggregate(SIMS, method="topk", top_k=10), [0.5, 0.2])


def test_aggregate_softmax_lies_between_mean_and_max():
    soft = aff.aggregate(SIMS, method="softmax", temperature=0.1)
    assert np.all(soft <= SIMS.max(axis=0) + 1e-12)
    assert np.all(soft >= SIMS.mean(axis=0) - 1e-12)
    cold = aff.aggregate(SIMS, method="softmax", temperature=1e-4)
    np.testing.assert_allclose(cold, SIMS.max(axis=0), atol=1e-6)


def test_aggregate_unknown_method_raises():
    with pytest.raises(ValueError):
        aff.aggregate(SIMS, method="median")


def test_dense_affinity_centroid_is_cosine_to_normalised_mean():
    experts = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    docs = np.array([[1.0, 0.0]], dtype=np.float32)
    np.testing.assert_allclose(
        aff.dense_affinity(experts, docs, method="centroid"), [np.sqrt(0.5)], rtol=1e-6
    )


def test_trigram_tfidf_shares_terms_across_scripts():
    tfidf = aff.TrigramTfidf(["太阳能电池板", "shrimp pond", "太阳能热水器"])
    same = tfidf.cosine(tfidf.vector("太阳能电池板"), tfidf.vector("太阳能电池板"))
    assert same == pytest.approx(1.0)
    assert tfidf.cosine(tfidf.vector("太阳能电池"), tfidf.vector("shrimp pond")) == 0.0


def test_affinity_matrix_plumbing_with_hashing_encoder():
    encoder = HashingEncoder()
    scores = aff.affinity_matrix(
        [["solar panel", "solar cell"], ["shrimp pond"], []],
        ["solar panels", "shrimp ponds"],
        encoder=encoder,
        lexical_weight=0.2,
    )
    assert scores.shape == (3, 2)
    assert scores[0, 0] > scores[1, 0]
    assert scores[1, 1] > scores[0, 1]
    np.testing.assert_array_equal(scores[2], [0.0, 0.0])


@pytest.mark.encoder
def test_affinity_orders_experts_across_languages(real_encoder):
    solar = ["Perovskite solar cells with high power conversion efficiency.", "光伏组件的抗污涂层"]
    rice = ["Marker-assisted breeding of salt-tolerant rice.", "Pemuliaan padi tahan kekeringan."]
    mixed = [rice[0], solar[0]]
    document = "Nghiên cứu pin mặt trời perovskite bền nhiệt cho mái nhà."
    scores = {
        name: aff.affinity(texts, document, encoder=real_encoder)
        for name, texts in {"solar": solar, "rice": rice, "mixed": mixed}.items()
    }
    assert scores["solar"] > scores["mixed"] > scores["rice"]


def test_affinity_matrix_centres_with_supplied_language_means():
    encoder = HashingEncoder()
    experts = [["solar panel", "solar cell"], ["shrimp pond"]]
    documents = ["solar panels", "shrimp ponds"]
    languages = {t: "en" for t in ["solar panel", "solar cell", "shrimp pond", *documents]}
    means = {"en": encoder.encode_passages(["solar shrimp pond panel"])[0] * 0.5}
    centred = aff.affinity_matrix(
        experts, documents, encoder=encoder, languages=languages, language_means=means
    )
    plain = aff.affinity_matrix(experts, documents, encoder=encoder, centring=False)
    assert not np.allclose(centred, plain)
    assert centred[0, 0] > centred[1, 0]
    assert centred[1, 1] > centred[0, 1]
