"""Assignment solver: reviewers to applications, researchers to hosts.

Both problems are one: *agents* (applications, researchers) get between ``min`` and
``max`` *targets* (reviewers, hosts), each target takes between its own ``min`` and
``max`` agents, only scored pairs may be used (each at most once), forbidden pairs
never, and the sum of the scores of the chosen pairs is maximised.

This is a min-cost flow with lower bounds, solved exactly by OR-Tools' cost-scaling
solver on the network ``hub -> agent [min, max]``, ``agent -> target [0, 1]`` with
cost ``-score``, ``target -> hub [min, max]`` (source and sink merged into one hub,
so the flow value is free). Scores are floats; the solver needs integer costs, so
they are scaled to about 2**30 at the largest magnitude and rounded, and the reported
objective is summed from the original scores.

When no assignment exists, the answer says why: a total, a single agent or target,
or otherwise the violated cut that a max-flow finds (Hoffman's circulation theorem).

Pure module (no Django). Command-line front: ``lintas assign IN.json -o OUT.json``,
see docs/assignment.md for the contract.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import operator
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter

import numpy as np
from ortools.graph.python import max_flow, min_cost_flow

from lintas.core import jsonio

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INFEASIBLE = 3

# Largest integer cost magnitude handed to OR-Tools. Cost scaling multiplies costs by
# (nodes + 1), so this leaves ample room in int64 while rounding scores to ~1e-9 of
# the largest magnitude.
_COST_SCALE = 2**30
_MAX_NAMES = 8


class InputError(ValueError):
    """The problem is malformed: an unknown id, a duplicate, a bad bound."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Agent:
    id: str
    min: int
    max: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    id: str
    max: int
    min: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    agent: str
    target: str
    score: float


@dataclass(slots=True, kw_only=True)
class ScoreTable:
    """Scores as three parallel columns: the cheap form for 10^5+ pairs (JSON input)."""

    agents: list[str]
    targets: list[str]
    values: list[float]


@dataclass(frozen=True, slots=True, kw_only=True)
class Pair:
    agent: str
    target: str


