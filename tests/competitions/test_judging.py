"""Judge pools, conflicts, assignment through the programmes' engine, scoring with audit."""

from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lintas.competitions.domain import judging
from lintas.competitions.models import Assignment, Conflict, Score
from lintas.core.models import AuditEntry
from tests.competitions.conftest import make_entry, make_judges
from tests.factories import PublicationFactory, TalentFactory, UserFactory


@pytest.fixture
def field_of_six(competition, stage):
    entries = [
        make_entry(competition, name=f"Project {i}", stage=stage, field=i % 2) for i in range(6)
    ]
    return entries, make_judges(stage, 4, max_load=5)


def test_assign_gives_each_entry_k_judges_with_balanced_loads(officer, stage, field_of_six):
    entries, judges = field_of_six
    done = judging.assign_judges(user=officer, stage=stage)
    per_entry = Counter(a.entry_id for a in done)
    per_judge = Counter(a.judge_id for a in done)
    assert set(per_entry.values()) == {3}
    assert len(done) == 18 and max(per_judge.values()) <= 5
    stage.refresh_from_db()
    assert stage.status == "judging"


def test_assignment_honours_same_organisation_coauthorship_and_declared(
    officer, competition, stage, field_of_six
):
    entries, judges = field_of_six
    # Judge 1 works where entry 0's entrant works; judge 2 co-wrote a paper with a member of
    # entry 1; judge 3 declared a conflict with entry 2.
    entries[0].organisation = judges[0].talent.user.organisation
    entries[0].save()
    member_talent = TalentFactory(user=UserFactory(role="seeker"))
    entries[1].members.update(talent=member_talent)
    PublicationFactory(talent=member_talent, title="Solar cassava dryers in Laos",
                       normalised_title="solar cassava dryers in laos")  # fmt: skip
    PublicationFactory(talent=judges[1].talent, title="Solar cassava dryers in Laos",
                       normalised_title="solar cassava dryers in laos")  # fmt: skip
    Conflict.objects.create(entry=entries[2], talent=judges[2].talent, reason="former adviser")
    assert judging.conflict_reasons(talent=judges[0].talent, entry=entries[0]) == [
        "same organisation"
    ]
    assert judging.conflict_reasons(talent=judges[1].talent, entry=entries[1]) == [
        "co-author of “solar cassava dryers in laos”"
    ]
    judging.assign_judges(user=officer, stage=stage)
    pairs = set(Assignment.objects.values_list("entry_id", "judge_id"))
    assert (entries[0].pk, judges[0].pk) not in pairs
    assert (entries[1].pk, judges[1].pk) not in pairs
    assert (entries[2].pk, judges[2].pk) not in pairs
    assert Counter(e for e, _j in pairs) == {e.pk: 3 for e in entries}


def test_assignment_infeasible_names_the_entry(officer, competition, stage):
    entry = make_entry(competition, name="Lonely project", stage=stage)
    make_judges(stage, 2)
    with pytest.raises(ValidationError) as info:
        judging.assign_judges(user=officer, stage=stage)
    assert info.value.messages == [
        "No judge assignment is possible: entries need at least 3 assignments but judges "
        "accept at most 2"
    ]
    assert not Assignment.objects.filter(entry=entry).exists()


def test_team_member_may_not_judge_own_entry(competition, stage):
    judge = make_judges(stage, 1)[0]
    entry = make_entry(competition, name="Own", stage=stage,
                       members=[{"name": "J", "nationality": "CN", "talent": judge.talent}])  # fmt: skip
    assert judging.conflict_reasons(talent=judge.talent, entry=entry) == ["a member of the team"]


def test_score_changes_are_audited_with_before_and_after(officer, stage, field_of_six):
    judging.assign_judges(user=officer, stage=stage)
    a = Assignment.objects.select_related("judge__talent__user").first()
    judge_user = a.judge.talent.user
    values = {"innovation": 8, "market": 7, "team": 6, "feasibility": 5, "asean": 9}
    score = judging.submit_score(user=judge_user, assignment=a, values=values)
    assert score.total == pytest.approx((8 * 30 + 7 * 25 + 6 * 20 + 5 * 15 + 9 * 10) / 100)
    judging.submit_score(user=judge_user, assignment=a, values={**values, "market": 3})
    log = list(AuditEntry.objects.filter(object_id=a.entry_id, summary__contains="score")
               .order_by("pk"))  # fmt: skip
    assert [e.action for e in log] == ["create", "update"]
    assert log[1].changes == {"market": [7, 3]}
    assert Score.objects.get().values["market"] == 3


def test_score_refused_to_other_judges_and_out_of_range(officer, stage, field_of_six):
    judging.assign_judges(user=officer, stage=stage)
    a = Assignment.objects.first()
    other = Assignment.objects.exclude(judge=a.judge).first().judge.talent.user
    values = {"innovation": 8, "market": 7, "team": 6, "feasibility": 5, "asean": 9}
    with pytest.raises(PermissionDenied):
        judging.submit_score(user=other, assignment=a, values=values)
    with pytest.raises(ValidationError):
        judging.submit_score(user=a.judge.talent.user, assignment=a, values={**values, "team": 11})
    assert not Score.objects.exists()


def test_declared_conflict_withdraws_judge_and_keeps_score_in_audit(officer, stage, field_of_six):
    judging.assign_judges(user=officer, stage=stage)
    a = Assignment.objects.select_related("judge__talent__user", "entry").first()
    user = a.judge.talent.user
    values = {"innovation": 8, "market": 7, "team": 6, "feasibility": 5, "asean": 9}
    judging.submit_score(user=user, assignment=a, values=values)
    judging.declare_conflict(user=user, entry=a.entry, reason="I advised this team")
    assert not Assignment.objects.filter(pk=a.pk).exists()
    assert not user.has_perm("competitions.view_entry", a.entry)
    withdrawn = AuditEntry.objects.get(summary__contains="withdrawn")
    assert withdrawn.changes["score"][0] == values
