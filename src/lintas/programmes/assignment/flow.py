"""The min-cost flow network of an assignment problem, solved by OR-Tools.

Network ``hub -> agent [min, max]``, ``agent -> target [0, 1]`` with cost ``-score``,
``target -> hub [min, max]`` (source and sink merged into one hub, so the flow value is
free). Scores are floats; the solver needs integer costs, so they are scaled to about
2**30 at the largest magnitude and rounded, and the reported objective is summed from
the original scores.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

# Largest integer cost magnitude handed to OR-Tools. Cost scaling multiplies costs by
# (nodes + 1), so this leaves ample room in int64 while rounding scores to ~1e-9 of
# the largest magnitude.
_COST_SCALE = 2**30


@dataclass(slots=True, kw_only=True)
class Problem:
    """A checked problem as arrays: node bounds and the allowed pairs with their scores."""

    agent_ids: list[str]
    target_ids: list[str]
    a_lo: np.ndarray
    a_hi: np.ndarray
    t_lo: np.ndarray
    t_hi: np.ndarray
    arc_a: np.ndarray  # allowed (scored, not forbidden) pairs
    arc_t: np.ndarray
    value: np.ndarray


def network(p: Problem):
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


def solve_flow(p: Problem) -> np.ndarray | None:
    """Indices of the chosen allowed pairs, or None when no feasible flow exists."""
    tails, heads, caps, supplies = network(p)
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


def _check_bounds(p: Problem, chosen: np.ndarray) -> None:
    # Cheap insurance that the flow decoding is right; never expected to fire.
    a_deg = np.bincount(p.arc_a[chosen], minlength=len(p.a_lo))
    t_deg = np.bincount(p.arc_t[chosen], minlength=len(p.t_lo))
    if (a_deg < p.a_lo).any() or (a_deg > p.a_hi).any():
        raise RuntimeError("solver result violates agent bounds")
    if (t_deg < p.t_lo).any() or (t_deg > p.t_hi).any():
        raise RuntimeError("solver result violates target bounds")
