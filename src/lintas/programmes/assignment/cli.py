"""Command-line front: ``lintas assign INPUT.json -o OUTPUT.json`` (docs/assignment.md)."""

from __future__ import annotations

import argparse
import json
import sys

from lintas.core import jsonio

from .model import InputError, parse_problem
from .solver import solve

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INFEASIBLE = 3


def main(argv: list[str]) -> int:
    """``lintas assign INPUT.json -o OUTPUT.json``: 0 solved, 2 bad input, 3 infeasible."""
    parser = argparse.ArgumentParser(
        prog="lintas assign",
        description="Optimal assignment of agents to targets (reviewers, hosts) from JSON.",
    )
    parser.add_argument("input", help="problem JSON file, or - for standard input")
    parser.add_argument("-o", "--output", required=True, help="result JSON file, or -")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage error
        return EXIT_BAD_INPUT if exc.code else EXIT_OK
    try:
        data = jsonio.read_json(args.input, allow_stdin=True)
    except jsonio.InputError as exc:
        print(f"lintas assign: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        result = solve(**parse_problem(data))
    except InputError as exc:
        print(f"lintas assign: bad input: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        _write_json(args.output, result.to_json())
    except jsonio.OutputError as exc:
        print(f"lintas assign: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if result.status != "optimal":
        print(f"lintas assign: infeasible: {result.message}", file=sys.stderr)
        return EXIT_INFEASIBLE
    print(
        f"lintas assign: {len(result.assignments)} assignments, objective "
        f"{result.objective:.6g}, {result.seconds:.3f} s",
        file=sys.stderr,
    )
    return EXIT_OK


def _write_json(path: str, doc: dict) -> None:
    # One assignment per line: readable, diffable, and fast for 10^5 pairs.
    rows = ",\n".join("  " + json.dumps(a, ensure_ascii=False) for a in doc["assignments"])
    rest = "".join(
        f',\n "{k}": {json.dumps(v, ensure_ascii=False)}'
        for k, v in doc.items()
        if k != "assignments"
    )
    text = (
        f'{{\n "assignments": [\n{rows}\n ]{rest}\n}}\n'
        if rows
        else f'{{\n "assignments": []{rest}\n}}\n'
    )
    jsonio.write_atomically(path, text, allow_stdout=True)
