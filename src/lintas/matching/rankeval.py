"""Rank evaluation of a retrieval run against graded judgements (pure module, no Django).

Reads a test collection in the BEIR layout and scores a run the way IR systems are scored:

- ``DIR/corpus.jsonl``: ``{"_id", "title", "text"}``, optionally ``"language"``;
- ``DIR/queries.jsonl``: ``{"_id", "text"}``, optionally ``"language"``;
- ``DIR/qrels/test.tsv``: a header line, then ``query-id <TAB> corpus-id <TAB> score``.

A judgement with score > 0 is relevant; the score is the gain in nDCG. Metrics per query,
then averaged over the queries that have at least one relevant document:

- ``mAP``: average precision over the written ranking (its depth is ``--k``);
- ``ndcg@10`` (linear gain, log2 discount, as trec_eval), ``recall@10``, ``mrr@10``;
- ``own_language_share_top10``: of the relevant documents found in the top 10 (pooled over
  queries), the share in the query's own language. An unbiased retriever over a pool of
  L languages with one relevant document per language scores 1/L; a retriever that only
  finds same-language answers scores 1.

The same metrics are reported per query language under ``"languages"``.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lintas.core.jsonio import InputError, read_text

__all__ = [
    "Collection",
    "InputError",
    "average_precision",
    "evaluate",
    "ndcg_at",
    "read_collection",
]


@dataclass
class Collection:
    """A BEIR-style test collection held in memory."""

    corpus: list[dict]  # {"id", "text", "language"}; text is "title\ntext" when a title exists
    queries: list[dict]  # {"id", "text", "language"}
    qrels: dict[str, dict[str, int]] = field(default_factory=dict)

    def doc_languages(self) -> dict[str, str | None]:
        return {d["id"]: d["language"] for d in self.corpus}

    def query_languages(self) -> dict[str, str | None]:
        return {q["id"]: q["language"] for q in self.queries}


def _lines(path: Path) -> list[tuple[int, str]]:
    """(line number, line) of the non-blank lines; InputError names the file (and line)."""
    text = read_text(str(path))
    if text.startswith("\ufeff"):
        text = text[1:]
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            out.append((number, line))
    if not out:
        raise InputError(f"{path}: file is empty")
    return out


def _optional_str(record: dict, key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: {key!r} must be a string")
    return value.strip() or None


def _read_jsonl(path: Path, *, kind: str) -> list[dict]:
    records, seen = [], set()
    for number, line in _lines(path):
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: malformed JSON: {exc.msg}") from exc
        if not isinstance(record, dict):
            raise InputError(f"{where}: expected a JSON object")
        ident = record.get("_id")
        if isinstance(ident, int) and not isinstance(ident, bool):
            ident = str(ident)
        if not isinstance(ident, str) or not ident.strip():
            raise InputError(f"{where}: missing or empty '_id'")
        if ident in seen:
            raise InputError(f"{where}: duplicate _id {ident!r}")
        seen.add(ident)
        text = record.get("text")
        if not isinstance(text, str):
            raise InputError(f"{where}: 'text' must be a string")
        title = _optional_str(record, "title", where) if kind == "corpus" else None
        full = f"{title}\n{text}" if title else text
        if not full.strip():
            raise InputError(f"{where}: empty text")
        records.append(
            {"id": ident, "text": full, "language": _optional_str(record, "language", where)}
        )
    return records


def _read_qrels(path: Path, queries: set[str], docs: set[str]) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    lines = _lines(path)
    first = lines[0][1].split("\t") if "\t" in lines[0][1] else lines[0][1].split()
    if len(first) < 3 or _is_int(first[2]):
        raise InputError(f"{path}:{lines[0][0]}: expected a header line (query-id corpus-id score)")
    for number, line in lines[1:]:
        where = f"{path}:{number}"
        parts = line.split("\t") if "\t" in line else line.split()
        if len(parts) != 3:
            raise InputError(f"{where}: expected 3 columns (query-id corpus-id score)")
        qid, did, score = (p.strip() for p in parts)
        if not _is_int(score):
            raise InputError(f"{where}: score {score!r} is not an integer")
        if qid not in queries:
            raise InputError(f"{where}: unknown query id {qid!r}")
        if did not in docs:
            raise InputError(f"{where}: unknown corpus id {did!r}")
        qrels[qid][did] = int(score)
    return dict(qrels)


def _is_int(value: str) -> bool:
    try:
        int(value)
    except ValueError:
        return False
    return True


def read_collection(directory: str | Path) -> Collection:
    """Load ``DIR/corpus.jsonl``, ``DIR/queries.jsonl`` and ``DIR/qrels/test.tsv``."""
    root = Path(directory)
    corpus = _read_jsonl(root / "corpus.jsonl", kind="corpus")
    queries = _read_jsonl(root / "queries.jsonl", kind="queries")
    qrels = _read_qrels(
        root / "qrels" / "test.tsv", {q["id"] for q in queries}, {d["id"] for d in corpus}
    )
    return Collection(corpus=corpus, queries=queries, qrels=qrels)


def average_precision(ranking: Sequence[str], relevant: Iterable[str]) -> float:
    """AP of one ranking: mean over the relevant documents of precision at their rank
    (a relevant document missing from the ranking contributes 0)."""
    relevant = set(relevant)
    if not relevant:
        return 0.0
    hits, total = 0, 0.0
    for rank, doc in enumerate(ranking, start=1):
        if doc in relevant:
            hits += 1
            total += hits / rank
    return total / len(relevant)


def ndcg_at(ranking: Sequence[str], grades: Mapping[str, int], k: int = 10) -> float:
    """nDCG@k with linear gain (the grade) and a log2 discount."""
    dcg = sum(
        grades.get(doc, 0) / math.log2(rank + 1)
        for rank, doc in enumerate(ranking[:k], start=1)
        if grades.get(doc, 0) > 0
    )
    ideal = sorted((g for g in grades.values() if g > 0), reverse=True)[:k]
    idcg = sum(g / math.log2(rank + 1) for rank, g in enumerate(ideal, start=1))
    return dcg / idcg if idcg else 0.0


def _query_metrics(ranking: Sequence[str], grades: Mapping[str, int]) -> dict[str, float]:
    relevant = {d for d, g in grades.items() if g > 0}
    top = ranking[:10]
    first = next((r for r, d in enumerate(top, start=1) if d in relevant), None)
    return {
        "mAP": average_precision(ranking, relevant),
        "ndcg@10": ndcg_at(ranking, grades, 10),
        "recall@10": sum(d in relevant for d in top) / len(relevant),
        "mrr@10": 1.0 / first if first else 0.0,
    }


def _summary(rows: list[dict], own: int, found: int) -> dict:
    out = {
        name: round(sum(r[name] for r in rows) / len(rows), 4) if rows else None
        for name in ("mAP", "ndcg@10", "recall@10", "mrr@10")
    }
    out["own_language_share_top10"] = round(own / found, 4) if found else None
    out["queries"] = len(rows)
    return out


def evaluate(
    run: Mapping[str, Sequence[str]],
    qrels: Mapping[str, Mapping[str, int]],
    *,
    query_languages: Mapping[str, str | None] | None = None,
    doc_languages: Mapping[str, str | None] | None = None,
) -> dict:
    """Metrics of ``run`` ({query id: [doc ids, best first]}) over the judged queries.

    Queries with no relevant judgement are skipped (as trec_eval does); a judged query
    missing from the run counts with an empty ranking.
    """
    query_languages = query_languages or {}
    doc_languages = doc_languages or {}
    rows: list[dict] = []
    by_lang: dict[str, list[dict]] = defaultdict(list)
    own_total = found_total = 0
    own_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for qid in sorted(qrels):
        grades = qrels[qid]
        if not any(g > 0 for g in grades.values()):
            continue
        ranking = list(run.get(qid, []))
        metrics = _query_metrics(ranking, grades)
        rows.append(metrics)
        lang = query_languages.get(qid)
        if lang is None:
            continue
        by_lang[lang].append(metrics)
        hits = [d for d in ranking[:10] if grades.get(d, 0) > 0 and doc_languages.get(d)]
        own = sum(doc_languages[d] == lang for d in hits)
        own_total += own
        found_total += len(hits)
        own_lang[lang][0] += own
        own_lang[lang][1] += len(hits)
    result = _summary(rows, own_total, found_total)
    result["languages"] = {
        lang: _summary(by_lang[lang], *own_lang[lang]) for lang in sorted(by_lang)
    }
    return result
