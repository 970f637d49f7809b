"""The scheduler's building blocks: Kempe chains, the LP target set, power-law optimality."""

from __future__ import annotations

import random

import pytest

from lintas.events.scheduling import schedule
from lintas.events.scheduling.bound import cpsat_solve, target_set
from lintas.events.scheduling.heuristic import Problem, Searcher, State
from lintas.events.scheduling.solver import build_problem

from .instances import assert_valid_schedule, make_instance, make_powerlaw_instance


def chain_problem(length: int, fixed_link: int = -1) -> tuple[Problem, int]:
    """People 0..length+1 in a row, meeting their neighbours, slots 0 and 1 alternating.

    Request ``length`` (the last) is between a newcomer (available only in slot 0) and
    person 0, who is busy in slot 0. Person 0 is free in slot 1, so the only way in is to
    swap slots 0 and 1 along the whole row of meetings (a Kempe chain).
    """
    people = length + 2
    newcomer = length + 1
    a = [i for i in range(length)] + [newcomer]
    b = [i + 1 for i in range(length)] + [0]
    common = [[0, 1]] * length + [[0]]
    fixed = [-1] * (length + 1)
    if fixed_link >= 0:
        fixed[fixed_link] = fixed_link % 2
    p = Problem(2, 100, people, a, b, [1.0] * (length + 1), common, fixed, [-1] * (length + 1))
    return p, length


def chain_state(p: Problem, newcomer_request: int) -> State:
    st = State(p)
    for r in range(newcomer_request):
        st.place(r, r % 2)
    return st


def test_kempe_places_a_request_behind_a_long_chain():
    p, r = chain_problem(9)
    st = chain_state(p, r)
    searcher = Searcher(st, random.Random(0))
    assert searcher.relocate(r, 2, set()) is False  # the bounded tree does not reach that far
    assert searcher.kempe(r) is True
    assert st.slot_of == [1, 0, 1, 0, 1, 0, 1, 0, 1, 0]
    assert st.value == 10


def test_kempe_changes_nothing_when_a_fixed_meeting_is_in_the_way():
    p, r = chain_problem(9, fixed_link=4)
    st = chain_state(p, r)
    before = list(st.slot_of)
    assert Searcher(st, random.Random(0)).kempe(r) is False
    assert st.slot_of == before
    assert st.value == 9


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_target_set_bound_is_not_below_the_optimum(seed):
    instance = make_instance(people=24, requests=90, slots=5, tables=4, seed=seed)
    p = build_problem(instance)
    _, optimum, _, status, _ = cpsat_solve(p, time_limit=20)
    target, bound = target_set(p)
    assert status == "OPTIMAL"
    assert bound >= optimum
    assert all(r in target for r, s in enumerate(p.fixed) if s >= 0)


def test_target_set_prefers_previous_meetings_at_equal_value():
    instance = make_instance(people=24, requests=90, slots=5, tables=4, seed=4, fixed=0)
    p = build_problem(instance)
    plain, bound = target_set(p)
    left_out = [r for r in range(len(p.a)) if r not in set(plain) and p.common[r]]
    keep = [-1] * len(p.a)
    for r in left_out:
        keep[r] = p.common[r][0]
    steered, steered_bound = target_set(p, keep=keep)
    assert steered_bound == bound
    assert sum(p.w[r] for r in steered) == sum(p.w[r] for r in plain)
    assert len(set(steered) & set(left_out)) > 0


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_schedule_power_law_event_reaches_the_proven_optimum(seed):
    # 60 participants: above the exact path's 50, so this is the heuristic, checked against
    # CP-SAT's proven optimum of the same model.
    instance = make_powerlaw_instance(people=60, requests=240, slots=6, tables=12, seed=seed)
    _, optimum, _, status, _ = cpsat_solve(build_problem(instance), time_limit=30)
    result = schedule(instance, time_limit=5)
    assert status == "OPTIMAL"
    assert_valid_schedule(instance, result)
    assert result.objective == optimum
    assert result.bound >= optimum