@dataclass(slots=True, kw_only=True)
class Result:
    status: str  # "optimal" | "infeasible"
    assignments: list[Pair] = field(default_factory=list)
    objective: float = 0.0
    message: str = ""
    seconds: float = 0.0

    def to_json(self) -> dict:
        """The output document of ``lintas assign``."""
        out = {
            "assignments": [{"agent": p.agent, "target": p.target} for p in self.assignments],
            "objective": self.objective,
            "status": self.status,
            "seconds": round(self.seconds, 6),
        }
        if self.status != "optimal":
            out["message"] = self.message
        return out


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

    problem = _Problem(
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
    message = _quick_infeasibility(problem)
    chosen = None if message else _min_cost_flow(problem)
    if chosen is None:
        message = message or _cut_infeasibility(problem)
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


@dataclass(slots=True, kw_only=True)
class _Problem:
    agent_ids: list[str]
    target_ids: list[str]
    a_lo: np.ndarray
    a_hi: np.ndarray
    t_lo: np.ndarray
    t_hi: np.ndarray
    arc_a: np.ndarray  # allowed (scored, not forbidden) pairs
    arc_t: np.ndarray
    value: np.ndarray


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


def _names(ids: list[str]) -> str:
    shown = ",".join(ids[:_MAX_NAMES])
    return shown if len(ids) <= _MAX_NAMES else f"{shown} and {len(ids) - _MAX_NAMES} more"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _quick_infeasibility(p: _Problem) -> str:
    """The common, easily named causes: totals, then a single agent or target."""
    a_deg = np.bincount(p.arc_a, minlength=len(p.a_lo))
    t_deg = np.bincount(p.arc_t, minlength=len(p.t_lo))
    need, offer = int(p.a_lo.sum()), int(np.minimum(p.t_hi, t_deg).sum())
    if need > offer:
        return (
            f"agents need at least {_plural(need, 'assignment')} but targets accept at most {offer}"
        )
    need, offer = int(p.t_lo.sum()), int(np.minimum(p.a_hi, a_deg).sum())
    if need > offer:
        return (
            f"targets need at least {_plural(need, 'assignment')} but agents accept at most {offer}"
        )
    for kind, ids, lo, deg, other in (
        ("agent", p.agent_ids, p.a_lo, a_deg, "targets"),
        ("target", p.target_ids, p.t_lo, t_deg, "agents"),
    ):
        short = np.flatnonzero(lo > deg)
        if short.size:
            i = int(short[0])
            more = f" ({short.size - 1} more {kind}s too)" if short.size > 1 else ""
            return (
                f"{kind} {ids[i]} needs {lo[i]} {other} but has only "
                f"{_plural(int(deg[i]), 'allowed (scored, not forbidden) pair')}{more}"
            )
    return ""


def _network(p: _Problem):
    """Arcs of hub(0) -> agents(1..A) -> targets(A+1..) -> hub, with lower bounds moved
    into node supplies (flow = lower bound + flow on the arc of capacity hi - lo)."""
    n_a, n_t = len(p.a_lo), len(p.t_lo)
    a_hi = np.minimum(p.a_hi, np.bincount(p.arc_a, minlength=n_a))
    t_hi = np.minimum(p.t_hi, np.bincount(p.arc_t, minlength=n_t))
    agents = np.arange(1, n_a + 1, dtype=np.int32)
    targets = np.arange(n_a + 1, n_a + n_t + 1, dtype=np.int32)
    tails = np.concatenate([np.zeros(n_a, np.int32), (p.arc_a + 1).astype(np.int32), targets])
    heads = np.concatenate([agents, (p.arc_t + n_a + 1).astype(np.int32), np.zeros(n_t, np.int32)])
    caps = np.concatenate([a_hi - p.a_lo, np.ones(len(p.arc_a), np.int64), t_hi - p.t_lo])
    supplies = np.concatenate([[int(p.t_lo.sum() - p.a_lo.sum())], p.a_lo, -p.t_lo])
    return tails, heads, caps.astype(np.int64), supplies.astype(np.int64)


def _min_cost_flow(p: _Problem) -> np.ndarray | None:
    """Indices of the chosen allowed pairs, or None when no feasible flow exists."""
    tails, heads, caps, supplies = _network(p)
    n_a, n_arcs = len(p.a_lo), len(p.arc_a)
    top = float(np.abs(p.value).max()) if n_arcs else 0.0
    scale = _COST_SCALE / top if top > 0 else 1.0
    costs = np.zeros(len(tails), np.int64)
    costs[n_a : n_a + n_arcs] = -np.rint(p.value * scale).astype(np.int64)
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    smcf.set_nodes_supplies(np.arange(len(supplies), dtype=np.int32), supplies)
    status = smcf.solve()
    if status == smcf.INFEASIBLE:
        return None
    if status != smcf.OPTIMAL:
        raise RuntimeError(f"min-cost flow solver returned status {status}")
    flows = smcf.flows(np.arange(n_a, n_a + n_arcs, dtype=np.int32))
    chosen = np.flatnonzero(flows == 1)
    _check_bounds(p, chosen)
    return chosen


def _check_bounds(p: _Problem, chosen: np.ndarray) -> None:
    # Cheap insurance that the flow decoding is right; never expected to fire.
    a_deg = np.bincount(p.arc_a[chosen], minlength=len(p.a_lo))
    t_deg = np.bincount(p.arc_t[chosen], minlength=len(p.t_lo))
    if (a_deg < p.a_lo).any() or (a_deg > p.a_hi).any():
        raise RuntimeError("solver result violates agent bounds")
    if (t_deg < p.t_lo).any() or (t_deg > p.t_hi).any():
        raise RuntimeError("solver result violates target bounds")


def _cut_infeasibility(p: _Problem) -> str:
    """Name a violated cut: with lower bounds moved into supplies, a max flow from a
    super source to a super sink that cannot carry every supply leaves a node set R
    (source side of the min cut) whose forced inflow exceeds what can leave it."""
    tails, heads, caps, supplies = _network(p)
    n_a, n_t = len(p.a_lo), len(p.t_lo)
    n = n_a + n_t + 1
    src, snk = n, n + 1
    pos, neg = np.flatnonzero(supplies > 0), np.flatnonzero(supplies < 0)
    smf = max_flow.SimpleMaxFlow()
    smf.add_arcs_with_capacity(
        np.concatenate([tails, np.full(pos.size, src), neg]).astype(np.int32),
        np.concatenate([heads, pos, np.full(neg.size, snk)]).astype(np.int32),
        np.concatenate([caps, supplies[pos], -supplies[neg]]).astype(np.int64),
    )
    if smf.solve(src, snk) != smf.OPTIMAL:
        raise RuntimeError("max-flow solver failed while explaining infeasibility")
    in_r = np.zeros(n + 2, bool)
    in_r[np.asarray(smf.get_source_side_min_cut(), dtype=np.int64)] = True
    a_in, t_in = in_r[1 : n_a + 1], in_r[n_a + 1 : n]
    a_cap = np.minimum(p.a_hi, np.bincount(p.arc_a, minlength=n_a))
    t_cap = np.minimum(p.t_hi, np.bincount(p.arc_t, minlength=n_t))
    leaks = int((a_in[p.arc_a] & ~t_in[p.arc_t]).sum())  # allowed pairs leaving R
    if not in_r[0]:
        # Agents in R must get their minimum from targets in R or by pairs leaving R.
        needy, helpers = np.flatnonzero(a_in), np.flatnonzero(t_in)
        return _cut_message(
            ("agent", [p.agent_ids[i] for i in needy], int(p.a_lo[needy].sum())),
            ("target", [p.target_ids[i] for i in helpers], int(t_cap[helpers].sum())),
            leaks,
        )
    # Targets outside R must get their minimum from agents outside R or by pairs into it.
    needy, helpers = np.flatnonzero(~t_in), np.flatnonzero(~a_in)
    return _cut_message(
        ("target", [p.target_ids[i] for i in needy], int(p.t_lo[needy].sum())),
        ("agent", [p.agent_ids[i] for i in helpers], int(a_cap[helpers].sum())),
        leaks,
    )


def _cut_message(needy: tuple, helpers: tuple, leaks: int) -> str:
    (kind, ids, need), (other, helper_ids, cap) = needy, helpers
    needs = "needs" if len(ids) == 1 else "need"
    accept = "accepts" if len(helper_ids) == 1 else "accept"
    them = "it" if len(ids) == 1 else "them"
    head = f"{_group(kind, ids)} {needs} at least {_plural(need, 'assignment')} but"
    if leaks == 0:
        only = f"the only allowed {other}{'' if len(helper_ids) == 1 else 's'} for {them}"
        return f"{head} {_group(other, helper_ids)} ({only}) {accept} at most {cap}"
    pairs = "1 allowed pair links" if leaks == 1 else f"{leaks} allowed pairs link"
    if not helper_ids:
        return f"{head} only {pairs} {them} to {other}s"
    return (
        f"{head} can get at most {cap + leaks}: {_group(other, helper_ids)} {accept} at most "
        f"{cap} and only {pairs} {them} to other {other}s"
    )


def _group(kind: str, ids: list[str]) -> str:
    if not ids:
        return f"no {kind}s"
    return f"{kind} {ids[0]}" if len(ids) == 1 else f"{kind}s {_names(ids)}"


# --- JSON front ---------------------------------------------------------------------

_KEYS = {
    "agents": ({"id", "min", "max"}, set()),
    "targets": ({"id", "max"}, {"min"}),
    "scores": ({"agent", "target", "score"}, set()),
    "forbidden": ({"agent", "target"}, set()),
}
_CLASSES = {"agents": Agent, "targets": Target, "scores": Score, "forbidden": Pair}
_JSON_NUMBER = (int, float)
_SCORE_KEYS = frozenset(_KEYS["scores"][0])


def parse_problem(data: object) -> dict:
    """Check the JSON document's shape and types; return keyword arguments for solve().

    Strict on keys (a misspelt "forbiden" must not be ignored silently). Types are
    tested with type() because json only makes dict, list, str, int, float, bool.
    """
    if type(data) is not dict:
        raise InputError("input must be a JSON object")
    unknown = sorted(set(data) - set(_KEYS))
    if unknown:
        raise InputError(f"unknown top-level key {unknown[0]!r}")
    for key in ("agents", "targets", "scores"):
        if key not in data:
            raise InputError(f"missing top-level key {key!r}")
    out = {}
    for key, (required, optional) in _KEYS.items():
        items = data.get(key, [])
        if type(items) is not list:
            raise InputError(f"{key} must be a list")
        if key == "scores" and _plain_scores(items):
            out[key] = ScoreTable(
                agents=list(map(itemgetter("agent"), items)),
                targets=list(map(itemgetter("target"), items)),
                values=list(map(itemgetter("score"), items)),
            )
            continue
        cls, allowed, parsed = _CLASSES[key], required | optional, []
        for i, item in enumerate(items):
            if type(item) is not dict or not required <= item.keys() <= allowed:
                _shape_error(key, i, item, required, allowed)
            for name, value in item.items():
                kind = type(value)
                if name == "score":
                    ok, what = kind in _JSON_NUMBER, "a number"
                elif name in ("min", "max"):
                    ok, what = kind is int, "an integer"
                else:
                    ok, what = kind is str, "a string"
                if not ok:
                    raise InputError(f"{key}[{i}]: {name} must be {what}, got {value!r}")
            parsed.append(cls(**item))
        out[key] = parsed
    if type(out["scores"]) is list:  # the item-by-item loop found nothing wrong
        out["scores"] = ScoreTable(
            agents=[x.agent for x in out["scores"]],
            targets=[x.target for x in out["scores"]],
            values=[x.score for x in out["scores"]],
        )
    return out


def _plain_scores(items: list) -> bool:
    """Fast whole-list check of the usual case (10^5+ scores); on False the item-by-item
    loop runs and names the first bad item."""
    if set(map(type, items)) - {dict}:
        return False
    if not all(map(operator.eq, itertools.repeat(_SCORE_KEYS), map(dict.keys, items))):
        return False
    names = set(map(type, map(itemgetter("agent"), items)))
    names |= set(map(type, map(itemgetter("target"), items)))
    return names <= {str} and set(map(type, map(itemgetter("score"), items))) <= {int, float}


def _shape_error(key: str, i: int, item: object, required: set, allowed: set):
    if type(item) is not dict:
        raise InputError(f"{key}[{i}]: must be an object")
    missing = sorted(required - item.keys())
    if missing:
        raise InputError(f"{key}[{i}]: missing key {missing[0]!r}")
    raise InputError(f"{key}[{i}]: unknown key {sorted(item.keys() - allowed)[0]!r}")


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
