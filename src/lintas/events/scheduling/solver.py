"""The public ``schedule`` function: heuristic, bound, exact solve on small events, reasons."""

from __future__ import annotations

import random
import time
from collections.abc import Mapping

from .bound import cpsat_solve, target_set
from .heuristic import Problem, State, greedy, improve
from .model import Instance, InvalidInstance, Meeting, Result, Unscheduled, validate
from .reasons import explain

#: Events up to this many participants are solved to proven optimality with CP-SAT.
EXACT_MAX_PARTICIPANTS = 50


def build_problem(instance: Instance, previous: Mapping[str, int] | None = None) -> Problem:
    """Integer form of ``instance``; ``previous`` maps request id -> slot of an earlier run."""
    index = {p.id: i for i, p in enumerate(instance.participants)}
    avail = [p.available for p in instance.participants]
    previous = previous or {}
    a, b, w, common, fixed, prev = [], [], [], [], [], []
    for r in instance.requests:
        ia, ib = index[r.a], index[r.b]
        a.append(ia)
        b.append(ib)
        w.append(r.priority)
        common.append(sorted(avail[ia] & avail[ib]))
        fixed.append(instance.fixed.get(r.id, -1))
        s = previous.get(r.id, -1)
        prev.append(s if isinstance(s, int) and 0 <= s < instance.slots else -1)
    cap = instance.tables if instance.tables > 0 else len(instance.requests) + 1
    return Problem(instance.slots, cap, len(index), a, b, w, common, fixed, prev)


def _clean(value: float) -> float:
    value = round(value, 9)
    return int(value) if float(value).is_integer() else value


def schedule(
    instance: Instance,
    *,
    time_limit: float = 10.0,
    previous: Mapping[str, int] | None = None,
    seed: int = 0,
    workers: int = 2,
    exact_max_participants: int = EXACT_MAX_PARTICIPANTS,
) -> Result:
    """Schedule accepted meeting requests into slots and tables, maximising total priority.

    With ``previous`` (request id -> slot from an earlier run) the search is lexicographic:
    the priority sum first, then the fewest meetings moved away from their previous slot (or
    dropped). Small events (at most ``exact_max_participants``) are solved with CP-SAT to
    proven optimality within ``time_limit``; larger ones by greedy construction plus
    ejection-chain local search, with an LP relaxation bound.
    """
    start = time.perf_counter()
    # keep a margin for building the answer (reasons, tables) inside the caller's limit
    deadline = start + max(0.2, 0.95 * time_limit - 0.3)
    errors = validate(instance)
    if errors:
        raise InvalidInstance(errors)
    p = build_problem(instance, previous)
    rng = random.Random(seed)
    st = State(p)
    for r, s in enumerate(p.fixed):
        if s >= 0:
            st.place(r, s)
    exact = len(instance.participants) <= exact_max_participants
    target: list[int] | None = None
    bound: float | None = None
    if not exact:
        budget = max(1.0, 0.5 * (deadline - time.perf_counter()))
        target, bound = target_set(p, time_limit=budget, keep=p.previous if previous else None)
    if previous:
        # Keep what was agreed before, highest priority first, where it still fits.
        wanted = range(len(p.a)) if target is None else target
        for r in sorted(wanted, key=lambda r: -p.w[r]):
            s = p.previous[r]
            if st.slot_of[r] < 0 and s >= 0 and s in p.common[r] and st.is_free(r, s):
                st.place(r, s)
    if target is not None:
        # Give the target set's meetings their slots before anything else can take them.
        greedy(st, rng, only=target)
        share = time.perf_counter() + 0.5 * (deadline - time.perf_counter())
        improve(st, rng, share, bound, only=target)
    if bound is None or st.value < bound - 1e-9:
        greedy(st, rng)

    status = "feasible"
    if exact:
        import ortools.sat.python.cp_model  # noqa: F401  (the import alone takes ~1 s; count it)

        remaining = max(0.5, deadline - time.perf_counter())
        slots, value, cp_bound, name, _ = cpsat_solve(
            p,
            time_limit=remaining * (0.7 if previous else 1.0),
            workers=workers,
            hint=st.slot_of,
            seed=seed,
        )
        if value >= st.value - 1e-9 and name in ("OPTIMAL", "FEASIBLE"):
            if previous and name == "OPTIMAL":
                remaining = max(0.3, deadline - time.perf_counter())
                slots2, _, _, name2, _ = cpsat_solve(
                    p,
                    time_limit=remaining,
                    workers=workers,
                    hint=slots,
                    fix_value=value,
                    minimize_moves=True,
                    seed=seed,
                )
                if name2 in ("OPTIMAL", "FEASIBLE"):
                    slots = slots2
            _load(st, slots)
        bound = cp_bound
        status = "optimal" if name == "OPTIMAL" else "feasible"
    else:
        improve(st, rng, deadline, bound)
    if bound is not None:
        bound = max(bound, st.value)  # float noise only; a true bound is never below a solution
        if st.value >= bound - 1e-6:
            status = "optimal"
    return _result(instance, p, st, bound, status, time.perf_counter() - start)


def _load(st: State, slots: list[int]) -> None:
    for r in range(len(slots)):
        if st.slot_of[r] >= 0:
            st.remove(r)
    for r, s in enumerate(slots):
        if s >= 0:
            st.place(r, s)


def _result(
    instance: Instance, p: Problem, st: State, bound: float | None, status: str, seconds: float
) -> Result:
    names = [x.id for x in instance.participants]
    degree = [0] * p.people
    for r in range(len(p.a)):
        degree[p.a[r]] += 1
        degree[p.b[r]] += 1
    avail = [len(x.available) for x in instance.participants]
    meetings = []
    for s in range(p.slots):
        rids = sorted(instance.requests[r].id for r in st.members[s])
        meetings.extend(Meeting(rid, s, table) for table, rid in enumerate(rids))
    meetings.sort(key=lambda m: (m.slot, m.table))
    unscheduled = [
        Unscheduled(instance.requests[r].id, explain(st, r, names, degree, avail))
        for r in range(len(p.a))
        if st.slot_of[r] < 0
    ]
    moved = sum(1 for r, s in enumerate(p.previous) if s >= 0 and st.slot_of[r] != s)
    dropped = sum(1 for r, s in enumerate(p.previous) if s >= 0 and st.slot_of[r] < 0)
    objective = sum(p.w[r] for r in range(len(p.a)) if st.slot_of[r] >= 0)
    return Result(
        meetings=meetings,
        unscheduled=unscheduled,
        objective=_clean(objective),
        bound=None if bound is None else _clean(bound),
        seconds=seconds,
        status=status,
        moved=moved,
        dropped=dropped,
    )
