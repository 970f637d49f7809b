"""Command-line front: ``lintas schedule INPUT.json -o OUTPUT.json`` (docs/scheduler.md).

Reading and writing go through :mod:`lintas.core.jsonio`, the contract the pure commands
share: bad input exits with code 2, names the item and writes nothing; output appears whole.
"""

from __future__ import annotations

import argparse
import sys
import time

from lintas.core.jsonio import InputError, OutputError, read_json, write_json

from .model import InvalidInstance, parse_instance
from .solver import schedule

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lintas schedule",
        description="Schedule accepted B2B meeting requests into slots and tables.",
    )
    parser.add_argument("input", help="instance JSON file")
    parser.add_argument("-o", "--output", required=True, help="where to write the schedule JSON")
    parser.add_argument(
        "--time-limit", type=float, default=10.0, help="seconds to search (default 10)"
    )
    return parser


def main(argv: list[str]) -> int:
    """Run the command; 0 on success, 2 on bad input (nothing written, reasons on stderr)."""
    started = time.perf_counter()
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse already printed its message
        return int(exc.code or 0)
    if not args.time_limit > 0:
        print("error: --time-limit must be positive", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        data = read_json(args.input)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        instance = parse_instance(data)
    except InvalidInstance as exc:
        for message in exc.errors:
            print(f"error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    # The limit is the command's: reading and checking a large file already took some of it.
    remaining = max(0.5, args.time_limit - (time.perf_counter() - started))
    result = schedule(instance, time_limit=remaining)
    try:
        write_json(args.output, result.to_json(), indent=1)
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(
        f"{len(result.meetings)} meetings, {len(result.unscheduled)} unscheduled, "
        f"objective {result.objective}, bound {result.bound}, {result.status}, "
        f"{result.seconds:.2f} s",
        file=sys.stderr,
    )
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
