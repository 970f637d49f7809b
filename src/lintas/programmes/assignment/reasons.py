"""Why a well-formed assignment problem has no solution, in words a programme officer
can act on: a total, a single agent or target, or otherwise the violated cut that a
max-flow finds (Hoffman's circulation theorem)."""

from __future__ import annotations

import numpy as np
from ortools.graph.python import max_flow

from .flow import Problem, network

_MAX_NAMES = 8


def _names(ids: list[str]) -> str:
    shown = ",".join(ids[:_MAX_NAMES])
    return shown if len(ids) <= _MAX_NAMES else f"{shown} and {len(ids) - _MAX_NAMES} more"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def quick_infeasibility(p: Problem) -> str:
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


def cut_infeasibility(p: Problem) -> str:
    """Name a violated cut: with lower bounds moved into supplies, a max flow from a
    super source to a super sink that cannot carry every supply leaves a node set R
    (source side of the min cut) whose forced inflow exceeds what can leave it."""
    tails, heads, caps, supplies = network(p)
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
