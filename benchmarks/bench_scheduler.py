"""Benchmark of the matchmaking scheduler against OR-Tools CP-SAT on generated events.

    python benchmarks/bench_scheduler.py            # full: the two issue sizes, CP-SAT 10 s/60 s
    python benchmarks/bench_scheduler.py --quick    # small sizes, short limits (about a minute)

Instances are seeded and skewed like real matchmaking days: the target of each request is
drawn with Zipf-like popularity (a few participants get dozens of requests), many people are
only there for part of the day, priorities are mostly 1 with some 2s and 3s, and about 1% of
the requests are fixed in advance. CP-SAT runs in the same process on the same model with
num_workers=2; our solver gets the same two cores.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

from lintas.events.scheduling import Instance, Participant, Request, schedule  # noqa: E402
from lintas.events.scheduling.bound import cpsat_solve  # noqa: E402
from lintas.events.scheduling.solver import build_problem  # noqa: E402

FULL_SIZES = [(500, 3000, 16, 150), (2000, 15000, 16, 500)]
QUICK_SIZES = [(40, 150, 8, 8), (200, 1000, 12, 60)]


def generate(people: int, requests: int, slots: int, tables: int, *, seed: int = 1) -> Instance:
    """A seeded, skewed matchmaking instance (see the module docstring)."""
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


def check(instance: Instance, result) -> None:
    """Fail loudly if a schedule breaks a rule (the benchmark must not report bad figures)."""
    avail = {p.id: p.available for p in instance.participants}
    reqs = {r.id: r for r in instance.requests}
    seen, per_slot = set(), {}
    for m in result.meetings:
        r = reqs[m.request]
        assert m.slot in avail[r.a] and m.slot in avail[r.b], m
        for who in (r.a, r.b):
            assert (who, m.slot) not in seen, m
            seen.add((who, m.slot))
        per_slot[m.slot] = per_slot.get(m.slot, 0) + 1
    assert all(c <= instance.tables for c in per_slot.values()) or not instance.tables
    by_id = {m.request: m.slot for m in result.meetings}
    assert all(by_id.get(rid) == s for rid, s in instance.fixed.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and short limits")
    parser.add_argument("--ours", type=float, default=None, help="our time limit (s)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-cpsat", action="store_true", help="skip the CP-SAT baseline")
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else FULL_SIZES
    ours_limit = args.ours or (3.0 if args.quick else 10.0)
    cp_limits = (2.0, 6.0) if args.quick else (10.0, 60.0)
    print(f"seed {args.seed}; our limit {ours_limit:g} s; CP-SAT limits {cp_limits} s, 2 workers")
    for people, nreq, slots, tables in sizes:
        inst = generate(people, nreq, slots, tables, seed=args.seed)
        print(f"\n== {people} participants / {nreq} requests / {slots} slots / {tables} tables")
        t = time.perf_counter()
        res = schedule(inst, time_limit=ours_limit, seed=args.seed)
        wall = time.perf_counter() - t
        check(inst, res)
        print(
            f"ours:    objective {res.objective}  bound {res.bound}  status {res.status}  "
            f"{wall:.2f} s  ({len(res.meetings)} meetings)"
        )
        if args.no_cpsat:
            continue
        problem = build_problem(inst)
        for limit in cp_limits:
            _, value, cp_bound, name, secs = cpsat_solve(problem, time_limit=limit, workers=2)
            print(
                f"CP-SAT {limit:>4g} s: objective {value:g}  bound {cp_bound:g}  "
                f"status {name}  {secs:.2f} s"
            )
        gap = None if res.bound is None else res.bound - res.objective
        print(f"our gap to our bound: {gap}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
