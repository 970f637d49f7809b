"""Command-line front of the matchmaking scheduler: ``lintas schedule IN.json -o OUT.json``.

The algorithm lives in :mod:`lintas.events.scheduling`; this module re-exports its API so the
Django side can ``from lintas.events.scheduler import schedule, validate, Instance``.
"""

from __future__ import annotations

import argparse
import sys

from lintas.core.jsonio import InputError, OutputError, read_json, write_json

from .scheduling import (
    Instance,
    InvalidInstance,
    Meeting,
    Participant,
    Request,
    Result,
    Unscheduled,
    instance_to_json,
    parse_instance,
    schedule,
    validate,
)

__all__ = [
    "Instance",
    "InvalidInstance",
    "Meeting",
    "Participant",
    "Request",
    "Result",
    "Unscheduled",
    "instance_to_json",
    "main",
    "parse_instance",
    "schedule",
    "validate",
]


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
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse already printed its message
        return int(exc.code or 0)
    if not args.time_limit > 0:
        print("error: --time-limit must be positive", file=sys.stderr)
        return 2
    try:
        data = read_json(args.input)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        instance = parse_instance(data)
    except InvalidInstance as exc:
        for message in exc.errors:
            print(f"error: {message}", file=sys.stderr)
        return 2
    result = schedule(instance, time_limit=args.time_limit)
    try:
        write_json(args.output, result.to_json(), indent=1)
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        f"{len(result.meetings)} meetings, {len(result.unscheduled)} unscheduled, "
        f"objective {result.objective}, bound {result.bound}, {result.status}, "
        f"{result.seconds:.2f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
