"""Normalisation across judges, tie-breaks, advancement and prizes."""

import pytest
from django.core.exceptions import ValidationError

from lintas.competitions.domain import judging, ranking
from lintas.competitions.domain.normalise import normalise
from lintas.competitions.models import Assignment, Judge, Score
from tests.competitions.conftest import ONE_CRITERION, make_entry, make_judges

# A harsh judge H, a lenient judge L and a middle judge M each score three of four entries.
# A is the best entry of both judges who saw it; B drew the lenient judge.
ROWS = [
    ("A", "H", 5), ("C", "H", 3), ("D", "H", 4),
    ("B", "L", 8), ("C", "L", 9), ("D", "L", 10),
    ("A", "M", 8), ("B", "M", 6), ("C", "M", 7),
]  # fmt: skip


def test_normalisation_changes_a_ranking_raw_means_get_wrong():
    found = normalise(ROWS)
    by_raw = sorted(found, key=lambda e: (-found[e].raw_mean, e))
    by_normalised = sorted(found, key=lambda e: -found[e].normalised)
    assert by_raw == ["B", "D", "A", "C"]  # B (7.0) beats A (6.5) thanks to the lenient judge
    assert by_normalised == ["A", "D", "C", "B"]
    assert found["A"].z_mean == pytest.approx(1.224745, abs=1e-6)
    assert found["B"].z_mean == pytest.approx(-1.224745, abs=1e-6)


def test_single_score_or_flat_judge_counts_as_average():
    found = normalise([("A", "J1", 9), ("B", "J2", 4), ("B", "J3", 6), ("C", "J3", 6)])
    assert found["A"].z_mean == 0.0  # J1 scored one entry: nothing known of their scale
    assert found["C"].z_mean == 0.0 and found["B"].z_mean == 0.0  # J2 single, J3 flat


def _score(stage, entry, judge, value, criteria=None):
    a = Assignment.objects.create(stage=stage, entry=entry, judge=judge)
    values = criteria or {"innovation": value}
    return Score.objects.create(assignment=a, values=values,
                                total=judging.weighted_total(stage, values))  # fmt: skip


def test_stage_ranking_and_advancement_use_normalised_scores(officer, competition, stage):
    stage.rubric = ONE_CRITERION
    stage.advance_per_cell = 1
    stage.status = "judging"
    stage.save()
    entries = {n: make_entry(competition, name=n, stage=stage) for n in "ABCD"}
    judges = dict(zip("HLM", make_judges(stage, 3), strict=True))
    for e, j, v in ROWS:
        _score(stage, entries[e], judges[j], v)
    rows = ranking.ranking(stage)
    assert [r["entry"].project_name for r in rows] == ["A", "D", "C", "B"]
    assert [r["rank"] for r in rows] == [1, 2, 3, 4]
    results = ranking.advance(user=officer, stage=stage)
    final = competition.stages.get(position=2)
    assert {r.entry.project_name for r in results if r.advanced} == {"A"}
    entries["A"].refresh_from_db(), entries["B"].refresh_from_db()
    assert entries["A"].stage == final and entries["B"].stage == stage
    stage.refresh_from_db()
    assert stage.status == "done"


def test_advancement_is_per_group_and_field(officer, competition, stage):
    stage.rubric = ONE_CRITERION
    stage.advance_per_cell = 1
    stage.status = "judging"
    stage.save()
    judges = make_judges(stage, 2)
    cells = [("enterprise", 0), ("enterprise", 1), ("team", 0), ("team", 1)]
    made = []
    for group, field in cells:
        for value in (9, 4):
            e = make_entry(competition, name=f"{group}-{field}-{value}", group=group,
                           field=field, stage=stage)  # fmt: skip
            for j in judges:
                _score(stage, e, j, value)
            made.append(e)
    results = ranking.advance(user=officer, stage=stage)
    assert sorted(r.entry.project_name for r in results if r.advanced) == [
        "enterprise-0-9", "enterprise-1-9", "team-0-9", "team-1-9",
    ]  # fmt: skip


def test_tie_broken_by_heaviest_criterion_as_published(competition, stage):
    stage.rubric = [{"criterion": "innovation", "weight": 2}, {"criterion": "market", "weight": 1}]
    stage.status = "judging"
    stage.save()
    judges = make_judges(stage, 2)
    x = make_entry(competition, name="X", stage=stage)  # total (8*2+5)/3 = 7
    y = make_entry(competition, name="Y", stage=stage)  # total (7*2+7)/3 = 7
    z = make_entry(competition, name="Z", stage=stage)
    for j in judges:
        _score(stage, y, j, 0, {"innovation": 7, "market": 7})
        _score(stage, x, j, 0, {"innovation": 8, "market": 5})
        _score(stage, z, j, 0, {"innovation": 2, "market": 2})
    assert competition.tie_break_labels[0] == (
        "higher normalised score on the rubric's heaviest criterion"
    )
    rows = ranking.ranking(stage)
    assert [r["entry"].project_name for r in rows] == ["X", "Y", "Z"]
    competition.tie_break = ["earlier"]
    competition.save()
    rows = ranking.ranking(stage)
    assert [r["entry"].project_name for r in rows] == ["X", "Y", "Z"]  # X was entered first
    competition.tie_break = ["raw"]
    competition.save()
    # raw means are equal too; then the entry number decides
    assert [r["entry"].project_name for r in ranking.ranking(stage)] == ["X", "Y", "Z"]


def test_advance_refused_while_scores_missing(officer, competition, stage):
    stage.status = "judging"
    stage.save()
    e = make_entry(competition, name="A", stage=stage)
    Assignment.objects.create(stage=stage, entry=e, judge=make_judges(stage, 1)[0])
    with pytest.raises(ValidationError) as info:
        ranking.advance(user=officer, stage=stage)
    assert info.value.messages == ["1 assigned scores are still missing."]
    assert not e.advancements.exists()


def test_final_prizes_per_group_and_special_award(officer, competition):
    final = competition.stages.get(is_final=True)
    final.rubric = ONE_CRITERION
    final.status = "judging"
    final.save()
    judges = make_judges(final, 2)
    for group in ("enterprise", "team"):
        for value in (9, 8, 7, 6):
            e = make_entry(competition, name=f"{group} {value}", group=group, stage=final)
            for j in judges:
                _score(final, e, j, value)
    awards = ranking.award_prizes(user=officer, stage=final)
    assert sorted((a.group.kind, a.place, a.entry.project_name) for a in awards) == [
        ("enterprise", 1, "enterprise 9"), ("enterprise", 2, "enterprise 8"),
        ("enterprise", 3, "enterprise 7"), ("team", 1, "team 9"), ("team", 2, "team 8"),
        ("team", 3, "team 7"),
    ]  # fmt: skip
    star = ranking.add_special_award(
        user=officer, competition=competition, name="Creative Stars",
        entry=competition.entries.get(project_name="team 6"),
    )  # fmt: skip
    assert star.kind == "special"
    ranking.publish_results(user=officer, competition=competition)
    competition.refresh_from_db()
    assert competition.results_published
    assert Judge.objects.filter(stage=final).count() == 2
