"""``solve()``: check the input, build the flow problem, and read the assignment back.

Solved exactly by OR-Tools' cost-scaling min-cost flow (see ``flow``); when no
assignment exists, ``reasons`` says why.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Sequence
from operator import attrgetter

import numpy as np

from .flow import Problem, solve_flow
from .model import Agent, InputError, Pair, Result, Score, ScoreTable, Target
from .reasons import cut_infeasibility, quick_infeasibility


def solve(
    *,
    agents: Sequence[Agent],
    targets: Sequence[Target],
    scores: Sequence[Score] | ScoreTable,
    forbidden: Iterable[Pair] = (),
) -> Result:
    """Maximise the total score of the assignment within all bounds.

    Raises InputError on malformed input (nothing is solved then); an impossible but
    well-formed problem returns status "infeasible" with a message naming the
    binding constraint, because the caller (a programme officer) has to fix the data.
    """
    start = time.perf_counter()
    agent_index, a_lo, a_hi = _index_nodes(agents, "agent")
    target_index, t_lo, t_hi = _index_nodes(targets, "target")
    n_targets = len(target_index)

    banned: set[int] = set()
    for i, pair in enumerate(forbidden):
        a, t = _pair_indices(pair, i, "forbidden", agent_index, target_index)
        key = a * n_targets + t
        if key in banned:
            raise InputError(f"forbidden[{i}]: duplicate pair ({pair.agent!r}, {pair.target!r})")
        banned.add(key)

    # Columns and map() over C-level getters keep 500k pairs near a second; errors are
    # located by a slow second pass only when something is wrong.
    if isinstance(scores, ScoreTable):
        s_agent, s_target, s_value = scores.agents, scores.targets, scores.values
        if not len(s_agent) == len(s_target) == len(s_value):
            raise InputError("ScoreTable columns differ in length")
    else:
        s_agent, s_target = list(map(_AGENT, scores)), list(map(_TARGET, scores))
        s_value = list(map(_SCORE, scores))
    n = len(s_agent)
    try:
        arc_a = np.fromiter(map(agent_index.__getitem__, s_agent), np.int64, n)
        arc_t = np.fromiter(map(target_index.__getitem__, s_target), np.int64, n)
    except (KeyError, TypeError):
        for i, (a, t) in enumerate(zip(s_agent, s_target, strict=True)):
            _pair_indices(Pair(agent=a, target=t), i, "scores", agent_index, target_index)
        raise
    if not all(map(_is_number_type, set(map(type, s_value)))):
        i = next(i for i, v in enumerate(s_value) if not _is_number_type(type(v)))
        raise InputError(f"scores[{i}]: score must be a number, got {s_value[i]!r}")
    try:
        value = np.fromiter(s_value, np.float64, n)
    except OverflowError:  # an integer beyond float range
        value = np.array([v if abs(v) < 1e308 else math.inf for v in s_value], np.float64)
    bad = np.flatnonzero(~np.isfinite(value))
    if bad.size:
        i = int(bad[0])
        raise InputError(f"scores[{i}]: score must be finite, got {s_value[i]!r}")
    keys = arc_a * n_targets + arc_t
    order = np.argsort(keys, kind="stable")
    dup = np.flatnonzero(keys[order][1:] == keys[order][:-1])
    if dup.size:
        i = int(order[dup[0] + 1])
        raise InputError(f"scores[{i}]: duplicate pair ({s_agent[i]!r}, {s_target[i]!r})")
    if banned:
        allowed = ~np.isin(keys, np.fromiter(banned, np.int64, len(banned)))
        arc_a, arc_t, value = arc_a[allowed], arc_t[allowed], value[allowed]

    problem = Problem(
        agent_ids=list(agent_index),
        target_ids=list(target_index),
        a_lo=a_lo,
        a_hi=a_hi,
        t_lo=t_lo,
        t_hi=t_hi,
        arc_a=arc_a,
        arc_t=arc_t,
        value=value,
    )
    message = quick_infeasibility(problem)
    chosen = None if message else solve_flow(problem)
    if chosen is None:
        message = message or cut_infeasibility(problem)
        return Result(status="infeasible", message=message, seconds=time.perf_counter() - start)
    order = np.lexsort((arc_t[chosen], arc_a[chosen]))
    chosen = chosen[order]
    a_ids, t_ids = problem.agent_ids, problem.target_ids
    assignments = [
        Pair(agent=a_ids[a], target=t_ids[t])
        for a, t in zip(arc_a[chosen].tolist(), arc_t[chosen].tolist(), strict=True)
    ]
    return Result(
        status="optimal",
        assignments=assignments,
        objective=math.fsum(value[chosen].tolist()),
        seconds=time.perf_counter() - start,
    )


_AGENT, _TARGET, _SCORE = attrgetter("agent"), attrgetter("target"), attrgetter("score")


def _is_number_type(kind: type) -> bool:
    return issubclass(kind, int | float | np.integer | np.floating) and not issubclass(
        kind, bool | np.bool_
    )


def _is_int(x: object) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _index_nodes(items: Sequence[Agent | Target], kind: str):
    index: dict[str, int] = {}
    lo = np.zeros(len(items), np.int64)
    hi = np.zeros(len(items), np.int64)
    for i, item in enumerate(items):
        where = f"{kind}s[{i}]"
        if not isinstance(item.id, str) or not item.id:
            raise InputError(f"{where}: id must be a non-empty string, got {item.id!r}")
        if item.id in index:
            raise InputError(f"{where}: duplicate {kind} id {item.id!r}")
        if not _is_int(item.min) or not _is_int(item.max):
            raise InputError(f"{kind} {item.id!r}: min and max must be integers")
        if item.min < 0:
            raise InputError(f"{kind} {item.id!r}: min {item.min} is negative")
        if item.min > item.max:
            raise InputError(f"{kind} {item.id!r}: min {item.min} is greater than max {item.max}")
        index[item.id] = i
        # Bounds past the number of pairs mean nothing (they are capped to the pair
        # count later); this cap only keeps absurd values inside int64.
        lo[i] = min(item.min, 2**62)
        hi[i] = min(item.max, 2**62)
    return index, lo, hi


def _pair_indices(pair, i, where, agent_index, target_index) -> tuple[int, int]:
    if not isinstance(pair.agent, str) or not isinstance(pair.target, str):
        raise InputError(f"{where}[{i}]: agent and target must be strings")
    a = agent_index.get(pair.agent)
    if a is None:
        raise InputError(f"{where}[{i}]: unknown agent {pair.agent!r}")
    t = target_index.get(pair.target)
    if t is None:
        raise InputError(f"{where}[{i}]: unknown target {pair.target!r}")
    return a, t
