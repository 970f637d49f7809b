"""Tests of the assignment solver (pure; no database)."""

from __future__ import annotations

import io
import itertools
import json
import math
import random
import subprocess
import sys

import numpy as np
import pytest
from scipy.optimize import linprog

from lintas.cli import main as lintas_main
from lintas.programmes.assignment import (
    Agent,
    InputError,
    Pair,
    Score,
    ScoreTable,
    Target,
    parse_problem,
    solve,
)
from lintas.programmes.assignment.cli import main


def A(id, lo, hi):  # short builders keep the cases readable
    return Agent(id=id, min=lo, max=hi)


def T(id, hi, lo=0):
    return Target(id=id, min=lo, max=hi)


def S(agent, target, score=1.0):
    return Score(agent=agent, target=target, score=score)


def pairs(result):
    return {(p.agent, p.target) for p in result.assignments}


def run_cli(tmp_path, doc, capsys):
    src, out = tmp_path / "in.json", tmp_path / "out.json"
    src.write_text(doc if isinstance(doc, str) else json.dumps(doc))
    code = main([str(src), "-o", str(out)])
    written = json.loads(out.read_text()) if out.exists() else None
    return code, written, capsys.readouterr().err


def brute_force(agents, targets, scores, forbidden=()):
    """Best objective over every subset of allowed pairs, or None if none is feasible."""
    banned = {(p.agent, p.target) for p in forbidden}
    allowed = [s for s in scores if (s.agent, s.target) not in banned]
    best = None
    for mask in itertools.product((0, 1), repeat=len(allowed)):
        chosen = [s for s, m in zip(allowed, mask, strict=True) if m]
        ok = all(a.min <= sum(s.agent == a.id for s in chosen) <= a.max for a in agents) and all(
            t.min <= sum(s.target == t.id for s in chosen) <= t.max for t in targets
        )
        if ok:
            value = math.fsum(s.score for s in chosen)
            best = value if best is None else max(best, value)
    return best


def check_feasible(result, agents, targets, scores, forbidden=()):
    chosen = pairs(result)
    assert len(chosen) == len(result.assignments)
    assert chosen <= {(s.agent, s.target) for s in scores}
    assert not chosen & {(p.agent, p.target) for p in forbidden}
    for a in agents:
        assert a.min <= sum(x == a.id for x, _ in chosen) <= a.max
    for t in targets:
        assert t.min <= sum(y == t.id for _, y in chosen) <= t.max
    score = {(s.agent, s.target): s.score for s in scores}
    assert result.objective == pytest.approx(math.fsum(score[p] for p in chosen), rel=1e-12)


# --- bounds, pairs, scores ----------------------------------------------------------


def test_solve_agent_max_caps_assignments():
    agents = [A("a", 0, 2)]
    targets = [T("x", 1), T("y", 1), T("z", 1)]
    scores = [S("a", "x", 3), S("a", "y", 2), S("a", "z", 1)]
    result = solve(agents=agents, targets=targets, scores=scores)
    assert result.status == "optimal"
    assert pairs(result) == {("a", "x"), ("a", "y")}
    assert result.objective == 5


def test_solve_agent_min_forces_negative_pair():
    agents = [A("a", 2, 2)]
    targets = [T("x", 1), T("y", 1)]
    scores = [S("a", "x", 3), S("a", "y", -4)]
    result = solve(agents=agents, targets=targets, scores=scores)
    assert pairs(result) == {("a", "x"), ("a", "y")}
    assert result.objective == -1


def test_solve_target_max_caps_load():
    agents = [A("a", 0, 1), A("b", 0, 1), A("c", 0, 1)]
    targets = [T("x", 2)]
    scores = [S("a", "x", 1), S("b", "x", 5), S("c", "x", 3)]
    result = solve(agents=agents, targets=targets, scores=scores)
    assert pairs(result) == {("b", "x"), ("c", "x")}
    assert result.objective == 8


