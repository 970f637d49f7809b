"""``lintas embed|affinity|bitext``: output formats and every bad-input error."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest

from lintas.cli import main
from lintas.matching.cli import affinity_main, bitext_main, embed_main


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


def _jsonl(path, records):
    return _write(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))


EXPERTS = [
    {"id": "solar", "texts": ["Perovskite solar cells and photovoltaic modules.", "太阳能电池"]},
    {"id": "shrimp", "texts": ["Shrimp disease control in aquaculture ponds."]},
]
DOCUMENTS = [
    {"id": "d1", "text": "Panel surya fotovoltaik untuk atap rumah."},
    {"id": "d2", "text": "Nuôi tôm thẻ chân trắng và phòng bệnh."},
]


# --- embed ---------------------------------------------------------------------------


@pytest.mark.encoder
def test_embed_writes_normalised_rows_in_line_order(
    tmp_path, capsys, fixture_texts, fixture_passages
):
    source = _write(tmp_path / "in.txt", "\n".join(fixture_texts) + "\n")
    out = tmp_path / "out.npy"
    assert main(["embed", source, "-o", str(out), "--kind", "passage"]) == 0
    vectors = np.load(out)
    assert vectors.dtype == np.float32
    assert vectors.shape == (len(fixture_texts), 384)
    np.testing.assert_allclose(vectors, fixture_passages, atol=1e-5)
    report = json.loads(capsys.readouterr().out.strip())
    assert set(report) == {"n", "dim", "seconds", "texts_per_second"}
    assert (report["n"], report["dim"]) == (len(fixture_texts), 384)
    assert report["seconds"] > 0


@pytest.mark.encoder
def test_embed_query_kind_differs_from_passage(tmp_path, real_encoder, fixture_texts):
    source = _write(tmp_path / "in.txt", fixture_texts[0] + "\r\n" + fixture_texts[1])
    out = tmp_path / "q.npy"
    assert embed_main([source, "-o", str(out), "--kind", "query"]) == 0
    np.testing.assert_allclose(
        np.load(out), real_encoder.encode_queries(fixture_texts[:2]), atol=1e-5
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "in.txt: file is empty"),
        ("first\n\nthird\n", "in.txt:2: empty line"),
        ("first\n   \n", "in.txt:2: empty line"),
    ],
)
def test_embed_bad_input_exits_2_and_writes_nothing(tmp_path, capsys, content, message):
    source = _write(tmp_path / "in.txt", content)
    out = tmp_path / "out.npy"
    assert embed_main([source, "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "in.txt"]


def test_embed_invalid_utf8_names_line(tmp_path, capsys):
    source = tmp_path / "in.txt"
    source.write_bytes(b"fine\n\xff\xfe broken\n")
    assert embed_main([str(source), "-o", str(tmp_path / "o.npy")]) == 2
    assert "in.txt:2: not valid UTF-8" in capsys.readouterr().err


def test_embed_missing_file_exits_2(tmp_path, capsys):
    assert embed_main([str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.npy")]) == 2
    assert "nope.txt: cannot read" in capsys.readouterr().err


# --- affinity ------------------------------------------------------------------------


@pytest.mark.encoder
def test_affinity_writes_one_row_per_pair_and_orders_expertise(tmp_path):
    experts = _jsonl(tmp_path / "experts.jsonl", EXPERTS)
    documents = _jsonl(tmp_path / "docs.jsonl", DOCUMENTS)
    out = tmp_path / "scores.csv"
    assert affinity_main(["--experts", experts, "--documents", documents, "-o", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["expert", "document", "score"]
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("solar", "d1"),
        ("solar", "d2"),
        ("shrimp", "d1"),
        ("shrimp", "d2"),
    ]
    score = {(r[0], r[1]): float(r[2]) for r in rows[1:]}
    assert score["solar", "d1"] > score["shrimp", "d1"]
    assert score["shrimp", "d2"] > score["solar", "d2"]


@pytest.mark.parametrize(
    ("which", "content", "message"),
    [
        ("experts", "", "experts.jsonl: file is empty"),
        ("experts", '{"id": "a", "texts": ["x"]}\n\n', "experts.jsonl:2: empty line"),
        ("experts", '{"id": "a", "texts": ["x"]\n', "experts.jsonl:1: malformed JSON"),
        ("experts", '["a", "b"]\n', "experts.jsonl:1: expected a JSON object"),
        ("experts", '{"id": "a"}\n', "experts.jsonl:1: missing key 'texts'"),
        ("experts", '{"texts": ["x"]}\n', "experts.jsonl:1: missing key 'id'"),
        ("experts", '{"id": "a", "texts": "x"}\n', "experts.jsonl:1: 'texts' must be a list"),
        ("experts", '{"id": "a", "texts": []}\n', "experts.jsonl:1: 'texts' is empty"),
        ("experts", '{"id": "a", "texts": ["x", ""]}\n', "experts.jsonl:1: every text"),
        ("experts", '{"id": 7, "texts": ["x"]}\n', "experts.jsonl:1: 'id' must be a str"),
        (
            "experts",
            '{"id": "a", "texts": ["x"]}\n{"id": "a", "texts": ["y"]}\n',
            "experts.jsonl:2: duplicate id 'a'",
        ),
        ("docs", '{"id": "d", "body": "x"}\n', "docs.jsonl:1: missing key 'text'"),
        ("docs", '{"id": "d", "text": "  "}\n', "docs.jsonl:1: 'text' is empty"),
        ("docs", '{"id": "", "text": "x"}\n', "docs.jsonl:1: 'id' is empty"),
    ],
)
def test_affinity_bad_input_exits_2_and_writes_nothing(tmp_path, capsys, which, content, message):
    experts = _jsonl(tmp_path / "experts.jsonl", EXPERTS)
    documents = _jsonl(tmp_path / "docs.jsonl", DOCUMENTS)
    _write(tmp_path / ("experts.jsonl" if which == "experts" else "docs.jsonl"), content)
    out = tmp_path / "scores.csv"
    assert affinity_main(["--experts", experts, "--documents", documents, "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_affinity_missing_option_exits_2(tmp_path):
    assert affinity_main(["--experts", str(tmp_path / "e.jsonl")]) == 2


# --- bitext --------------------------------------------------------------------------


@pytest.mark.encoder
def test_bitext_reports_accuracy_of_aligned_lines(tmp_path, capsys):
    src = _write(
        tmp_path / "src.txt",
        "我喜欢喝茶。\n火车晚点了。\n这只猫在睡觉。\n明天会下雨。\n",
    )
    tgt = _write(
        tmp_path / "tgt.txt",
        "I like drinking tea.\nThe train is late.\nThe cat is sleeping.\nIt will rain tomorrow.\n",
    )
    assert bitext_main([src, tgt]) == 0
    assert json.loads(capsys.readouterr().out) == {"n": 4, "accuracy": 1.0}
    shuffled = _write(
        tmp_path / "shuffled.txt",
        "The train is late.\nI like drinking tea.\nThe cat is sleeping.\nIt will rain tomorrow.\n",
    )
    assert main(["bitext", src, shuffled]) == 0
    assert json.loads(capsys.readouterr().out) == {"n": 4, "accuracy": 0.5}


@pytest.mark.parametrize(
    ("src", "tgt", "message"),
    [
        ("a\nb\n", "a\n", "tgt.txt:2: files have unequal line counts"),
        ("", "a\n", "src.txt: file is empty"),
        ("a\nb\n", "a\n\n", "tgt.txt:2: empty line"),
    ],
)
def test_bitext_bad_input_exits_2(tmp_path, capsys, src, tgt, message):
    source = _write(tmp_path / "src.txt", src)
    target = _write(tmp_path / "tgt.txt", tgt)
    assert bitext_main([source, target]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""


# --- rank-eval -----------------------------------------------------------------------


def _beir(
    root, qrels="query-id\tcorpus-id\tscore\nq1\ten-1\t1\nq1\tid-1\t1\nq2\ten-2\t1\nq2\tid-2\t1\n"
):
    corpus = [
        {
            "_id": "en-1",
            "title": "",
            "text": "Solar-powered irrigation pump for rice fields.",
            "language": "en",
        },
        {
            "_id": "id-1",
            "title": "",
            "text": "Pompa irigasi tenaga surya untuk sawah.",
            "language": "id",
        },
        {
            "_id": "en-2",
            "title": "",
            "text": "Rapid test kit for dengue fever in rural clinics.",
            "language": "en",
        },
        {
            "_id": "id-2",
            "title": "",
            "text": "Alat tes cepat demam berdarah untuk klinik desa.",
            "language": "id",
        },
        {
            "_id": "en-3",
            "title": "",
            "text": "Container port terminal operating system.",
            "language": "en",
        },
    ]
    queries = [
        {"_id": "q1", "text": "solar water pump", "language": "en"},
        {"_id": "q2", "text": "tes cepat demam berdarah"},  # language detected
    ]
    (root / "qrels").mkdir(exist_ok=True)
    _jsonl(root / "corpus.jsonl", corpus)
    _jsonl(root / "queries.jsonl", queries)
    _write(root / "qrels" / "test.tsv", qrels)
    return root


@pytest.mark.encoder
def test_rank_eval_writes_run_and_prints_metrics_last(tmp_path, capsys):
    root = _beir(tmp_path)
    run = tmp_path / "run.jsonl"
    assert main(["rank-eval", str(root), "-o", str(run), "--k", "10"]) == 0
    lines = [json.loads(line) for line in run.read_text(encoding="utf-8").splitlines()]
    assert [line["query_id"] for line in lines] == ["q1", "q2"]
    assert sorted(lines[0]["ranking"]) == ["en-1", "en-2", "en-3", "id-1", "id-2"]
    assert set(lines[0]["ranking"][:2]) == {"en-1", "id-1"}
    assert set(lines[1]["ranking"][:2]) == {"en-2", "id-2"}
    metrics = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert metrics["mAP"] == 1.0
    assert metrics["own_language_share_top10"] == 0.5
    assert set(metrics) >= {"mAP", "ndcg@10", "recall@10", "mrr@10", "own_language_share_top10"}
    assert sorted(metrics["languages"]) == ["en", "id"]
    assert metrics["languages"]["id"]["mrr@10"] == 1.0


def test_rank_eval_bad_qrels_exit_2_and_write_nothing(tmp_path, capsys):
    root = _beir(tmp_path, qrels="query-id\tcorpus-id\tscore\nq1\tnope\t1\n")
    run = tmp_path / "run.jsonl"
    assert main(["rank-eval", str(root), "-o", str(run)]) == 2
    assert "test.tsv:2: unknown corpus id 'nope'" in capsys.readouterr().err
    assert not run.exists()


def test_rank_eval_missing_directory_exit_2(tmp_path, capsys):
    assert main(["rank-eval", str(tmp_path / "missing")]) == 2
    assert "corpus.jsonl: cannot read" in capsys.readouterr().err
