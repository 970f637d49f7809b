"""Cross-lingual retrieval quality on the XQuAD-R dev set, and the engine's query latency.

Quality: the retrieval engine (``lintas.matching.retrieval``, exactly what ``lintas
rank-eval`` and the site's search run) beside three baselines from the same run and the
same vectors:

- raw encoder: cosine of the e5 query and passage vectors;
- plain centring: each side centred on its own language's mean (queries on the queries'
  means, documents on the documents'), then cosine;
- the search pipeline before issue 18: raw dense and BM25 over all query words, fused by
  reciprocal rank fusion (``--no-lexical`` skips it: tokenising takes a minute).

Latency: p50/p95 of the engine's dense path (first pass, language-balanced feedback,
second pass, relevance) at 10k and 100k synthetic documents, beside one plain vector-index
search (the part issue 3 measured) in the same run. Query encoding is not included.

    .venv/bin/python benchmarks/bench_retrieval.py [--data ../shared/eval/xquadr-dev]
        [--cache /work/wt/cache/bench] [--no-lexical] [--skip-quality] [--skip-latency]

Encoding the 4,705 dev texts takes 5-15 minutes on 2 cores; ``--cache`` keeps the vectors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lintas.matching import rankeval  # noqa: E402
from lintas.matching.fusion import reciprocal_rank_fusion  # noqa: E402
from lintas.matching.index import VectorIndex, normalise  # noqa: E402
from lintas.matching.retrieval import RetrievalEngine, run_collection  # noqa: E402

DEFAULT_DATA = ROOT.parent.parent / "shared" / "eval" / "xquadr-dev"


class CachedEncoder:
    """The real encoder, with the dev vectors kept in a folder between runs."""

    def __init__(self, cache: Path | None):
        from lintas.matching.encoder import get_encoder

        self.inner, self.cache = get_encoder(), cache
        self.name, self.dim = self.inner.name, self.inner.dim

    def _get(self, kind, texts):
        path = self.cache / f"{kind}-{len(texts)}.npy" if self.cache else None
        if path and path.exists():
            return np.load(path)
        fn = self.inner.encode_queries if kind == "q" else self.inner.encode_passages
        vectors = fn(texts)
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.save(path, vectors)
        return vectors

    def encode_queries(self, texts):
        return self._get("q", list(texts))

    def encode_passages(self, texts):
        return self._get("p", list(texts))


def top_k_run(scores: np.ndarray, qids, dids, k=100) -> dict:
    run = {}
    for i, qid in enumerate(qids):
        top = np.argpartition(-scores[i], k)[:k]
        run[qid] = [dids[j] for j in top[np.argsort(-scores[i][top], kind="stable")]]
    return run


def centre_own(vectors, langs):
    out = np.empty_like(vectors)
    langs = np.asarray(langs)
    for lang in set(langs.tolist()):
        rows = langs == lang
        out[rows] = vectors[rows] - vectors[rows].mean(axis=0)
    return normalise(out)


def show(label: str, metrics: dict) -> None:
    per = "  ".join(
        f"{lang} {m['mAP']:.3f}/{m['own_language_share_top10']:.2f}"
        for lang, m in metrics["languages"].items()
    )
    print(
        f"  {label:<34} mAP {metrics['mAP']:.4f}  own-language {metrics['own_language_share_top10']:.3f}"
        f"  nDCG@10 {metrics['ndcg@10']:.3f}  R@10 {metrics['recall@10']:.3f}"
        f"  MRR@10 {metrics['mrr@10']:.3f}   per language mAP/own: {per}",
        flush=True,
    )


def quality(data: Path, cache: Path | None, lexical: bool) -> None:
    collection = rankeval.read_collection(data)
    encoder = CachedEncoder(cache)
    qids = [q["id"] for q in collection.queries]
    dids = [d["id"] for d in collection.corpus]
    t = time.perf_counter()
    P = encoder.encode_passages([d["text"] for d in collection.corpus])
    Q = encoder.encode_queries([q["text"] for q in collection.queries])
    print(f"  encoded {len(P)} passages, {len(Q)} queries in {time.perf_counter() - t:.0f} s")
    qlang = [q["language"] for q in collection.queries]
    dlang = [d["language"] for d in collection.corpus]

    def score(run):
        return rankeval.evaluate(
            run,
            collection.qrels,
            query_languages=collection.query_languages(),
            doc_languages=collection.doc_languages(),
        )

    raw = score(top_k_run(Q @ P.T, qids, dids))
    show("baseline: raw encoder", raw)
    plain = score(top_k_run(centre_own(Q, qlang) @ centre_own(P, dlang).T, qids, dids))
    show("baseline: plain centring", plain)
    if lexical:
        from lintas.matching.lexical import BM25Index
        from lintas.matching.text import tokens

        bm25 = BM25Index.build(
            (i, tokens(d["text"], lang, expand=True))
            for i, (d, lang) in enumerate(zip(collection.corpus, dlang, strict=True))
        )
        dense = top_k_run(Q @ P.T, qids, dids, k=200)
        run = {}
        for q, lang in zip(collection.queries, qlang, strict=True):
            lex = [dids[h.id] for h in bm25.search(tokens(q["text"], lang), 200)]
            fused = reciprocal_rank_fusion({"dense": dense[q["id"]], "lexical": lex}, limit=100)
            run[q["id"]] = [h.id for h in fused]
        show("baseline: raw dense + BM25, RRF", score(run))
    t = time.perf_counter()
    ours = score(run_collection(collection, encoder=encoder, k=100, lexical=True))
    show("retrieval engine (rank-eval)", ours)
    print(f"  engine: {len(qids)} queries in {time.perf_counter() - t:.1f} s")
    print(json.dumps({"raw": raw, "plain_centring": plain, "engine": ours}))


def latency(n: int, n_queries: int, rng: np.random.Generator) -> None:
    dim, langs = 384, ["en", "zh", "th", "vi", "id", "ms"]
    topics = rng.standard_normal((500, dim)).astype(np.float32)
    offsets = {lang: rng.standard_normal(dim).astype(np.float32) * 0.6 for lang in langs}
    topic = rng.integers(0, len(topics), n)
    lang_of = rng.choice(langs, n)
    X = topics[topic] + np.vstack([offsets[lang] for lang in lang_of])
    X += rng.standard_normal((n, dim)).astype(np.float32) * 0.5
    X = normalise(X + 2.0)  # a shared mean direction, as real embeddings have
    engine = RetrievalEngine().build(list(range(n)), X, list(lang_of))
    pick = rng.integers(0, n, n_queries)
    queries = engine.means.centre(X[pick], list(lang_of[pick]))
    plain = VectorIndex.from_arrays(np.arange(n), engine.means.centre(X, list(lang_of)))

    def timed(fn):
        times = []
        for q in queries:
            t = time.perf_counter()
            fn(q)
            times.append(time.perf_counter() - t)
        return np.percentile(times, 50) * 1e3, np.percentile(times, 95) * 1e3

    base = timed(lambda q: plain.search(q, 200))
    ours = timed(lambda q: engine.ranked("", query_vector=q))
    allowed = list(range(0, n, 20))  # a 5 % filter
    ours_f = timed(lambda q: engine.ranked("", query_vector=q, allowed=allowed))
    print(f"\n== {n:,} documents, {n_queries} queries (backend {plain.backend})")
    print(
        f"  baseline: one vector-index search (top 200)   p50 {base[0]:7.2f} ms  p95 {base[1]:7.2f} ms"
    )
    print(
        f"  engine dense path (2 passes + relevance)      p50 {ours[0]:7.2f} ms  p95 {ours[1]:7.2f} ms"
    )
    print(
        f"  engine dense path, 5 % filter                 p50 {ours_f[0]:7.2f} ms  p95 {ours_f[1]:7.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--no-lexical", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    print(f"cpus {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")
    if not args.skip_quality:
        if not (args.data / "corpus.jsonl").exists():
            print(f"  no dev set at {args.data}; quality skipped")
        else:
            print(f"\n== quality on {args.data}")
            quality(args.data, args.cache, not args.no_lexical)
    if not args.skip_latency:
        rng = np.random.default_rng(11)
        for n in (10_000, 100_000):
            latency(n, args.queries, rng)
    print(f"\nload average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
