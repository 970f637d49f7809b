"""Upper bounds (LP relaxation via HiGHS) and the exact CP-SAT model.

Both work on :class:`~lintas.events.scheduling.heuristic.Problem`. OR-Tools and SciPy are
imported lazily so the command line starts fast.
"""

from __future__ import annotations

import math
import time

from .heuristic import Problem


def integer_scale(weights: list[float]) -> int | None:
    """Smallest power of ten (up to 10**6) that turns every priority into an integer."""
    for k in range(7):
        scale = 10**k
        if all(abs(w * scale - round(w * scale)) < 1e-9 for w in weights):
            return scale
    return None


def lp_bound(p: Problem, time_limit: float = 30.0) -> float | None:
    """Upper bound from the b-matching LP relaxation; None if HiGHS did not finish.

    Variables are the requests (y_r in [0, 1], fixed ones at 1); each person takes at most as
    many meetings as there are slots in which they could meet any of their counterparts, and
    all slots together hold at most ``slots * tables``. On the generated benchmarks this gave
    the same value as the full time-indexed LP (x[r, s]) while solving 50-100x faster, since
    the time-indexed LP is massively degenerate for simplex. With integer (or fixed-decimal)
    priorities the value is rounded down to that grid, still a valid bound.
    """
    import numpy as np
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix

    usable = [set() for _ in range(p.people)]
    rows, cols, cost, lower = [], [], [], []
    for r in range(len(p.a)):
        slots = [p.fixed[r]] if p.fixed[r] >= 0 else p.common[r]
        if not slots:
            continue
        usable[p.a[r]].update(slots)
        usable[p.b[r]].update(slots)
        k = len(cost)
        rows += [p.a[r], p.b[r], p.people]
        cols += [k, k, k]
        cost.append(-p.w[r])
        lower.append(1.0 if p.fixed[r] >= 0 else 0.0)
    if not cost:
        return 0.0
    total = float(min(p.cap * p.slots, len(cost)))
    b_ub = np.array([float(len(u)) for u in usable] + [total])
    matrix = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(p.people + 1, len(cost)))
    result = linprog(
        np.array(cost),
        A_ub=matrix,
        b_ub=b_ub,
        bounds=list(zip(lower, [1.0] * len(cost), strict=True)),
        method="highs",
        options={"time_limit": max(0.5, time_limit)},
    )
    if result.status != 0:
        return None
    value = -result.fun
    scale = integer_scale(p.w)
    if scale is not None:
        value = math.floor(value * scale + 1e-6) / scale
    return value


def cpsat_solve(
    p: Problem,
    *,
    time_limit: float,
    workers: int = 2,
    hint: list[int] | None = None,
    fix_value: float | None = None,
    minimize_moves: bool = False,
    seed: int = 0,
) -> tuple[list[int], float, float, str, float]:
    """Solve the scheduling model with CP-SAT.

    Returns (slot per request or -1, objective, best bound, status name, seconds). With
    ``minimize_moves`` the objective is the number of meetings away from ``p.previous``, under
    the constraint that the priority sum stays at least ``fix_value`` (the lexicographic second
    phase). Priorities are scaled to integers; non-decimal priorities are rounded at 10**6.
    """
    from ortools.sat.python import cp_model

    start = time.perf_counter()
    scale = integer_scale(p.w) or 10**6
    iw = [round(w * scale) for w in p.w]
    model = cp_model.CpModel()
    xs: dict[tuple[int, int], object] = {}
    cells: dict[tuple[int, int], list] = {}
    per_slot: list[list] = [[] for _ in range(p.slots)]
    for r in range(len(p.a)):
        slots = [p.fixed[r]] if p.fixed[r] >= 0 else p.common[r]
        lits = []
        for s in slots:
            x = model.new_bool_var(f"x{r}_{s}")
            xs[r, s] = x
            lits.append(x)
            cells.setdefault((p.a[r], s), []).append(x)
            cells.setdefault((p.b[r], s), []).append(x)
            per_slot[s].append(x)
        if p.fixed[r] >= 0:
            model.add(lits[0] == 1)
        elif len(lits) > 1:
            model.add_at_most_one(lits)
    for lits in cells.values():
        if len(lits) > 1:
            model.add_at_most_one(lits)
    if p.cap < len(p.a):
        for lits in per_slot:
            if len(lits) > p.cap:
                model.add(sum(lits) <= p.cap)
    value_expr = sum(iw[r] * x for (r, _s), x in xs.items())
    if minimize_moves:
        assert fix_value is not None
        model.add(value_expr >= round(fix_value * scale) - 0)
        stay = [x for (r, s), x in xs.items() if p.previous[r] == s]
        n_prev = sum(1 for x in p.previous if x >= 0)
        model.minimize(n_prev - sum(stay))
    else:
        model.maximize(value_expr)
    if hint is not None:
        for (r, s), x in xs.items():
            model.add_hint(x, hint[r] == s)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    name = solver.status_name(status)
    slots_out = [-1] * len(p.a)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for (r, s), x in xs.items():
            if solver.value(x):
                slots_out[r] = s
        objective = sum(p.w[r] for r in range(len(p.a)) if slots_out[r] >= 0)
    else:
        objective = 0.0
    bound = objective if minimize_moves else solver.best_objective_bound / scale
    return slots_out, objective, bound, name, time.perf_counter() - start