def test_solve_target_min_forces_load():
    agents = [A("a", 0, 1), A("b", 0, 1)]
    targets = [T("x", 2, lo=2), T("y", 2)]
    scores = [S("a", "x", -1), S("b", "x", -2), S("a", "y", 4), S("b", "y", 4)]
    result = solve(agents=agents, targets=targets, scores=scores)
    assert pairs(result) == {("a", "x"), ("b", "x")}
    assert result.objective == -3


def test_solve_negative_scores_unassigned_without_min():
    agents = [A("a", 0, 3)]
    targets = [T("x", 1), T("y", 1), T("z", 1)]
    scores = [S("a", "x", -0.5), S("a", "y", 0.25), S("a", "z", -3)]
    result = solve(agents=agents, targets=targets, scores=scores)
    assert pairs(result) == {("a", "y")}
    assert result.objective == 0.25


def test_solve_negative_scores_picks_least_bad_when_forced():
    agents = [A("a", 1, 1)]
    targets = [T("x", 1), T("y", 1)]
    scores = [S("a", "x", -0.5), S("a", "y", -0.2)]
    result = solve(agents=agents, targets=targets, scores=scores)
    assert pairs(result) == {("a", "y")}
    assert result.objective == -0.2


def test_solve_forbidden_pair_never_assigned():
    agents = [A("a", 1, 1), A("b", 0, 1)]
    targets = [T("x", 2), T("y", 2)]
    scores = [S("a", "x", 100), S("a", "y", 1), S("b", "x", 1)]
    result = solve(
        agents=agents, targets=targets, scores=scores, forbidden=[Pair(agent="a", target="x")]
    )
    assert pairs(result) == {("a", "y"), ("b", "x")}
    assert result.objective == 2


def test_solve_only_scored_pairs_used():
    # b and x are free and would both like work, but (b, x) has no score.
    agents = [A("a", 0, 2), A("b", 0, 2)]
    targets = [T("x", 2), T("y", 2)]
    scores = [S("a", "x", 1), S("a", "y", 1), S("b", "y", 1)]
    result = solve(agents=agents, targets=targets, scores=scores)
    assert pairs(result) == {("a", "x"), ("a", "y"), ("b", "y")}


def test_solve_empty_problem_optimal():
    result = solve(agents=[], targets=[], scores=[])
    assert (result.status, result.assignments, result.objective) == ("optimal", [], 0.0)


def test_solve_assignments_sorted_by_agent_then_target_input_order():
    agents = [A("b", 2, 2), A("a", 1, 1)]
    targets = [T("y", 2), T("x", 2)]
    scores = [S("a", "x"), S("b", "x"), S("b", "y"), S("a", "y", 0)]
    result = solve(agents=agents, targets=targets, scores=scores)
    assert [(p.agent, p.target) for p in result.assignments] == [
        ("b", "y"),
        ("b", "x"),
        ("a", "x"),
    ]


def test_solve_close_float_scores_resolved():
    # Scores 1e-6 apart at magnitude 1000 must still be told apart.
    agents = [A("a", 1, 1), A("b", 1, 1)]
    targets = [T("x", 1), T("y", 1)]
    scores = [
        S("a", "x", 1000.000001),
        S("a", "y", 1000.0),
        S("b", "x", 1000.0),
        S("b", "y", 1000.0000015),
    ]
    result = solve(agents=agents, targets=targets, scores=scores)
    assert pairs(result) == {("a", "x"), ("b", "y")}
    assert result.objective == math.fsum([1000.000001, 1000.0000015])


# --- optimality ---------------------------------------------------------------------


