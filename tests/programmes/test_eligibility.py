import datetime as dt

from lintas.programmes.domain import eligibility

RULES = {"max_age": 45, "age_on": "2027-03-31", "nationalities": ["ID", "VN"], "degrees": ["phd"]}
TODAY = dt.date(2026, 12, 1)


def test_eligibility_ok_returns_no_messages():
    found = eligibility.check(
        rules=RULES, birth_date=dt.date(1990, 1, 1), nationality="ID", degree="phd", today=TODAY
    )
    assert found == []


def test_eligibility_too_old_says_age_and_date():
    found = eligibility.check(
        rules=RULES, birth_date=dt.date(1979, 6, 1), nationality="ID", degree="phd", today=TODAY
    )
    assert found == ["Applicants must be 45 or younger on 2027-03-31; you are 47."]


def test_eligibility_birthday_on_reference_day_counts():
    # Turns 46 exactly on 2027-03-31: too old. One day later: still 45.
    assert eligibility.age_on(dt.date(1981, 3, 31), dt.date(2027, 3, 31)) == 46
    assert eligibility.age_on(dt.date(1981, 4, 1), dt.date(2027, 3, 31)) == 45


def test_eligibility_nationality_and_degree_named():
    found = eligibility.check(
        rules=RULES, birth_date=dt.date(1990, 1, 1), nationality="FR", degree="master", today=TODAY
    )
    assert found == [
        "This call is open to nationals of Indonesia, Vietnam; you gave France.",
        "This call requires one of these degrees: Doctorate (PhD).",
    ]


def test_eligibility_without_age_on_uses_today():
    found = eligibility.check(
        rules={"max_age": 30}, birth_date=dt.date(1990, 1, 1), nationality="ID", degree="phd",
        today=dt.date(2026, 12, 1),
    )  # fmt: skip
    assert found == ["Applicants must be 30 or younger on 2026-12-01; you are 36."]


def test_eligibility_rules_validated():
    problems = eligibility.validate_rules({"max_age": "old", "age_on": "soon", "colour": 1})
    assert problems == [
        "Unknown eligibility rules: colour.",
        "max_age must be a whole number.",
        "age_on must be a date like 2027-03-31.",
    ]


FULL = {
    "max_age": 45, "age_on": "2027-03-31", "nationalities": ["ID"], "degrees": ["phd"],
    "min_years_experience": 3, "organisation_types": ["enterprise"], "founded_from": 2015,
    "max_capital_usd": 5000000, "max_revenue_usd": 20000000,
}  # fmt: skip


def test_evaluate_every_rule_passes_with_its_value():
    facts = {
        "birth_date": dt.date(1990, 1, 1), "nationality": "ID", "degree": "phd",
        "years_experience": 4, "organisation_type": "enterprise", "founded_year": 2018,
        "capital_usd": 1000000, "revenue_usd": 20000000,
    }  # fmt: skip
    results = eligibility.evaluate(rules=FULL, facts=facts, today=TODAY)
    assert [(r.key, r.passed) for r in results] == [
        ("max_age", True), ("nationalities", True), ("degrees", True),
        ("min_years_experience", True), ("organisation_types", True),
        ("founded_from", True), ("max_capital_usd", True), ("max_revenue_usd", True),
    ]  # fmt: skip
    values = {r.key: r.value for r in results}
    assert values["max_age"] == "37"
    assert values["nationalities"] == "Indonesia"
    assert values["organisation_types"] == "Enterprise"
    assert values["max_capital_usd"] == "US$1,000,000"


def test_evaluate_failures_say_why_and_missing_facts_fail():
    facts = {
        "birth_date": dt.date(1990, 1, 1), "nationality": "ID", "degree": "phd",
        "years_experience": 2, "organisation_type": "university", "founded_year": 2010,
        "capital_usd": 6000000,
    }  # fmt: skip
    failed = {
        r.key: (r.value, r.message)
        for r in eligibility.evaluate(rules=FULL, facts=facts, today=TODAY)
        if not r.passed
    }
    assert failed == {
        "min_years_experience": (
            "2",
            "This call asks for at least 3 years of experience; you gave 2.",
        ),
        "organisation_types": (
            "University",
            "This call is open to these kinds of organisation: Enterprise; yours is University.",
        ),
        "founded_from": (
            "2010",
            "Enterprises must be founded in 2015 or later; this one was founded in 2010.",
        ),
        "max_capital_usd": (
            "US$6,000,000",
            "Registered capital must not exceed US$5,000,000; it is US$6,000,000.",
        ),
        "max_revenue_usd": ("not given", "Give last year's revenue."),
    }


def test_check_keeps_its_signature_with_more_facts():
    found = eligibility.check(
        rules={"min_years_experience": 5}, birth_date=dt.date(1990, 1, 1), nationality="ID",
        degree="phd", today=TODAY, years_experience=6,
    )  # fmt: skip
    assert found == []


def test_new_rules_validated():
    problems = eligibility.validate_rules(
        {
            "founded_from": 2015.5,
            "max_capital_usd": -1,
            "organisation_types": ["pirates"],
            "nationalities": ["XX"],
        }  # fmt: skip
    )
    assert problems == [
        "founded_from must be a whole number.",
        "max_capital_usd must be a whole number.",
        "Unknown country: XX.",
        "Unknown organisation type: pirates.",
    ]


def test_facts_needed_in_rule_order():
    assert eligibility.facts_needed(
        {"max_revenue_usd": 1, "max_age": 40, "degrees": [], "min_team": 2, "max_team": 5}
    ) == ["birth_date", "revenue_usd", "team_size"]
