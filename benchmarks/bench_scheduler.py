"""Benchmark of ``lintas schedule`` against OR-Tools CP-SAT on generated events.

    python benchmarks/bench_scheduler.py            # both kinds, the two issue sizes (~10 min)
    python benchmarks/bench_scheduler.py --long     # also CP-SAT at 600 s (another ~25 min)
    python benchmarks/bench_scheduler.py --quick    # small sizes, short limits (a few minutes)
    python benchmarks/bench_scheduler.py --kinds powerlaw
    python benchmarks/bench_scheduler.py --baseline-src /tmp/old/src   # an earlier version too

Two seeded kinds of instance:

``powerlaw`` (issue 19): both people of a request are drawn with popularity proportional to
1/(rank+1)^0.7, so a few participants attract many requests, as at real brokerage events;
each participant is available in a random 50-95 % of the slots; priorities drawn from
1, 1, 1, 2, 3; nothing fixed.

``mixed`` (the first benchmark): one person of 80 % of the requests drawn with popularity
1/(rank+1)^0.9, 60 % of people there all day, 25 % a contiguous block, 15 % a random subset;
priorities 1/2/3 in proportion 4/2/1; 1 % of the requests fixed in advance.

Ours is the real command, ``lintas schedule IN.json -o OUT.json --time-limit 10``, run as a
subprocess and timed from outside (process start and JSON included); its output is checked
against every rule. CP-SAT runs afterwards in this process on the same model with
``num_workers=2``, so both get the same two cores; the machine's load average is printed
because other jobs share those cores: compare figures only within one run.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time

SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "src"))
sys.path.insert(0, SRC)

from lintas.events.scheduling import Instance, Participant, Request, instance_to_json  # noqa: E402
from lintas.events.scheduling.bound import cpsat_solve  # noqa: E402
from lintas.events.scheduling.solver import build_problem  # noqa: E402

FULL_SIZES = [(500, 3000, 16, 150), (2000, 15000, 16, 500)]
QUICK_SIZES = [(40, 150, 8, 8), (200, 1000, 12, 60)]


def generate_powerlaw(
    people: int, requests: int, slots: int, tables: int, *, seed: int = 1
) -> Instance:
    """Power-law popularity on both sides, 50-95 % availability, priorities 1,1,1,2,3."""
    rng = random.Random(seed)
    participants = []
    for i in range(people):
        count = round(rng.uniform(0.5, 0.95) * slots)
        participants.append(Participant(f"p{i}", frozenset(rng.sample(range(slots), count))))
    popularity = [1.0 / (rank + 1) ** 0.7 for rank in range(people)]
    rng.shuffle(popularity)
    cumulative = list(itertools.accumulate(popularity))
    pairs: set[tuple[int, int]] = set()
    reqs = []
    while len(reqs) < requests:
        a, b = rng.choices(range(people), cum_weights=cumulative, k=2)
        if a == b or (min(a, b), max(a, b)) in pairs:
            continue
        pairs.add((min(a, b), max(a, b)))
        priority = rng.choice((1, 1, 1, 2, 3))
        reqs.append(Request(f"r{len(reqs)}", f"p{a}", f"p{b}", float(priority)))
    return Instance(slots, tables, tuple(participants), tuple(reqs), {})


def generate_mixed(
    people: int, requests: int, slots: int, tables: int, *, seed: int = 1
) -> Instance:
    """The first benchmark's instances (see the module docstring)."""
    rng = random.Random(seed)
    participants = []
    for i in range(people):
        kind = rng.random()
        if kind < 0.6:
            avail = set(range(slots))
        elif kind < 0.85:  # arrives late or leaves early
            length = rng.randint(max(1, slots // 2), slots)
            first = rng.randint(0, slots - length)
            avail = set(range(first, first + length))
        else:  # busy here and there
            avail = set(rng.sample(range(slots), rng.randint(max(1, slots // 2), slots - 1)))
        participants.append(Participant(f"p{i}", frozenset(avail)))
    popularity = [1.0 / (rank + 1) ** 0.9 for rank in range(people)]
    rng.shuffle(popularity)
    cumulative = list(itertools.accumulate(popularity))
    pairs: set[tuple[int, int]] = set()
    reqs = []
    while len(reqs) < requests:
        a = rng.randrange(people)
        b = rng.choices(range(people), cum_weights=cumulative)[0] if rng.random() < 0.8 else None
        if b is None:
            b = rng.randrange(people)
        if a == b or (min(a, b), max(a, b)) in pairs:
            continue
        pairs.add((min(a, b), max(a, b)))
        priority = rng.choice((1, 1, 1, 1, 2, 2, 3))
        reqs.append(Request(f"r{len(reqs)}", f"p{a}", f"p{b}", float(priority)))
    fixed: dict[str, int] = {}
    busy: set[tuple[str, int]] = set()
    per_slot = [0] * slots
    avail = {p.id: p.available for p in participants}
    for r in rng.sample(reqs, len(reqs) // 100):
        common = sorted(avail[r.a] & avail[r.b])
        rng.shuffle(common)
        for s in common:
            if (r.a, s) not in busy and (r.b, s) not in busy and per_slot[s] < tables:
                fixed[r.id] = s
                busy.update({(r.a, s), (r.b, s)})
                per_slot[s] += 1
                break
    return Instance(slots, tables, tuple(participants), tuple(reqs), fixed)


GENERATORS = {"powerlaw": generate_powerlaw, "mixed": generate_mixed}


def check(instance: Instance, output: dict) -> float:
    """The objective of ``output``; fails loudly if the schedule breaks a rule."""
    avail = {p.id: p.available for p in instance.participants}
    reqs = {r.id: r for r in instance.requests}
    seen, tables, per_slot = set(), set(), {}
    for m in output["meetings"]:
        r = reqs[m["request"]]
        slot = m["slot"]
        assert slot in avail[r.a] and slot in avail[r.b], m
        for who in (r.a, r.b):
            assert (who, slot) not in seen, m
            seen.add((who, slot))
        assert (slot, m["table"]) not in tables, m
        tables.add((slot, m["table"]))
        assert not instance.tables or 0 <= m["table"] < instance.tables, m
        per_slot[slot] = per_slot.get(slot, 0) + 1
    by_id = {m["request"]: m["slot"] for m in output["meetings"]}
    assert len(by_id) == len(output["meetings"])
    assert all(by_id.get(rid) == s for rid, s in instance.fixed.items())
    assert len(by_id) + len(output["unscheduled"]) == len(reqs)
    value = sum(reqs[rid].priority for rid in by_id)
    assert abs(value - output["objective"]) < 1e-6, (value, output["objective"])
    return value


def run_command(instance: Instance, limit: float, src: str = SRC) -> tuple[dict, float]:
    """Run ``lintas schedule`` on ``instance`` as a user would; (its output, wall seconds).

    ``src`` is the source tree to run, e.g. an older version unpacked with ``git archive``.
    """
    with tempfile.TemporaryDirectory() as folder:
        given, out = os.path.join(folder, "in.json"), os.path.join(folder, "out.json")
        with open(given, "w", encoding="utf-8") as fh:
            json.dump(instance_to_json(instance), fh)
        command = [sys.executable, "-m", "lintas.cli", "schedule", given, "-o", out]
        env = {**os.environ, "PYTHONPATH": src}
        start = time.perf_counter()
        done = subprocess.run(
            [*command, "--time-limit", f"{limit:g}"], env=env, capture_output=True, text=True
        )
        if done.returncode:
            raise RuntimeError(f"lintas schedule exited {done.returncode}: {done.stderr}")
        wall = time.perf_counter() - start
        with open(out, encoding="utf-8") as fh:
            return json.load(fh), wall


def load() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and short limits")
    parser.add_argument("--long", action="store_true", help="also CP-SAT at 600 s")
    parser.add_argument("--kinds", default="powerlaw,mixed", help="powerlaw, mixed or both")
    parser.add_argument("--ours", type=float, default=None, help="our time limit (s)")
    parser.add_argument("--cpsat", default=None, help="CP-SAT limits, comma-separated (s)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-cpsat", action="store_true", help="skip the CP-SAT baseline")
    parser.add_argument(
        "--baseline-src",
        help="also run lintas schedule from this source tree (e.g. an earlier commit's src/)",
    )
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else FULL_SIZES
    ours_limit = args.ours or (3.0 if args.quick else 10.0)
    if args.cpsat:
        cp_limits = [float(x) for x in args.cpsat.split(",")]
    else:
        cp_limits = [2.0, 6.0] if args.quick else [10.0, 60.0]
    if args.long:
        cp_limits.append(600.0)
    if args.no_cpsat:
        cp_limits = []
    print(f"seed {args.seed}; lintas schedule --time-limit {ours_limit:g}; CP-SAT {cp_limits} s")
    print(f"{os.cpu_count()} cores; {load()}")
    for kind in args.kinds.split(","):
        for people, nreq, slots, tables in sizes:
            inst = GENERATORS[kind](people, nreq, slots, tables, seed=args.seed)
            print(
                f"\n== {kind}: {people} participants / {nreq} requests / {slots} slots / "
                f"{tables} tables",
                flush=True,
            )
            output, wall = run_command(inst, ours_limit)
            value = check(inst, output)
            gap = None if output["bound"] is None else output["bound"] - value
            print(
                f"lintas schedule: objective {value:g}  bound {output['bound']}  "
                f"(gap {gap})  {wall:.2f} s wall, {output['seconds']:.2f} s inside  "
                f"({len(output['meetings'])} meetings)  [{load()}]",
                flush=True,
            )
            if args.baseline_src:
                old, old_wall = run_command(inst, ours_limit, args.baseline_src)
                print(
                    f"baseline lintas schedule: objective {check(inst, old):g}  "
                    f"bound {old['bound']}  {old_wall:.2f} s wall  [{load()}]",
                    flush=True,
                )
            problem = build_problem(inst)
            for limit in cp_limits:
                _, cp_value, cp_bound, name, secs = cpsat_solve(
                    problem, time_limit=limit, workers=2, seed=args.seed
                )
                if name in ("OPTIMAL", "FEASIBLE"):
                    verdict = "ours >=" if value >= cp_value else "ours <"
                    found = f"objective {cp_value:g}  bound {cp_bound:g}  ({verdict} CP-SAT)"
                else:
                    found = "no solution"
                print(
                    f"CP-SAT {limit:>4g} s: {found}  status {name}  {secs:.2f} s wall  [{load()}]",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
