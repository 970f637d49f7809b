"""Command-line fronts of the matching algorithms: ``lintas embed|affinity|bitext``.

Each ``*_main(argv)`` returns an exit code: 0 on success, 2 on bad input (with a
message on stderr naming the file and line, and nothing written).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from lintas.matching import scoring

BAD_INPUT = 2


class InputError(Exception):
    """Bad user input; the message names the file and line."""


def _read_lines(path: str) -> list[str]:
    """Non-empty UTF-8 lines of a one-text-per-line file, or InputError."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not valid UTF-8") from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline ends the last line, it does not start a new one
    lines = [line[:-1] if line.endswith("\r") else line for line in lines]
    if not lines:
        raise InputError(f"{path}: file is empty")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            raise InputError(f"{path}:{number}: empty line")
    return lines


def _read_jsonl(path: str, required: dict[str, type]) -> list[dict]:
    """Objects of a JSON-lines file with the ``required`` keys and types, or InputError."""
    records = []
    seen: set[str] = set()
    for number, line in enumerate(_read_lines(path), start=1):
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: malformed JSON: {exc.msg}") from exc
        if not isinstance(record, dict):
            raise InputError(f"{where}: expected a JSON object")
        for key, kind in required.items():
            if key not in record:
                raise InputError(f"{where}: missing key {key!r}")
            if not isinstance(record[key], kind):
                raise InputError(f"{where}: {key!r} must be a {kind.__name__}")
        if not record["id"]:
            raise InputError(f"{where}: 'id' is empty")
        if record["id"] in seen:
            raise InputError(f"{where}: duplicate id {record['id']!r}")
        seen.add(record["id"])
        records.append(record)
    return records


def _write_atomically(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file so a failure leaves nothing behind."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


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
        lines = _read_lines(args.input)
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
        _write_atomically(args.output, buffer.getvalue())
    except OSError as exc:
        return _fail(f"{args.output}: cannot write: {exc.strerror or exc}")
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
        experts = _read_jsonl(args.experts, {"id": str, "texts": list})
        documents = _read_jsonl(args.documents, {"id": str, "text": str})
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
        _write_atomically(args.output, out.getvalue().encode("utf-8"))
    except OSError as exc:
        return _fail(f"{args.output}: cannot write: {exc.strerror or exc}")
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
        source = _read_lines(args.source)
        target = _read_lines(args.target)
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