def random_instance(rng, n_agents, n_targets, density):
    agents = [
        A(f"a{i}", lo, lo + rng.randint(0, 2))
        for i, lo in enumerate(rng.choices([0, 0, 1, 2], k=n_agents))
    ]
    targets = [
        T(f"t{j}", lo + rng.randint(0, 2), lo=lo)
        for j, lo in enumerate(rng.choices([0, 0, 1], k=n_targets))
    ]
    scores = [
        S(a.id, t.id, round(rng.uniform(-1, 2), 3))
        for a in agents
        for t in targets
        if rng.random() < density
    ]
    forbidden = [Pair(agent=s.agent, target=s.target) for s in scores if rng.random() < 0.1]
    return agents, targets, scores, forbidden


def test_solve_matches_brute_force_on_small_instances():
    rng = random.Random(20240601)
    seen = {"optimal": 0, "infeasible": 0}
    for _ in range(150):
        agents, targets, scores, forbidden = random_instance(
            rng, rng.randint(1, 4), rng.randint(1, 3), 0.75
        )
        if len(scores) > 11:
            scores = scores[:11]
        best = brute_force(agents, targets, scores, forbidden)
        result = solve(agents=agents, targets=targets, scores=scores, forbidden=forbidden)
        seen[result.status] += 1
        if best is None:
            assert result.status == "infeasible"
            assert result.message
        else:
            assert result.status == "optimal"
            check_feasible(result, agents, targets, scores, forbidden)
            assert result.objective == pytest.approx(best, rel=1e-9, abs=1e-9)
    assert seen["optimal"] > 30 and seen["infeasible"] > 10


def test_solve_matches_lp_on_medium_instance():
    rng = np.random.default_rng(5)
    n_a, n_t = 80, 25
    agents = [A(f"a{i}", 3, 3) for i in range(n_a)]
    targets = [T(f"t{j}", 14, lo=5) for j in range(n_t)]
    rows, cols, values = [], [], []
    for i in range(n_a):
        for j in rng.choice(n_t, 12, replace=False):
            rows.append(i)
            cols.append(int(j))
            values.append(float(rng.normal()))
    scores = [S(f"a{i}", f"t{j}", v) for i, j, v in zip(rows, cols, values, strict=True)]
    result = solve(agents=agents, targets=targets, scores=scores)
    check_feasible(result, agents, targets, scores)

    a_mat = np.zeros((n_a, len(rows)))
    t_mat = np.zeros((n_t, len(rows)))
    a_mat[rows, range(len(rows))] = 1
    t_mat[cols, range(len(rows))] = 1
    lp = linprog(
        -np.array(values),
        A_eq=a_mat,
        b_eq=np.full(n_a, 3),
        A_ub=np.vstack([t_mat, -t_mat]),
        b_ub=np.concatenate([np.full(n_t, 14), np.full(n_t, -5)]),
        bounds=(0, 1),
        method="highs",
    )
    assert lp.status == 0
    assert result.objective == pytest.approx(-lp.fun, rel=1e-9)


# --- infeasibility ------------------------------------------------------------------

