import math

import pytest

from lintas.matching.lexical import BM25Index

DOCS = [
    (1, ["solar", "pump", "pump"]),
    (2, ["solar", "panel"]),
    (3, ["water", "filter", "unit", "x"]),
]


def _idf(n, df):
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def test_bm25_matches_hand_computed_scores():
    index = BM25Index.build(DOCS, k1=1.2, b=0.75)
    avgdl = 3.0
    # doc 1 (dl 3): pump tf 2, solar tf 1; doc 2 (dl 2): solar tf 1
    norm1 = 1.2 * (1 - 0.75 + 0.75 * 3 / avgdl)
    norm2 = 1.2 * (1 - 0.75 + 0.75 * 2 / avgdl)
    pump1 = _idf(3, 1) * 2 * 2.2 / (2 + norm1)
    solar1 = _idf(3, 2) * 1 * 2.2 / (1 + norm1)
    solar2 = _idf(3, 2) * 1 * 2.2 / (1 + norm2)
    hits = index.search(["pump", "solar"], k=10)
    assert [h.id for h in hits] == [1, 2]
    assert hits[0].score == pytest.approx(pump1 + solar1, rel=1e-5)
    assert hits[1].score == pytest.approx(solar2, rel=1e-5)
    assert hits[0].matched == pytest.approx({"pump": pump1, "solar": solar1}, rel=1e-5)
    assert hits[1].matched == pytest.approx({"solar": solar2}, rel=1e-5)


def test_bm25_unknown_terms_and_empty_query_match_nothing():
    index = BM25Index.build(DOCS)
    assert index.search(["nothing"]) == []
    assert index.search([]) == []


def test_bm25_allowed_and_k_limit():
    index = BM25Index.build(DOCS)
    assert [h.id for h in index.search(["solar"], k=10, allowed=[2, 3])] == [2]
    assert len(index.search(["solar"], k=1)) == 1


def test_bm25_update_and_remove_rebuild_statistics():
    index = BM25Index.build(DOCS)
    index.add(3, ["pump"])
    assert {h.id for h in index.search(["pump"])} == {1, 3}
    assert index.remove(1) is True
    assert index.remove(1) is False
    hits = index.search(["pump", "solar"])
    assert [h.id for h in hits] == [3, 2]
    assert len(index) == 2


def test_bm25_explain_one_document():
    index = BM25Index.build(DOCS)
    assert set(index.explain(["pump", "water"], 1)) == {"pump"}
    assert index.explain(["pump"], 99) == {}
