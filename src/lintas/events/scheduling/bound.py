"""The LP relaxation (target set and upper bound) and the exact CP-SAT model.

Both work on :class:`~lintas.events.scheduling.heuristic.Problem`. OR-Tools is imported
lazily so the command line starts fast.
"""

from __future__ import annotations

import math
import random
import time

from .heuristic import Problem


def integer_scale(weights: list[float]) -> int | None:
    """Smallest power of ten (up to 10**6) that turns every priority into an integer."""
    for k in range(7):
        scale = 10**k
        if all(abs(w * scale - round(w * scale)) < 1e-9 for w in weights):
            return scale
    return None


def _on_grid(value: float, scale: int | None) -> float:
    """Round an LP bound down to the priority grid; the slack only ever errs upwards (valid)."""
    return value if scale is None else math.floor(value * scale + 1e-3) / scale


def target_set(
    p: Problem,
    *,
    time_limit: float = 30.0,
    keep: list[int] | None = None,
    penalty: list[int] | None = None,
    noise: random.Random | None = None,
) -> tuple[list[int] | None, float | None]:
    """The requests worth scheduling (construction target) and an upper bound on any schedule.

    Both come from the b-matching LP relaxation, solved by GLOP (OR-Tools): one variable
    per request in [0, 1], fixed ones at 1; each person takes at most as many meetings as
    there are slots in which they could meet any of their counterparts; all slots together
    hold at most ``slots * tables``. It ignores *which* slot a meeting gets, so its value is an
    upper bound. On the generated benchmarks it equals the full time-indexed LP (x[r, s]) and
    the integer b-matching, while solving 10-50x faster than either (the time-indexed LP is
    massively degenerate for simplex; HiGHS' MIP spends seconds proving what the LP vertex
    already shows). The simplex vertex is integral there too, and almost all of it can be put
    into slots, so the requests at 1 are what the search schedules first. GLOP rather than
    HiGHS through SciPy because importing ``scipy.optimize`` alone costs 1-3 s of the
    command's ten.

    ``keep`` (request -> previous slot or -1) breaks ties towards the meetings of an earlier
    run, with a bonus too small to change the priority sum; ``penalty`` (request -> count)
    steers away from requests that could not be placed last time, just as gently; ``noise``
    adds random bonuses smaller still, to pick another of the many equally valuable targets
    (most priorities are equal) when the search starts again. With
    integer (or fixed-decimal) priorities the bound is rounded down to that grid, still a
    valid bound; with a penalty it may not be, so callers take the bound from a plain solve.
    Returns (None, None) if GLOP did not finish in time.
    """
    from ortools.linear_solver import pywraplp

    n = len(p.a)
    usable = [set() for _ in range(p.people)]
    for r in range(n):
        slots = [p.fixed[r]] if p.fixed[r] >= 0 else p.common[r]
        usable[p.a[r]].update(slots)
        usable[p.b[r]].update(slots)
    solver = pywraplp.Solver.CreateSolver("GLOP")
    infinity = solver.infinity()
    person = [solver.Constraint(-infinity, float(len(u))) for u in usable]
    room = solver.Constraint(-infinity, float(min(p.cap * p.slots, n)))
    objective = solver.Objective()
    objective.SetMaximization()
    scale = integer_scale(p.w)
    kept = {r for r in range(n) if keep and keep[r] >= 0 and keep[r] in p.common[r]}
    # all bonuses together stay below half a step of the priority grid, all penalties a
    # quarter, all noise a fifth: together they cannot change the priority sum
    bonus = 0.5 / ((scale or 10**6) * (len(kept) + 1))
    fine = 0.25 / ((scale or 10**6) * (sum(penalty or ()) + 1))
    jitter = 0.2 / ((scale or 10**6) * (n + 1))
    ys = []
    for r in range(n):
        fixed = p.fixed[r] >= 0
        y = solver.NumVar(1.0 if fixed else 0.0, 1.0 if fixed or p.common[r] else 0.0, "")
        person[p.a[r]].SetCoefficient(y, 1.0)
        person[p.b[r]].SetCoefficient(y, 1.0)
        room.SetCoefficient(y, 1.0)
        nudge = (bonus if r in kept else 0.0) - (fine * penalty[r] if penalty else 0.0)
        if noise is not None:
            nudge += jitter * noise.random()
        objective.SetCoefficient(y, p.w[r] + nudge)
        ys.append(y)
    solver.SetTimeLimit(int(1000 * max(0.5, time_limit)))
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None, None
    chosen = [r for r in range(n) if ys[r].solution_value() > 0.5 + 1e-6 or p.fixed[r] >= 0]
    # the bonus only raises the LP value, so it stays a valid bound
    return chosen, _on_grid(objective.Value(), scale)


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