INFEASIBLE_CASES = {
    "agents_total": (
        {
            "agents": [{"id": f"a{i}", "min": 2, "max": 2} for i in range(3)],
            "targets": [{"id": "x", "max": 2}, {"id": "y", "max": 3}],
            "scores": [{"agent": f"a{i}", "target": t, "score": 1} for i in range(3) for t in "xy"],
        },
        "agents need at least 6 assignments but targets accept at most 5",
    ),
    "targets_total": (
        {
            "agents": [{"id": "a", "min": 0, "max": 1}, {"id": "b", "min": 0, "max": 1}],
            "targets": [{"id": "x", "min": 2, "max": 2}, {"id": "y", "min": 1, "max": 1}],
            "scores": [{"agent": a, "target": t, "score": 1} for a in "ab" for t in "xy"],
        },
        "targets need at least 3 assignments but agents accept at most 2",
    ),
    "one_agent": (
        {
            "agents": [{"id": "A7", "min": 3, "max": 3}, {"id": "B", "min": 0, "max": 3}],
            "targets": [{"id": t, "max": 2} for t in "xyz"],
            "scores": [{"agent": a, "target": t, "score": 1} for a in ("A7", "B") for t in "xyz"],
            "forbidden": [{"agent": "A7", "target": "z"}],
        },
        "agent A7 needs 3 targets but has only 2 allowed (scored, not forbidden) pairs",
    ),
    "one_target": (
        {
            "agents": [{"id": a, "min": 0, "max": 2} for a in "abc"],
            "targets": [{"id": "R3", "min": 2, "max": 3}, {"id": "y", "max": 3}],
            "scores": [{"agent": "a", "target": "R3", "score": 1}]
            + [{"agent": a, "target": "y", "score": 1} for a in "abc"],
        },
        "target R3 needs 2 agents but has only 1 allowed (scored, not forbidden) pair",
    ),
    "agent_cut": (
        {
            "agents": [{"id": a, "min": 1, "max": 1} for a in ("a0", "a1", "a2", "a3")]
            + [{"id": "a4", "min": 0, "max": 1}],
            "targets": [{"id": "t1", "max": 1}, {"id": "t2", "max": 5}],
            "scores": [
                {"agent": a, "target": t, "score": 1}
                for a, t in [
                    ("a0", "t1"),
                    ("a1", "t1"),
                    ("a2", "t1"),
                    ("a2", "t2"),
                    ("a3", "t2"),
                    ("a4", "t2"),
                ]
            ],
        },
        "agents a0,a1 need at least 2 assignments but target t1 "
        "(the only allowed target for them) accepts at most 1",
    ),
    "agent_cut_with_leak": (
        {
            "agents": [
                {"id": "a0", "min": 2, "max": 2},
                {"id": "a1", "min": 1, "max": 1},
                {"id": "a2", "min": 1, "max": 1},
                {"id": "a4", "min": 0, "max": 1},
            ],
            "targets": [{"id": t, "max": m} for t, m in [("t1", 1), ("t2", 5), ("t3", 5)]],
            "scores": [
                {"agent": a, "target": t, "score": 1}
                for a, t in [
                    ("a0", "t1"),
                    ("a0", "t3"),
                    ("a1", "t1"),
                    ("a2", "t2"),
                    ("a2", "t3"),
                    ("a4", "t2"),
                ]
            ],
        },
        "agents a0,a1 need at least 3 assignments but can get at most 2: target t1 accepts "
        "at most 1 and only 1 allowed pair links them to other targets",
    ),
    "target_cut": (
        {
            "agents": [{"id": "a0", "min": 0, "max": 1}, {"id": "a1", "min": 0, "max": 3}]
            + [{"id": "a2", "min": 0, "max": 1}],
            "targets": [
                {"id": "t1", "min": 1, "max": 1},
                {"id": "t2", "min": 1, "max": 1},
                {"id": "t3", "max": 5},
            ],
            "scores": [
                {"agent": a, "target": t, "score": 1}
                for a, t in [("a0", "t1"), ("a0", "t2"), ("a1", "t3"), ("a2", "t3")]
            ],
        },
        "targets t1,t2 need at least 2 assignments but agent a0 "
        "(the only allowed agent for them) accepts at most 1",
    ),
}


@pytest.mark.parametrize("case", sorted(INFEASIBLE_CASES))
def test_main_infeasible_exit_3_with_message(tmp_path, capsys, case):
    doc, message = INFEASIBLE_CASES[case]
    code, written, err = run_cli(tmp_path, doc, capsys)
    assert code == 3
    assert written["status"] == "infeasible"
    assert written["message"] == message
    assert written["assignments"] == []
    assert message in err


def test_solve_cut_message_names_a_violated_cut():
    # Whatever cut the max flow reports must really be violated: its numbers say so.
    rng = random.Random(11)
    checked = 0
    for _ in range(300):
        agents, targets, scores, forbidden = random_instance(rng, 6, 4, 0.4)
        result = solve(agents=agents, targets=targets, scores=scores, forbidden=forbidden)
        if result.status == "infeasible" and "can get" in result.message:
            need = int(result.message.split("at least ")[1].split()[0])
            most = int(result.message.split("can get at most ")[1].split(":")[0])
            assert need > most
            checked += 1
    assert checked > 0


