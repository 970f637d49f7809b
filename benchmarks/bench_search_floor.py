"""Calibration of the search relevance floor and bands on the demo catalogue.

``benchmarks/data/search_floor_queries.tsv`` holds a small dev set of queries in several
languages and scripts: nonsense (random letters, keyboard rows, filler characters),
off-topic (wedding dress rental, football scores, horoscopes — real language, nothing a
technology catalogue should match) and real queries with the published demo profiles that
answer them. Every query runs through the retrieval engine (``lintas.matching.retrieval``,
what the search page, the API and ``lintas search`` use) over the demo catalogue's
published profiles, and the benchmark prints:

- for nonsense and off-topic queries, the relevance of their best result (the engine's
  ``relevance``, the number behind the bands): highest, 90th percentile, median;
- for real queries, the relevance of each answering profile and of the best answer per
  query, and the share of answers (and of queries with an answer in the top 10) that clear
  the floor;
- a sweep of candidate floors: share of nonsense / off-topic queries that would show a
  "close match" against the share of real answers kept, and the margins on both sides of
  the floor in use (``FLOOR``);
- the share of real answers and of unrelated best results in each band.

Baseline from the same run: raw cosine (no centring, no feedback) of the same vectors.

    .venv/bin/python benchmarks/bench_search_floor.py [--cache .cache/demo_p.npy]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lintas.core.langid import detect_language  # noqa: E402
from lintas.matching import retrieval  # noqa: E402
from lintas.matching.retrieval import BANDS, FLOOR, RetrievalEngine  # noqa: E402
from lintas.matching.text import tokens  # noqa: E402

DATA = ROOT / "src/lintas/demo/data"
QUERIES = ROOT / "benchmarks/data/search_floor_queries.tsv"


def demo_profiles() -> list[dict]:
    return [
        p
        for f in ("offers_a", "offers_b", "needs")
        for p in json.loads((DATA / f"{f}.json").read_text(encoding="utf-8"))
        if p["status"] == "published"
    ]


def text(p: dict) -> str:
    parts = (p["title"], p["summary"], p.get("description", ""), " ".join(p.get("keywords") or []))
    return "\n".join(x for x in parts if x)


def read_queries() -> list[dict]:
    with open(QUERIES, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for row in rows:
        row["relevant"] = (row.get("relevant") or "").split()
    return rows


def pct(values, q) -> float:
    return float(np.percentile(values, q)) if len(values) else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help=".npy of the published demo passage vectors")
    args = parser.parse_args()
    print(f"cpus {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")
    from lintas.matching.encoder import get_encoder

    encoder = get_encoder()
    profiles = demo_profiles()
    if args.cache and args.cache.exists():
        vectors = np.load(args.cache)
    else:
        vectors = encoder.encode_passages([text(p) for p in profiles])
        if args.cache:
            args.cache.parent.mkdir(parents=True, exist_ok=True)
            np.save(args.cache, vectors)
    refs = [p["ref"] for p in profiles]
    langs = [p["content_language"] for p in profiles]
    doc_tokens = [tokenise(text(p), lang) for p, lang in zip(profiles, langs, strict=True)]
    engine = RetrievalEngine(encoder).build(refs, vectors, langs, tokens=doc_tokens)
    rows = read_queries()
    qraw = encoder.encode_queries([r["query"] for r in rows])
    raw_docs = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    best = {"nonsense": [], "off-topic": []}  # best relevance per unrelated query
    best_raw = {"nonsense": [], "off-topic": []}
    answers, answers_raw, best_answer, top10 = [], [], [], []
    worst_unrelated, weakest_real = [], []
    for row, raw in zip(rows, qraw, strict=True):
        lang = detect_language(row["query"])
        qvec = engine.means.centre(raw[None, :], [lang])[0]
        hits = engine.ranked(
            row["query"], language=lang, terms=tokens(row["query"], lang), query_vector=qvec
        )
        relevance = {h.id: h.relevance for h in hits}
        raw_cos = dict(zip(refs, (raw_docs @ raw).tolist(), strict=True))
        if row["kind"] in best:
            best[row["kind"]].append(max(relevance.values()))
            worst_unrelated.append((max(relevance.values()), row["query"], hits[0].id))
            best_raw[row["kind"]].append(max(raw_cos.values()))
            continue
        wanted = [r for r in row["relevant"] if r in relevance]
        missing = sorted(set(row["relevant"]) - set(relevance))
        if missing:
            print(f"  note: {row['query']!r}: {missing} not among the candidates")
        answers += [relevance.get(r, 0.0) for r in row["relevant"]]
        answers_raw += [raw_cos[r] for r in row["relevant"]]
        best_answer.append(max((relevance[r] for r in wanted), default=0.0))
        weakest_real.append(
            (best_answer[-1], row["query"], hits[0].id, round(hits[0].relevance, 3))
        )
        order = [h.id for h in hits[:10]]
        top10.append(any(r in order and relevance[r] >= FLOOR for r in row["relevant"]))

    n_real = len(best_answer)
    unrelated = best["nonsense"] + best["off-topic"]
    print(
        f"\n{len(profiles)} published demo profiles; {len(best['nonsense'])} nonsense, "
        f"{len(best['off-topic'])} off-topic and {n_real} real queries "
        f"({len(answers)} judged answers)"
    )
    print("\nbest result of each unrelated query (max / p90 / median):")
    for kind in ("nonsense", "off-topic"):
        e, r = best[kind], best_raw[kind]
        print(
            f"  {kind:<10} engine relevance {max(e):.3f} / {pct(e, 90):.3f} / {pct(e, 50):.3f}"
            f"    baseline raw cosine {max(r):.3f} / {pct(r, 90):.3f} / {pct(r, 50):.3f}"
        )
    print("\nreal queries' answers (min / p10 / median):")
    print(
        f"  every answer      engine {min(answers):.3f} / {pct(answers, 10):.3f} / "
        f"{pct(answers, 50):.3f}    baseline raw cosine {min(answers_raw):.3f} / "
        f"{pct(answers_raw, 10):.3f} / {pct(answers_raw, 50):.3f}"
    )
    print(
        f"  best per query    engine {min(best_answer):.3f} / {pct(best_answer, 10):.3f} / "
        f"{pct(best_answer, 50):.3f}"
    )
    print(
        f"\nfloor in use {FLOOR:.2f}: margin above the highest unrelated query "
        f"{FLOOR - max(unrelated):+.3f}, below the lowest best answer "
        f"{min(best_answer) - FLOOR:+.3f}; raw cosine: unrelated max {max(r for k in best_raw for r in best_raw[k]):.3f}"
        f" vs lowest answer {min(answers_raw):.3f} (overlap: no raw threshold separates them)"
    )
    print(
        f"  real queries with an answer above the floor in the top 10: "
        f"{sum(top10)}/{n_real}; answers above the floor {np.mean(np.array(answers) >= FLOOR):.0%}"
    )
    print("\nsweep: floor -> unrelated queries shown a close match | answers kept | queries kept")
    for floor in (0.14, 0.16, 0.18, 0.20, 0.22, 0.24, 0.26, 0.28, 0.30):
        print(
            f"  {floor:.2f}  nonsense {np.mean(np.array(best['nonsense']) >= floor):5.0%}"
            f"  off-topic {np.mean(np.array(best['off-topic']) >= floor):5.0%}"
            f"  | answers {np.mean(np.array(answers) >= floor):5.0%}"
            f"  | queries {np.mean(np.array(best_answer) >= floor):5.0%}"
        )
    print("\nbands: share of real answers / of unrelated queries' best results in each band")
    upper = 2.0
    for name, low in BANDS:
        a = np.mean([(low <= x < upper) for x in answers])
        u = np.mean([(low <= x < upper) for x in unrelated])
        print(f"  {name:<9} >= {low:.2f}: answers {a:5.0%}   unrelated {u:5.0%}")
        upper = low
    below_a = np.mean([x < FLOOR for x in answers])
    below_u = np.mean([x < FLOOR for x in unrelated])
    print(f"  below the floor:  answers {below_a:5.0%}   unrelated {below_u:5.0%}")
    print("\nhighest unrelated queries (best relevance, query, its best result):")
    for item in sorted(worst_unrelated, reverse=True)[:6]:
        print(f"  {item[0]:.3f}  {item[1]!r} -> {item[2]}")
    print("weakest real queries (best answer's relevance, query, top result and its relevance):")
    for item in sorted(weakest_real)[:6]:
        print(f"  {item[0]:.3f}  {item[1]!r} -> {item[2]} {item[3]:.3f}")
    print(f"\nconstants: FLOOR {FLOOR}, BANDS {BANDS}, FEEDBACK_FLOOR {retrieval.FEEDBACK_FLOOR}")
    print(f"load average at end {os.getloadavg()[0]:.1f}")


def tokenise(text_: str, lang: str) -> list[str]:
    return tokens(text_, lang, expand=True)


if __name__ == "__main__":
    main()
