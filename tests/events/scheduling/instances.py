"""Instances and checks shared by the scheduler tests."""

from __future__ import annotations

import itertools
import random

import pytest

from lintas.events.scheduling import Instance, Participant, Request


def make_instance(people=30, requests=120, slots=6, tables=4, seed=3, fixed=3) -> Instance:
    rng = random.Random(seed)
    parts = []
    for i in range(people):
        avail = set(rng.sample(range(slots), rng.randint(max(1, slots // 2), slots)))
        parts.append(Participant(f"p{i}", frozenset(avail)))
    weights = [1 / (i + 1) for i in range(people)]
    pairs, reqs = set(), []
    while len(reqs) < requests:
        a = rng.randrange(people)
        b = rng.choices(range(people), weights=weights)[0]
        if a == b or (min(a, b), max(a, b)) in pairs:
            continue
        pairs.add((min(a, b), max(a, b)))
        reqs.append(Request(f"r{len(reqs)}", f"p{a}", f"p{b}", float(rng.choice((1, 1, 2, 3)))))
    fixed_map, busy, per_slot = {}, set(), [0] * slots
    avail = {p.id: p.available for p in parts}
    for r in reqs:
        if len(fixed_map) == fixed:
            break
        for s in sorted(avail[r.a] & avail[r.b]):
            if (r.a, s) not in busy and (r.b, s) not in busy and per_slot[s] < (tables or 99):
                fixed_map[r.id] = s
                busy |= {(r.a, s), (r.b, s)}
                per_slot[s] += 1
                break
    return Instance(slots, tables, tuple(parts), tuple(reqs), fixed_map)


def assert_valid_schedule(instance: Instance, result) -> None:
    avail = {p.id: p.available for p in instance.participants}
    reqs = {r.id: r for r in instance.requests}
    seen_person, seen_table, per_slot = set(), set(), {}
    for m in result.meetings:
        r = reqs[m.request]
        assert m.slot in avail[r.a] and m.slot in avail[r.b]
        for who in (r.a, r.b):
            assert (who, m.slot) not in seen_person
            seen_person.add((who, m.slot))
        assert (m.slot, m.table) not in seen_table
        seen_table.add((m.slot, m.table))
        per_slot[m.slot] = per_slot.get(m.slot, 0) + 1
        if instance.tables:
            assert 0 <= m.table < instance.tables
    if instance.tables:
        assert max(per_slot.values(), default=0) <= instance.tables
    slots = {m.request: m.slot for m in result.meetings}
    assert {rid: slots.get(rid) for rid in instance.fixed} == dict(instance.fixed)
    scheduled = {m.request for m in result.meetings}
    assert len(scheduled) == len(result.meetings)
    assert scheduled | {u.request for u in result.unscheduled} == set(reqs)
    assert result.objective == pytest.approx(sum(reqs[rid].priority for rid in scheduled))
    assert result.bound is None or result.bound >= result.objective - 1e-9


def make_powerlaw_instance(people=60, requests=240, slots=6, tables=12, seed=1) -> Instance:
    """Like benchmarks/bench_scheduler.py's ``powerlaw`` kind, small enough for CP-SAT.

    Both people of a request drawn with popularity 1/(rank+1)^0.7, each available in a random
    50-95 % of the slots, priorities from 1, 1, 1, 2, 3.
    """
    rng = random.Random(seed)
    parts = []
    for i in range(people):
        count = round(rng.uniform(0.5, 0.95) * slots)
        parts.append(Participant(f"p{i}", frozenset(rng.sample(range(slots), count))))
    popularity = [1.0 / (rank + 1) ** 0.7 for rank in range(people)]
    rng.shuffle(popularity)
    cumulative = list(itertools.accumulate(popularity))
    pairs, reqs = set(), []
    while len(reqs) < requests:
        a, b = rng.choices(range(people), cum_weights=cumulative, k=2)
        if a == b or (min(a, b), max(a, b)) in pairs:
            continue
        pairs.add((min(a, b), max(a, b)))
        reqs.append(Request(f"r{len(reqs)}", f"p{a}", f"p{b}", float(rng.choice((1, 1, 1, 2, 3)))))
    return Instance(slots, tables, tuple(parts), tuple(reqs), {})
