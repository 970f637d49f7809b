"""Command-line fronts of the matching algorithms: ``lintas embed|affinity|bitext``.

Each ``*_main(argv)`` returns an exit code: 0 on success, 2 on bad input (with a
message on stderr naming the file and line, and nothing written).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time

import numpy as np

from lintas.core.jsonio import InputError, OutputError, read_jsonl, read_lines, write_atomically
from lintas.matching import scoring

BAD_INPUT = 2


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return BAD_INPUT


def _parser(prog: str, description: str) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(prog=f"lintas {prog}", description=description)


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace | int:
    try:
        return parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)


def embed_main(argv: list[str]) -> int:
    """``lintas embed INPUT.txt -o OUT.npy [--kind query|passage]``."""
    parser = _parser("embed", "Embed one UTF-8 text per line into an (n, dim) float32 .npy.")
    parser.add_argument("input")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--kind", choices=("query", "passage"), default="passage")
    args = _parse(parser, argv)
    if isinstance(args, int):
        return args
    try:
        lines = read_lines(args.input)
    except InputError as exc:
        return _fail(str(exc))
    from lintas.matching.encoder import get_encoder

    encoder = get_encoder()
    start = time.perf_counter()
    if args.kind == "query":
        vectors = encoder.encode_queries(lines)
    else:
        vectors = encoder.encode_passages(lines)
    seconds = time.perf_counter() - start
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(vectors, dtype=np.float32))
    try:
        write_atomically(args.output, buffer.getvalue())
    except OutputError as exc:
        return _fail(str(exc))
    report = {
        "n": len(lines),
        "dim": int(vectors.shape[1]),
        "seconds": round(seconds, 4),
        "texts_per_second": round(len(lines) / seconds, 2) if seconds > 0 else None,
    }
    print(json.dumps(report))
    return 0


def affinity_main(argv: list[str]) -> int:
    """``lintas affinity --experts EXPERTS.jsonl --documents DOCS.jsonl -o SCORES.csv``."""
    parser = _parser("affinity", "Score each expert's expertise for each document.")
    parser.add_argument("--experts", required=True)
    parser.add_argument("--documents", required=True)
    parser.add_argument("-o", "--output", required=True)
    args = _parse(parser, argv)
    if isinstance(args, int):
        return args
    try:
        experts = read_jsonl(args.experts, {"id": str, "texts": list})
        documents = read_jsonl(args.documents, {"id": str, "text": str})
        for number, expert in enumerate(experts, start=1):
            texts = expert["texts"]
            if not texts:
                raise InputError(f"{args.experts}:{number}: 'texts' is empty")
            for text in texts:
                if not isinstance(text, str) or not text.strip():
                    raise InputError(
                        f"{args.experts}:{number}: every text must be a non-empty string"
                    )
        for number, document in enumerate(documents, start=1):
            if not document["text"].strip():
                raise InputError(f"{args.documents}:{number}: 'text' is empty")
    except InputError as exc:
        return _fail(str(exc))
    from lintas.matching.affinity import affinity_matrix

    scores = affinity_matrix([e["texts"] for e in experts], [d["text"] for d in documents])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["expert", "document", "score"])
    for e, expert in enumerate(experts):
        for d, document in enumerate(documents):
            writer.writerow([expert["id"], document["id"], f"{scores[e, d]:.6f}"])
    try:
        write_atomically(args.output, out.getvalue().encode("utf-8"))
    except OutputError as exc:
        return _fail(str(exc))
    return 0


def bitext_main(argv: list[str]) -> int:
    """``lintas bitext SRC.txt TGT.txt``: retrieval accuracy of line-aligned files."""
    parser = _parser("bitext", "Share of SRC lines whose best TGT line is the aligned one.")
    parser.add_argument("source")
    parser.add_argument("target")
    args = _parse(parser, argv)
    if isinstance(args, int):
        return args
    try:
        source = read_lines(args.source)
        target = read_lines(args.target)
    except InputError as exc:
        return _fail(str(exc))
    if len(source) != len(target):
        shorter = args.source if len(source) < len(target) else args.target
        line = min(len(source), len(target)) + 1
        return _fail(
            f"{shorter}:{line}: files have unequal line counts "
            f"({args.source}: {len(source)}, {args.target}: {len(target)})"
        )
    from lintas.matching.encoder import get_encoder

    encoder = get_encoder()
    src = encoder.encode_queries(source)
    tgt = encoder.encode_queries(target)
    best = scoring.best_matches(src, tgt)
    accuracy = float(np.mean(best == np.arange(len(source))))
    print(json.dumps({"n": len(source), "accuracy": round(accuracy, 6)}))
    return 0


def rank_eval_main(argv: list[str]) -> int:
    """``lintas rank-eval DIR [-o RUN.jsonl] [--k 100]``: search quality on a BEIR collection."""
    parser = _parser(
        "rank-eval",
        "Index a BEIR collection in memory with the site's retrieval engine, run every "
        "query and print mAP, nDCG@10, recall@10, MRR@10 and the own-language share.",
    )
    parser.add_argument("directory")
    parser.add_argument("-o", "--output", help="write the run, one JSON line per query")
    parser.add_argument("--k", type=int, default=100, help="ranking depth (default 100)")
    args = _parse(parser, argv)
    if isinstance(args, int):
        return args
    if args.k < 10:
        return _fail("--k must be at least 10")
    from lintas.matching import rankeval

    try:
        collection = rankeval.read_collection(args.directory)
    except rankeval.InputError as exc:
        return _fail(str(exc))
    from lintas.matching.encoder import get_encoder
    from lintas.matching.retrieval import run_collection

    run = run_collection(collection, encoder=get_encoder(), k=args.k)
    metrics = rankeval.evaluate(
        run,
        collection.qrels,
        query_languages=collection.query_languages(),
        doc_languages=collection.doc_languages(),
    )
    if args.output:
        lines = "".join(
            json.dumps({"query_id": q["id"], "ranking": run[q["id"]]}, ensure_ascii=False) + "\n"
            for q in collection.queries
        )
        try:
            write_atomically(args.output, lines)
        except OutputError as exc:
            return _fail(str(exc))
    print(json.dumps(metrics, ensure_ascii=False))
    return 0
