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
