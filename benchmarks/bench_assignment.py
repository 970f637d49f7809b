"""Benchmark of the assignment solver against an independent LP reference.

For random instances (50 scored targets per agent) in two styles, reviewer (each
application needs k=3 reviewers, reviewers have a load between a minimum and a
maximum, scores in [0, 1)) and host (each researcher needs exactly one host, hosts
have capacities summing to ~1.3x the researchers, scores in [-0.3, 1)), it prints:
our objective and seconds (``solve()``, input checks included), the reference's
objective and seconds (scipy ``linprog`` with HiGHS on the LP relaxation, which is
integral because the constraint matrix is totally unimodular; matrix build included),
their relative difference and the time ratio ours / reference.

Run: PYTHONPATH=src .venv/bin/python benchmarks/bench_assignment.py [--sizes small,medium,large]
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

from lintas.programmes.assignment import Agent, Pair, Score, Target, solve

SIZES = {"small": (150, 60), "medium": (2_000, 500), "large": (10_000, 2_000)}
PER_AGENT = 50


def make_instance(n_agents: int, n_targets: int, style: str, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    per = min(PER_AGENT, n_targets)
    # Each agent scores `per` distinct targets; argpartition of random keys is a fast
    # sample without replacement per row.
    keys = rng.random((n_agents, n_targets))
    cols = np.argpartition(keys, per - 1, axis=1)[:, :per]
    rows = np.repeat(np.arange(n_agents), per)
    cols = cols.ravel()
    if style == "reviewer":
        k = 3
        values = rng.random(rows.size)
        load = k * n_agents / n_targets
        t_min = np.full(n_targets, int(load * 0.5))
        t_max = np.full(n_targets, math.ceil(load * 1.25))
        a_min = a_max = np.full(n_agents, k)
    else:
        values = rng.uniform(-0.3, 1.0, rows.size)
        t_min = np.zeros(n_targets, int)
        t_max = rng.integers(1, max(2, round(2.6 * n_agents / n_targets)), n_targets)
        a_min = a_max = np.ones(n_agents, int)
    # Some conflicts of interest among the scored pairs.
    n_forbidden = rows.size // 100
    forbidden = rng.choice(rows.size, n_forbidden, replace=False)
    return {
        "a_min": a_min,
        "a_max": a_max,
        "t_min": t_min,
        "t_max": t_max,
        "rows": rows,
        "cols": cols,
        "values": values,
        "forbidden": forbidden,
    }


def ours(inst: dict) -> tuple[float, float, str]:
    a_ids = [f"A{i}" for i in range(len(inst["a_min"]))]
    t_ids = [f"T{j}" for j in range(len(inst["t_min"]))]
    agents = [
        Agent(id=a, min=int(lo), max=int(hi))
        for a, lo, hi in zip(a_ids, inst["a_min"], inst["a_max"], strict=True)
    ]
    targets = [
        Target(id=t, min=int(lo), max=int(hi))
        for t, lo, hi in zip(t_ids, inst["t_min"], inst["t_max"], strict=True)
    ]
    scores = [
        Score(agent=a_ids[r], target=t_ids[c], score=v)
        for r, c, v in zip(
            inst["rows"].tolist(), inst["cols"].tolist(), inst["values"].tolist(), strict=True
        )
    ]
    forbidden = [
        Pair(agent=a_ids[inst["rows"][i]], target=t_ids[inst["cols"][i]])
        for i in inst["forbidden"].tolist()
    ]
    t0 = time.perf_counter()
    result = solve(agents=agents, targets=targets, scores=scores, forbidden=forbidden)
    return result.objective, time.perf_counter() - t0, result.status


def reference(inst: dict) -> tuple[float, float, str]:
    t0 = time.perf_counter()
    keep = np.ones(inst["rows"].size, bool)
    keep[inst["forbidden"]] = False
    rows, cols, values = inst["rows"][keep], inst["cols"][keep], inst["values"][keep]
    n_a, n_t, n = len(inst["a_min"]), len(inst["t_min"]), rows.size
    ones = np.ones(n)
    arcs = np.arange(n)
    a_mat = sp.csr_matrix((ones, (rows, arcs)), shape=(n_a, n))
    t_mat = sp.csr_matrix((ones, (cols, arcs)), shape=(n_t, n))
    eq_rows, eq_rhs, ub_rows, ub_rhs = [], [], [], []
    for mat, lo, hi in (
        (a_mat, inst["a_min"], inst["a_max"]),
        (t_mat, inst["t_min"], inst["t_max"]),
    ):
        fixed = lo == hi
        eq_rows.append(mat[fixed])
        eq_rhs.append(lo[fixed])
        ub_rows += [mat[~fixed], -mat[~fixed & (lo > 0)]]
        ub_rhs += [hi[~fixed], -lo[~fixed & (lo > 0)]]
    res = linprog(
        -values,
        A_ub=sp.vstack(ub_rows).tocsr(),
        b_ub=np.concatenate(ub_rhs),
        A_eq=sp.vstack(eq_rows).tocsr(),
        b_eq=np.concatenate(eq_rhs),
        bounds=(0, 1),
        method="highs",
    )
    seconds = time.perf_counter() - t0
    if res.status != 0:
        return math.nan, seconds, res.message
    return -res.fun, seconds, "optimal"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="small,medium,large")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    header = (
        f"{'instance':<22}{'arcs':>8}{'ours obj':>16}{'ours s':>9}"
        f"{'ref obj':>16}{'ref s':>9}{'rel diff':>11}{'ratio':>7}"
    )
    print(header)
    for name in args.sizes.split(","):
        n_a, n_t = SIZES[name]
        for style in ("reviewer", "host"):
            inst = make_instance(n_a, n_t, style, args.seed)
            obj, secs, status = ours(inst)
            ref_obj, ref_secs, ref_status = reference(inst)
            rel = abs(obj - ref_obj) / max(1.0, abs(ref_obj))
            label = f"{style} {n_a}x{n_t}"
            if status != "optimal" or ref_status != "optimal":
                print(f"{label:<22} ours: {status}, reference: {ref_status}")
                continue
            print(
                f"{label:<22}{inst['rows'].size:>8}{obj:>16.6f}{secs:>9.3f}"
                f"{ref_obj:>16.6f}{ref_secs:>9.3f}{rel:>11.1e}{secs / ref_secs:>7.2f}"
            )


if __name__ == "__main__":
    main()
