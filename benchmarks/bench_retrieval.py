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
        [--no-split] [--cli]

After the full dev set, the same systems run on each half of its articles (each half its
own pool, as the held-out split is built), to show how much the figures move between sets
of articles; ``--cli`` also runs the ``lintas rank-eval`` command and checks that it prints
the engine's figures.

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
    """The real encoder, with the dev vectors kept in a folder between runs and in memory
    (so a subset of texts already encoded, such as half of the articles, costs nothing)."""

    def __init__(self, cache: Path | None):
        from lintas.matching.encoder import get_encoder

        self.inner, self.cache = get_encoder(), cache
        self.name, self.dim = self.inner.name, self.inner.dim
        self.seen: dict = {}

    def _get(self, kind, texts):
        if texts and all((kind, t) in self.seen for t in texts):
            return np.vstack([self.seen[(kind, t)] for t in texts])
        path = self.cache / f"{kind}-{len(texts)}.npy" if self.cache else None
        if path and path.exists():
            vectors = np.load(path)
        else:
            fn = self.inner.encode_queries if kind == "q" else self.inner.encode_passages
            vectors = fn(texts)
            if path:
                path.parent.mkdir(parents=True, exist_ok=True)
                np.save(path, vectors)
        self.seen.update(zip(((kind, t) for t in texts), vectors, strict=True))
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


def article_halves(collection) -> list[tuple[str, rankeval.Collection]] | None:
    """The collection cut in two by article (XQuAD-R ids ``lang-article-paragraph-sentence``):
    the first and the last half of the articles, each with its own pool, queries and
    judgements, the same construction as the held-out split of the other articles."""
    try:
        article = {d["id"]: int(d["id"].split("-")[1]) for d in collection.corpus}
    except (IndexError, ValueError):
        return None
    names = sorted(set(article.values()))
    cut = names[len(names) // 2]
    halves = []
    for label, keep in (
        (f"articles {names[0]}-{cut - 1}", lambda a: a < cut),
        (f"articles {cut}-{names[-1]}", lambda a: a >= cut),
    ):
        queries = [
            dict(q)
            for q in collection.queries
            if q["id"] in collection.qrels
            and all(keep(article[d]) for d in collection.qrels[q["id"]])
        ]
        halves.append(
            (
                label,
                rankeval.Collection(
                    [dict(d) for d in collection.corpus if keep(article[d["id"]])],
                    queries,
                    {q["id"]: collection.qrels[q["id"]] for q in queries},
                ),
            )
        )
    return halves


def split_check(collection, encoder, P, Q) -> None:
    """Plain centring and the engine on each half of the articles (same vectors)."""
    halves = article_halves(collection)
    if halves is None:
        print("  ids do not name articles; no split")
        return
    row_p = {d["id"]: i for i, d in enumerate(collection.corpus)}
    row_q = {q["id"]: i for i, q in enumerate(collection.queries)}
    print("\n== the same, on each half of the articles (own pool each; held-out is built alike)")
    for label, half in halves:
        hp = P[[row_p[d["id"]] for d in half.corpus]]
        hq = Q[[row_q[q["id"]] for q in half.queries]]
        qids, dids = [q["id"] for q in half.queries], [d["id"] for d in half.corpus]

        def score(run, half=half):
            return rankeval.evaluate(
                run,
                half.qrels,
                query_languages=half.query_languages(),
                doc_languages=half.doc_languages(),
            )

        qlang = [q["language"] for q in half.queries]
        dlang = [d["language"] for d in half.corpus]
        plain = score(top_k_run(centre_own(hq, qlang) @ centre_own(hp, dlang).T, qids, dids))
        show(f"{label}: plain centring", plain)
        show(
            f"{label}: engine",
            score(run_collection(half, encoder=encoder, k=100, lexical=True)),
        )


def cli_check(data: Path, engine: dict) -> None:
    """Run the real ``lintas rank-eval DIR`` (it encodes the collection itself, several
    minutes) and print its metrics line beside the engine's figures above."""
    import subprocess

    lintas = Path(sys.executable).with_name("lintas")
    t = time.perf_counter()
    done = subprocess.run(
        [str(lintas), "rank-eval", str(data)], capture_output=True, text=True, check=False
    )
    if done.returncode:
        print(f"  lintas rank-eval failed ({done.returncode}): {done.stderr.strip()[-300:]}")
        return
    metrics = json.loads(done.stdout.strip().splitlines()[-1])
    show("lintas rank-eval (command)", metrics)
    same = all(
        abs(metrics[key] - engine[key]) < 5e-4
        for key in ("mAP", "ndcg@10", "recall@10", "mrr@10", "own_language_share_top10")
    )
    print(
        f"  lintas rank-eval took {time.perf_counter() - t:.0f} s; "
        f"{'same figures as the engine line' if same else 'DIFFERS from the engine line'}"
    )


def quality(
    data: Path, cache: Path | None, lexical: bool, split: bool = True, cli: bool = False
) -> None:
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
    if cli:
        cli_check(data, ours)
    if split:
        split_check(collection, encoder, P, Q)


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
    parser.add_argument("--no-split", action="store_true", help="skip the two halves")
    parser.add_argument(
        "--cli", action="store_true", help="also run the `lintas rank-eval` command itself"
    )
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    print(f"cpus {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")
    if not args.skip_quality:
        if not (args.data / "corpus.jsonl").exists():
            print(f"  no dev set at {args.data}; quality skipped")
        else:
            print(f"\n== quality on {args.data}")
            quality(args.data, args.cache, not args.no_lexical, not args.no_split, args.cli)
    if not args.skip_latency:
        rng = np.random.default_rng(11)
        for n in (10_000, 100_000):
            latency(n, args.queries, rng)
    print(f"\nload average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
