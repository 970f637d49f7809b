"""Competition eligibility goes through the programmes app's rule evaluator."""

import datetime as dt

import pytest

from lintas.competitions.domain import entries
from lintas.competitions.models import Entry
from lintas.programmes.domain import eligibility
from tests.competitions.conftest import ENTERPRISE_RULES, TEAM_RULES, make_entry

TODAY = dt.date(2027, 2, 1)


def test_enterprise_rules_name_each_failure():
    found = eligibility.check(
        rules=ENTERPRISE_RULES, today=TODAY, founded_year=2018, capital_usd=5_000_000,
        revenue_usd=31_000_000, country="FR",
    )  # fmt: skip
    assert found == [
        "Enterprises must be founded in 2021 or later; this one was founded in 2018.",
        "Registered capital must not exceed US$4,500,000; it is US$5,000,000.",
        "Revenue must not exceed US$30,000,000; it was US$31,000,000.",
        "Open to organisations registered in China, Indonesia, Laos, Malaysia, Thailand, "
        "Vietnam, Philippines, Cambodia, Myanmar, Singapore, Brunei; this one is "
        "registered in France.",
    ]


def test_enterprise_missing_facts_are_reasons():
    found = eligibility.check(rules=ENTERPRISE_RULES, today=TODAY, country="ID")
    assert found == [
        "Say in which year the enterprise was founded.",
        "Give the registered capital.",
        "Give last year's revenue.",
    ]


def test_team_rules_check_every_member_and_size():
    found = eligibility.check(
        rules=TEAM_RULES, today=TODAY, nationalities=["ID", "US"], team_size=7
    )
    assert found == [
        "Team members must be nationals of China, Indonesia, Laos, Malaysia, Thailand, Vietnam, "
        "Philippines; not: United States of America.",
        "Teams must have 2 to 6 members; this one has 7.",
    ]
    assert eligibility.check(rules=TEAM_RULES, today=TODAY, nationalities=["ID", "LA"],
                             team_size=2) == []  # fmt: skip


def test_validate_rules_knows_competition_keys():
    assert eligibility.validate_rules(ENTERPRISE_RULES) == []
    assert eligibility.validate_rules({"max_capital_usd": "lots", "countries": ["XX"]}) == [
        "max_capital_usd must be a whole number.",
        "Unknown country: XX.",
    ]


def test_check_eligibility_moves_eligible_entries_to_first_stage(competition, stage, officer):
    ok = make_entry(competition, name="Solar dryer", status="submitted")
    old = make_entry(competition, name="Old firm", status="submitted", founded_year=2015)
    team = make_entry(
        competition, name="Rice robot", group="team", status="submitted",
        members=[{"name": "A", "nationality": "LA"}, {"name": "B", "nationality": "TH"}],
    )  # fmt: skip
    counts = entries.check_eligibility(user=officer, competition=competition)
    assert counts == {"eligible": 2, "ineligible": 1}
    ok.refresh_from_db(), old.refresh_from_db(), team.refresh_from_db()
    assert (ok.status, ok.stage) == ("eligible", stage)
    assert (team.status, team.stage) == ("eligible", stage)
    assert old.status == "ineligible" and old.stage is None
    assert old.eligibility_reasons == [
        "Enterprises must be founded in 2021 or later; this one was founded in 2015."
    ]


def test_check_eligibility_refused_to_non_officers(competition, seeker):
    from django.core.exceptions import PermissionDenied

    make_entry(competition, name="Solar dryer", status="submitted")
    with pytest.raises(PermissionDenied):
        entries.check_eligibility(user=seeker, competition=competition)
    assert Entry.objects.get().status == "submitted"
