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
    dropped). Events are solved by construction guided by the LP relaxation (which also gives
    the bound), ejection- and Kempe-chain local search, and restarts (see :func:`_heuristic`);
    small ones (at most ``exact_max_participants``) then by CP-SAT when that did not prove its
    schedule optimal (see :func:`_exact`).
    """
    start = time.perf_counter()
    # keep a margin for building the answer (reasons, tables) inside the caller's limit
    deadline = start + max(0.2, 0.95 * time_limit - 0.3)
    errors = validate(instance)
    if errors:
        raise InvalidInstance(errors)
    p = build_problem(instance, previous)
    rng = random.Random(seed)
    if len(instance.participants) <= exact_max_participants:
        st, bound, status = _exact(p, rng, deadline, bool(previous), workers, seed)
    else:
        st, bound = _heuristic(p, rng, deadline, bool(previous))
        status = "feasible"
    if bound is not None:
        bound = max(bound, st.value)  # float noise only; a true bound is never below a solution
        if st.value >= bound - 1e-6:
            status = "optimal"
    return _result(instance, p, st, bound, status, time.perf_counter() - start)


def _start(p: Problem, rescheduling: bool, wanted: list[int] | None = None) -> State:
    """A state with the fixed meetings, and with ``previous`` the earlier slots that still fit.

    ``wanted`` limits the kept meetings to the target set, so that none of them can block it.
    """
    st = State(p)
    for r, s in enumerate(p.fixed):
        if s >= 0:
            st.place(r, s)
    if rescheduling:
        # Keep what was agreed before, highest priority first, where it still fits.
        for r in sorted(range(len(p.a)) if wanted is None else wanted, key=lambda r: -p.w[r]):
            s = p.previous[r]
            if st.slot_of[r] < 0 and s >= 0 and s in p.common[r] and st.is_free(r, s):
                st.place(r, s)
    return st


def _exact(
    p: Problem, rng: random.Random, deadline: float, rescheduling: bool, workers: int, seed: int
) -> tuple[State, float | None, str]:
    """Small events: the LP-guided search first, CP-SAT for what it does not prove.

    The search usually reaches the LP bound within milliseconds, which proves the priority sum
    optimal without even importing CP-SAT (1-3 s on a busy machine). Otherwise CP-SAT solves
    the whole model, hinted with the search's schedule. When re-scheduling, a second CP-SAT
    phase keeps the optimal priority sum and minimises the moves, which the search does not
    prove.
    """
    quick = time.perf_counter() + 0.2 * (deadline - time.perf_counter())
    st, bound = _heuristic(p, rng, quick, rescheduling)
    proven = bound is not None and st.value >= bound - 1e-9
    if proven and not rescheduling:
        return st, bound, "optimal"
    slots, value, name = list(st.slot_of), st.value, "OPTIMAL" if proven else "FEASIBLE"
    if not proven:
        remaining = max(0.5, deadline - time.perf_counter())
        cp_slots, cp_value, cp_bound, cp_name, _ = cpsat_solve(
            p,
            time_limit=remaining * (0.7 if rescheduling else 1.0),
            workers=workers,
            hint=st.slot_of,
            seed=seed,
        )
        if cp_name in ("OPTIMAL", "FEASIBLE"):  # otherwise its bound means nothing
            bound = cp_bound if bound is None else min(bound, cp_bound)
            if cp_value >= value - 1e-9:
                slots, value, name = cp_slots, cp_value, cp_name
    if rescheduling and name == "OPTIMAL":
        remaining = max(0.3, deadline - time.perf_counter())
        fewer, _, _, name2, _ = cpsat_solve(
            p,
            time_limit=remaining,
            workers=workers,
            hint=slots,
            fix_value=value,
            minimize_moves=True,
            seed=seed,
        )
        if name2 in ("OPTIMAL", "FEASIBLE"):
            slots = fewer
    _load(st, slots)
    return st, bound, "optimal" if name == "OPTIMAL" else "feasible"


def _heuristic(
    p: Problem, rng: random.Random, deadline: float, rescheduling: bool
) -> tuple[State, float | None]:
    """LP-guided construction, then local search, restarted while time is left (larger events).

    The LP relaxation gives the bound and a target set of requests worth as much; see
    :func:`_construct` for how the target is put into slots. The best construction is filled
    up with the other requests and improved by local search over everything. If that stalls
    below the bound with time left, the whole attempt starts again from another, randomly
    picked target of the same value (and fresh random tie-breaks), keeping the best schedule.
    """
    keep = p.previous if rescheduling else None
    started = time.perf_counter()
    budget = max(1.0, 0.5 * (deadline - started))
    target, bound = target_set(p, time_limit=budget, keep=keep)
    lp_seconds = time.perf_counter() - started
    if target is None:  # the LP did not finish: no target, no bound
        st = _start(p, rescheduling)
        greedy(st, rng)
        improve(st, rng, deadline, None)
        return st, None
    penalty = [0] * len(p.a)
    best: State | None = None
    while True:
        # Construction gets a third of what is left: where its target cannot be placed whole
        # (availability in contiguous blocks, say), the search over everything does better.
        share = time.perf_counter() + 0.3 * (deadline - time.perf_counter())
        if best is not None:  # start again from another of the equally valuable targets
            budget = max(0.5, share - time.perf_counter())
            target, _ = target_set(p, time_limit=budget, keep=keep, penalty=penalty, noise=rng)
            if target is None:
                return best, bound
        st = _construct(p, rng, rescheduling, target, bound, penalty, share)
        if st.value < bound - 1e-9:
            greedy(st, rng)
            improve(st, rng, deadline, bound)
        if best is None or (st.value, -st.moves) > (best.value + 1e-9, -best.moves):
            best = st
        # another attempt needs at least a few LP solves' worth of time to be worth starting
        if best.value >= bound - 1e-9 or deadline - time.perf_counter() < 4 * lp_seconds:
            return best, bound


def _construct(
    p: Problem,
    rng: random.Random,
    rescheduling: bool,
    target: list[int],
    bound: float,
    penalty: list[int],
    until: float,
) -> State:
    """Put the target set into slots, re-targeting away from what could not be placed.

    Greedy over the target, then ejection and Kempe chains restricted to it. If some of it
    could not be placed, the LP is solved again with a tiny penalty on those requests (kept in
    ``penalty`` across attempts), which steers it to an equally valuable target without them
    where one exists, and the construction restarts from that; until ``until``, the whole
    target placed, or three rounds without progress. Returns the best construction.
    """
    keep = p.previous if rescheduling else None
    best: State | None = None
    stale = 0
    while True:
        st = _start(p, rescheduling, wanted=target)
        greedy(st, rng, only=target)
        improve(st, rng, until, bound, only=target)
        if best is None or (st.value, -st.moves) > (best.value + 1e-9, -best.moves):
            best, stale = st, 0
        else:
            stale += 1
        missing = [r for r in target if st.slot_of[r] < 0]
        if not missing or stale >= 3 or time.perf_counter() >= until:
            return best
        for r in missing:
            penalty[r] += 1
        budget = max(0.5, until - time.perf_counter())
        target, _ = target_set(p, time_limit=budget, keep=keep, penalty=penalty, noise=rng)
        if target is None:
            return best


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