# --- bad input ----------------------------------------------------------------------

GOOD = {
    "agents": [{"id": "a", "min": 1, "max": 1}],
    "targets": [{"id": "x", "max": 1}],
    "scores": [{"agent": "a", "target": "x", "score": 0.5}],
}


def variant(**changes):
    doc = json.loads(json.dumps(GOOD))
    doc.update(changes)
    return doc


BAD_INPUTS = {
    "malformed_json": ('{"agents": [', "malformed JSON"),
    "not_an_object": ("[1, 2]", "input must be a JSON object"),
    "missing_scores": (
        {"agents": GOOD["agents"], "targets": GOOD["targets"]},
        "missing top-level key 'scores'",
    ),
    "unknown_top_key": (variant(forbiden=[]), "unknown top-level key 'forbiden'"),
    "unknown_agent": (
        variant(scores=[{"agent": "zz", "target": "x", "score": 1}]),
        "scores[0]: unknown agent 'zz'",
    ),
    "unknown_target": (
        variant(scores=GOOD["scores"] + [{"agent": "a", "target": "zz", "score": 1}]),
        "scores[1]: unknown target 'zz'",
    ),
    "unknown_forbidden": (
        variant(forbidden=[{"agent": "a", "target": "q"}]),
        "forbidden[0]: unknown target 'q'",
    ),
    "min_above_max": (
        variant(agents=[{"id": "a", "min": 2, "max": 1}]),
        "agent 'a': min 2 is greater than max 1",
    ),
    "negative_min": (
        variant(targets=[{"id": "x", "min": -1, "max": 1}]),
        "target 'x': min -1 is negative",
    ),
    "duplicate_agent": (
        variant(agents=GOOD["agents"] * 2),
        "agents[1]: duplicate agent id 'a'",
    ),
    "duplicate_target": (
        variant(targets=GOOD["targets"] * 2),
        "targets[1]: duplicate target id 'x'",
    ),
    "duplicate_pair": (
        variant(scores=GOOD["scores"] * 2),
        "scores[1]: duplicate pair ('a', 'x')",
    ),
    "duplicate_forbidden": (
        variant(forbidden=[{"agent": "a", "target": "x"}] * 2),
        "forbidden[1]: duplicate pair ('a', 'x')",
    ),
    "float_max": (
        variant(targets=[{"id": "x", "max": 1.5}]),
        "targets[0]: max must be an integer, got 1.5",
    ),
    "string_score": (
        variant(scores=[{"agent": "a", "target": "x", "score": "high"}]),
        "scores[0]: score must be a number, got 'high'",
    ),
    "nan_score": (
        '{"agents": [{"id": "a", "min": 0, "max": 1}], "targets": [{"id": "x", "max": 1}],'
        ' "scores": [{"agent": "a", "target": "x", "score": NaN}]}',
        "scores[0]: score must be finite, got nan",
    ),
    "agent_missing_min": (
        variant(agents=[{"id": "a", "max": 1}]),
        "agents[0]: missing key 'min'",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_main_bad_input_exit_2_writes_nothing(tmp_path, capsys, case):
    doc, message = BAD_INPUTS[case]
    code, written, err = run_cli(tmp_path, doc, capsys)
    assert code == 2
    assert written is None
    assert message in err


def test_main_missing_input_file_exit_2(tmp_path, capsys):
    code = main([str(tmp_path / "nope.json"), "-o", str(tmp_path / "out.json")])
    assert code == 2
    assert not (tmp_path / "out.json").exists()
    assert "cannot read" in capsys.readouterr().err


def test_main_unwritable_output_exit_2(tmp_path, capsys):
    src, out = tmp_path / "in.json", tmp_path / "missing" / "out.json"
    src.write_text(json.dumps(GOOD))
    code = main([str(src), "-o", str(out)])
    assert code == 2
    assert f"lintas assign: {out}: cannot write" in capsys.readouterr().err
    assert not out.exists()


def test_main_reads_stdin_and_writes_stdout_for_dash(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(GOOD)))
    code = main(["-", "-o", "-"])
    assert code == 0
    assert json.loads(capsys.readouterr().out)["status"] == "optimal"


def test_assignment_package_imports_no_django():
    code = (
        "import sys, lintas.programmes.assignment.cli; "
        "print(any(m.startswith('django') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_solve_bad_input_raises_input_error():
    with pytest.raises(InputError, match="unknown agent 'b'"):
        solve(agents=[A("a", 0, 1)], targets=[T("x", 1)], scores=[S("b", "x")])


def test_parse_problem_target_min_defaults_to_zero():
    problem = parse_problem(GOOD)
    assert problem["targets"] == [Target(id="x", min=0, max=1)]
    assert problem["forbidden"] == []


# --- output format ------------------------------------------------------------------


def test_main_output_format_exact(tmp_path, capsys):
    doc = {
        "agents": [{"id": "app1", "min": 2, "max": 2}, {"id": "app2", "min": 1, "max": 1}],
        "targets": [{"id": "r1", "max": 2}, {"id": "r2", "min": 1, "max": 1}],
        "scores": [
            {"agent": "app1", "target": "r1", "score": 0.75},
            {"agent": "app1", "target": "r2", "score": 0.5},
            {"agent": "app2", "target": "r1", "score": 2},
        ],
        "forbidden": [],
    }
    code, written, _ = run_cli(tmp_path, doc, capsys)
    assert code == 0
    assert list(written) == ["assignments", "objective", "status", "seconds"]
    assert written["assignments"] == [
        {"agent": "app1", "target": "r1"},
        {"agent": "app1", "target": "r2"},
        {"agent": "app2", "target": "r1"},
    ]
    assert written["objective"] == 3.25
    assert written["status"] == "optimal"
    assert isinstance(written["seconds"], float) and written["seconds"] >= 0


def test_lintas_command_assign_dispatches(tmp_path):
    src, out = tmp_path / "in.json", tmp_path / "out.json"
    src.write_text(json.dumps(GOOD))
    assert lintas_main(["assign", str(src), "-o", str(out)]) == 0
    assert json.loads(out.read_text())["assignments"] == [{"agent": "a", "target": "x"}]


def test_solve_score_table_same_result_as_score_list():
    rng = random.Random(3)
    agents, targets, scores, forbidden = random_instance(rng, 8, 5, 0.6)
    table = ScoreTable(
        agents=[s.agent for s in scores],
        targets=[s.target for s in scores],
        values=[s.score for s in scores],
    )
    by_list = solve(agents=agents, targets=targets, scores=scores, forbidden=forbidden)
    by_table = solve(agents=agents, targets=targets, scores=table, forbidden=forbidden)
    assert (by_table.status, by_table.objective, by_table.message) == (
        by_list.status,
        by_list.objective,
        by_list.message,
    )
    assert by_table.assignments == by_list.assignments


def test_solve_non_number_score_raises_input_error():
    with pytest.raises(InputError, match=r"scores\[1\]: score must be a number, got '2'"):
        solve(
            agents=[A("a", 0, 2)],
            targets=[T("x", 1), T("y", 1)],
            scores=[S("a", "x", 1), S("a", "y", "2")],
        )


def test_main_huge_integer_score_exit_2(tmp_path, capsys):
    doc = variant(scores=[{"agent": "a", "target": "x", "score": 10**400}])
    code, written, err = run_cli(tmp_path, doc, capsys)
    assert (code, written) == (2, None)
    assert "scores[0]: score must be finite" in err
