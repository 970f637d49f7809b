"""The pure rank-evaluation metrics and the BEIR reader."""

from __future__ import annotations

import json

import pytest

from lintas.matching.rankeval import (
    InputError,
    average_precision,
    evaluate,
    ndcg_at,
    read_collection,
)


def test_average_precision_of_a_known_ranking():
    # relevant at ranks 1 and 3 of 2 relevant: (1/1 + 2/3) / 2
    assert average_precision(["a", "x", "b"], {"a", "b"}) == pytest.approx(5 / 6)


def test_average_precision_counts_missing_relevant_as_zero():
    assert average_precision(["a", "x"], {"a", "b"}) == pytest.approx(0.5)


def test_ndcg_is_one_for_the_ideal_order_and_less_otherwise():
    grades = {"a": 2, "b": 1}
    assert ndcg_at(["a", "b", "x"], grades) == pytest.approx(1.0)
    worse = ndcg_at(["b", "a"], grades)
    assert worse == pytest.approx((1 + 2 / 1.5849625) / (2 + 1 / 1.5849625))


def test_evaluate_reports_own_language_share_per_query_language():
    qrels = {
        "q1": {"en-1": 1, "zh-1": 1},
        "q2": {"en-2": 1, "zh-2": 1},
        "q3": {"en-3": 1},  # judged, but missing from the run
        "q4": {"en-4": 0},  # no relevant document: skipped
    }
    run = {"q1": ["en-1", "x", "zh-1"], "q2": ["zh-2", "y"]}
    langs = {"en-1": "en", "zh-1": "zh", "en-2": "en", "zh-2": "zh", "en-3": "en"}
    result = evaluate(
        run,
        qrels,
        query_languages={"q1": "en", "q2": "zh", "q3": "en", "q4": "en"},
        doc_languages=langs,
    )
    assert result["queries"] == 3
    assert result["mAP"] == pytest.approx(round(((1 + 2 / 3) / 2 + 0.5 + 0) / 3, 4))
    assert result["recall@10"] == pytest.approx(round((1 + 0.5 + 0) / 3, 4))
    assert result["mrr@10"] == pytest.approx(round((1 + 1 + 0) / 3, 4))
    # found in the top 10: en-1 (own), zh-1 (other), zh-2 (own) -> 2 of 3
    assert result["own_language_share_top10"] == pytest.approx(round(2 / 3, 4))
    assert result["languages"]["en"]["own_language_share_top10"] == 0.5
    assert result["languages"]["zh"] == {
        "mAP": 0.5,
        "ndcg@10": pytest.approx(0.6131, abs=1e-4),
        "recall@10": 0.5,
        "mrr@10": 1.0,
        "own_language_share_top10": 1.0,
        "queries": 1,
    }


def _collection(tmp_path, corpus=None, queries=None, qrels=None):
    corpus = corpus or [
        {"_id": "d1", "title": "Pump", "text": "Solar pump", "language": "en"},
        {"_id": "d2", "title": "", "text": "Pompa surya", "language": "id"},
    ]
    queries = queries or [{"_id": "q1", "text": "solar pump", "language": "en"}]
    (tmp_path / "qrels").mkdir(exist_ok=True)
    (tmp_path / "corpus.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in corpus), encoding="utf-8"
    )
    (tmp_path / "queries.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in queries), encoding="utf-8"
    )
    (tmp_path / "qrels" / "test.tsv").write_text(
        qrels or "query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td2\t1\n", encoding="utf-8"
    )
    return tmp_path


def test_read_collection_joins_title_and_text(tmp_path):
    collection = read_collection(_collection(tmp_path))
    assert collection.corpus[0] == {"id": "d1", "text": "Pump\nSolar pump", "language": "en"}
    assert collection.corpus[1]["text"] == "Pompa surya"
    assert collection.qrels == {"q1": {"d1": 1, "d2": 1}}


@pytest.mark.parametrize(
    ("qrels", "message"),
    [
        ("query-id\tcorpus-id\tscore\nq1\tnope\t1\n", "test.tsv:2: unknown corpus id 'nope'"),
        ("query-id\tcorpus-id\tscore\nq9\td1\t1\n", "test.tsv:2: unknown query id 'q9'"),
        ("query-id\tcorpus-id\tscore\nq1\td1\tx\n", "test.tsv:2: score 'x' is not an integer"),
        ("query-id\tcorpus-id\tscore\nq1\td1\n", "test.tsv:2: expected 3 columns"),
        ("q1\td1\t1\n", "test.tsv:1: expected a header line"),
    ],
)
def test_read_collection_rejects_bad_qrels_naming_the_line(tmp_path, qrels, message):
    with pytest.raises(InputError) as error:
        read_collection(_collection(tmp_path, qrels=qrels))
    assert message in str(error.value)


def test_read_collection_rejects_malformed_corpus_line(tmp_path):
    root = _collection(tmp_path)
    (root / "corpus.jsonl").write_text('{"_id": "d1", "text": "a"}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_collection(root)
    assert "corpus.jsonl:2: malformed JSON" in str(error.value)


def test_read_collection_names_a_missing_file(tmp_path):
    root = _collection(tmp_path)
    (root / "queries.jsonl").unlink()
    with pytest.raises(InputError) as error:
        read_collection(root)
    assert "queries.jsonl: cannot read" in str(error.value)
