"""Eligibility rules are data (JSON) on a call or a competition group, checked here with
messages that say why.

One rule format and one evaluator for every app that selects people or projects: programme calls
use the personal rules (age, nationality, degree, years of experience) and may ask about the
applicant's organisation (type, founding year, capital and revenue caps); competition groups
(``lintas.competitions``) use the organisational ones (founding year, registered capital and
revenue caps, country of registration, team size) and may combine them with nationalities
(every team member's). Every key is optional::

    {"max_age": 45, "age_on": "2027-03-31", "nationalities": ["ID", "VN"],
     "degrees": ["phd", "master"], "min_years_experience": 3,
     "organisation_types": ["enterprise"], "founded_from": 2015,
     "max_capital_usd": 5000000, "max_revenue_usd": 20000000,
     "countries": ["ID"], "min_team": 2, "max_team": 6}

Stable API:

- ``evaluate(rules=..., facts=..., today=...)`` → one ``RuleResult`` per rule, passed or not,
  with the requirement and the value in words (the application page, the officer's preview);
- ``check(rules=..., today=..., birth_date=..., nationality=..., ...)`` → the failed rules'
  messages (an empty list means eligible);
- ``validate_rules(rules)`` → problems in a rule set itself;
- ``FACTS``: the facts a rule set can ask about; ``facts_needed(rules)``: those it does ask.

Facts are a plain dict: ``birth_date``, ``nationality`` (ISO alpha-2), ``nationalities`` (a
team's members'), ``degree``, ``years_experience``, ``organisation_type``, ``founded_year``,
``capital_usd``, ``revenue_usd``, ``country`` (of registration), ``team_size``. A missing fact
a rule needs fails that rule ("not given"), it never passes silently.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_countries import countries

from lintas.core.enums import OrganisationType
from lintas.programmes.enums import Degree

DEGREE_ORDER = [Degree.BACHELOR, Degree.MASTER, Degree.PHD]
PERSONAL_KEYS = {"max_age", "age_on", "nationalities", "degrees", "min_years_experience"}
ORGANISATION_KEYS = {
    "organisation_types",  # university, institute, enterprise, government body, intermediary
    "founded_from",  # founded in or after this year
    "max_capital_usd",  # registered capital below or at this cap (US dollars)
    "max_revenue_usd",  # last year's revenue below or at this cap (US dollars)
    "countries",  # country of registration
    "min_team",  # team size bounds
    "max_team",
}
RULE_KEYS = PERSONAL_KEYS | ORGANISATION_KEYS
_WHOLE_NUMBERS = ("max_age", "min_years_experience", "founded_from", "max_capital_usd",
                  "max_revenue_usd", "min_team", "max_team")  # fmt: skip
# Which fact each rule reads, in the order rules are evaluated (age_on only qualifies max_age).
FACT_OF_RULE = {
    "max_age": "birth_date",
    "nationalities": "nationality",
    "degrees": "degree",
    "min_years_experience": "years_experience",
    "organisation_types": "organisation_type",
    "founded_from": "founded_year",
    "max_capital_usd": "capital_usd",
    "max_revenue_usd": "revenue_usd",
    "countries": "country",
    "min_team": "team_size",
    "max_team": "team_size",
}
RULE_ORDER = list(FACT_OF_RULE)
FACTS = ("birth_date", "nationality", "nationalities", "degree", "years_experience",
         "organisation_type", "founded_year", "capital_usd", "revenue_usd", "country",
         "team_size")  # fmt: skip


@dataclass(frozen=True)
class RuleResult:
    """One rule applied to one applicant, in words for the page, the e-mail and the API."""

    key: str  # the rule's key in the JSON, e.g. "max_age" ("team" for min_team/max_team)
    label: str  # what the rule is about, e.g. "Age"
    requirement: str  # e.g. "45 or younger on 31 March 2027"
    value: str  # the applicant's value, e.g. "47", or "not given"
    passed: bool
    message: str  # why it failed ("" when it passed)

    def as_dict(self) -> dict:
        return {
            "rule": self.key,
            "label": self.label,
            "requirement": self.requirement,
            "value": self.value,
            "passed": self.passed,
            "message": self.message,
        }


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def _as_list(value) -> list:
    return value if isinstance(value, list) else []


def validate_rules(rules: dict) -> list[str]:
    """Problems in a rule set itself (for the officer's call or competition form)."""
    problems = []
    if not isinstance(rules, dict):
        return [_("Eligibility rules must be a JSON object.")]
    unknown = set(rules) - RULE_KEYS
    if unknown:
        problems.append(_("Unknown eligibility rules: %s.") % ", ".join(sorted(unknown)))
    for key in _WHOLE_NUMBERS:
        if key in rules and (type(rules[key]) is not int or rules[key] < 0):
            problems.append(_("%s must be a whole number.") % key)
    if "age_on" in rules:
        try:
            dt.date.fromisoformat(str(rules["age_on"]))
        except ValueError:
            problems.append(_("age_on must be a date like 2027-03-31."))
    for key in ("nationalities", "degrees", "organisation_types", "countries"):
        if key in rules and not isinstance(rules[key], list):
            problems.append(_("%s must be a list.") % key)
    for degree in _as_list(rules.get("degrees")):
        if degree not in Degree.values:
            problems.append(_("Unknown degree: %s.") % degree)
    for key in ("nationalities", "countries"):
        for code in _as_list(rules.get(key)):
            if not countries.name(code):
                problems.append(_("Unknown country: %s.") % code)
    for kind in _as_list(rules.get("organisation_types")):
        if kind not in OrganisationType.values:
            problems.append(_("Unknown organisation type: %s.") % kind)
    return problems


def facts_needed(rules: dict) -> list[str]:
    """The facts this rule set asks applicants for, in rule order, each once."""
    needed = []
    for key in RULE_ORDER:
        if rules.get(key) not in (None, [], "") and FACT_OF_RULE[key] not in needed:
            needed.append(FACT_OF_RULE[key])
    return needed


def _money(amount) -> str:
    return f"US${int(amount):,}"


def _country(code) -> str:
    return str(countries.name(code) or code or "?")


def evaluate(*, rules: dict, facts: dict, today: dt.date) -> list[RuleResult]:
    """Every rule of the set applied to the facts, in a fixed order, passed or not."""
    out: list[RuleResult] = []
    given = {k: v for k, v in facts.items() if v not in (None, "")}
    not_given = _("not given")

    def add(key, label, requirement, value, passed, message):
        out.append(RuleResult(key, label, requirement, value, passed, "" if passed else message))

    max_age = rules.get("max_age")
    if max_age is not None:
        day = dt.date.fromisoformat(rules["age_on"]) if rules.get("age_on") else today
        requirement = _("%(max)d or younger on %(day)s") % {
            "max": max_age,
            "day": date_format(day, "DATE_FORMAT"),
        }
        birth = given.get("birth_date")
        if birth is None:
            add("max_age", _("Age"), requirement, not_given, False,
                _("Give your date of birth: this call has an age limit."))  # fmt: skip
        else:
            age = age_on(birth, day)
            add("max_age", _("Age"), requirement, str(age), age <= max_age,
                _("Applicants must be %(max)d or younger on %(day)s; you are %(age)d.")
                % {"max": max_age, "day": day.isoformat(), "age": age})  # fmt: skip
    allowed = _as_list(rules.get("nationalities"))
    if allowed:
        names = ", ".join(_country(c) for c in allowed)
        team = facts.get("nationalities")
        if team is not None:
            others = sorted({n for n in team if n not in allowed})
            add("nationalities", _("Nationality"), names,
                ", ".join(_country(n) for n in team) or not_given, not others,
                _("Team members must be nationals of %(list)s; not: %(others)s.")
                % {"list": names, "others": ", ".join(_country(c) for c in others)})  # fmt: skip
        else:
            mine = given.get("nationality", "")
            add("nationalities", _("Nationality"), names,
                _country(mine) if mine else not_given, mine in allowed,
                _("This call is open to nationals of %(list)s; you gave %(yours)s.")
                % {"list": names, "yours": countries.name(mine) or mine})  # fmt: skip
    degrees = _as_list(rules.get("degrees"))
    if degrees:
        labels = ", ".join(str(Degree(d).label) for d in degrees if d in Degree.values)
        mine = given.get("degree")
        value = str(Degree(mine).label) if mine in Degree.values else not_given
        add("degrees", _("Degree"), labels, value, mine in degrees,
            _("This call requires one of these degrees: %s.") % labels)  # fmt: skip
    years = rules.get("min_years_experience")
    if years is not None:
        mine = given.get("years_experience")
        shown = not_given if mine is None else str(mine)
        add("min_years_experience", _("Years of experience"), _("at least %d") % years, shown,
            mine is not None and mine >= years,
            _("This call asks for at least %(min)d years of experience; you gave %(yours)s.")
            % {"min": years, "yours": shown})  # fmt: skip
    kinds = _as_list(rules.get("organisation_types"))
    if kinds:
        labels = ", ".join(
            str(OrganisationType(k).label) for k in kinds if k in OrganisationType.values
        )
        mine = given.get("organisation_type")
        value = str(OrganisationType(mine).label) if mine in OrganisationType.values else not_given
        add("organisation_types", _("Organisation type"), labels, value, mine in kinds,
            _("This call is open to these kinds of organisation: %(list)s; yours is %(yours)s.")
            % {"list": labels, "yours": value})  # fmt: skip
    out.extend(_organisation_results(rules, given, not_given))
    return out


def _organisation_results(rules, given, not_given) -> list[RuleResult]:
    out = []
    founded_from = rules.get("founded_from")
    if founded_from is not None:
        year = given.get("founded_year")
        if year is None:
            message = _("Say in which year the enterprise was founded.")
        else:
            message = _(
                "Enterprises must be founded in %(year)d or later; this one was founded in "
                "%(founded)d."
            ) % {"year": founded_from, "founded": year}
        passed = year is not None and year >= founded_from
        out.append(RuleResult("founded_from", _("Founding year"), _("%d or later") % founded_from,
                              not_given if year is None else str(year), passed,
                              "" if passed else message))  # fmt: skip
    for key, fact, label, missing, too_high in (
        ("max_capital_usd", "capital_usd", _("Registered capital"),
         _("Give the registered capital."),
         _("Registered capital must not exceed %(cap)s; it is %(value)s.")),
        ("max_revenue_usd", "revenue_usd", _("Annual revenue"),
         _("Give last year's revenue."),
         _("Revenue must not exceed %(cap)s; it was %(value)s.")),
    ):  # fmt: skip
        cap = rules.get(key)
        if cap is None:
            continue
        value = given.get(fact)
        passed = value is not None and value <= cap
        if value is None:
            message = missing
        else:
            message = too_high % {"cap": _money(cap), "value": _money(value)}
        out.append(RuleResult(key, label, _("at most %s") % _money(cap),
                              not_given if value is None else _money(value), passed,
                              "" if passed else message))  # fmt: skip
    allowed = _as_list(rules.get("countries"))
    if allowed:
        names = ", ".join(_country(c) for c in allowed)
        mine = given.get("country", "")
        passed = mine in allowed
        message = _(
            "Open to organisations registered in %(list)s; this one is registered in %(yours)s."
        ) % {"list": names, "yours": _country(mine)}
        out.append(RuleResult("countries", _("Country of registration"), names,
                              _country(mine) if mine else not_given, passed,
                              "" if passed else message))  # fmt: skip
    low, high = rules.get("min_team"), rules.get("max_team")
    if low is not None or high is not None:
        size = given.get("team_size")
        too_small = low is not None and size is not None and size < low
        too_big = high is not None and size is not None and size > high
        passed = not (too_small or too_big)
        requirement = _("%(low)d to %(high)d members") % {"low": low or 1, "high": high or 99}
        message = _("Teams must have %(low)d to %(high)d members; this one has %(n)d.") % {
            "low": low or 1,
            "high": high or 99,
            "n": size or 0,
        }
        out.append(RuleResult("team", _("Team size"), requirement,
                              not_given if size is None else str(size), passed,
                              "" if passed else message))  # fmt: skip
    return out


def check(
    *,
    rules: dict,
    today: dt.date,
    birth_date=None,
    nationality: str = "",
    degree: str = "",
    nationalities=None,
    founded_year: int | None = None,
    capital_usd: int | None = None,
    revenue_usd: int | None = None,
    country: str = "",
    team_size: int | None = None,
    **more,
) -> list[str]:
    """Every reason the applicant (a person, or an organisation or team when the keyword
    arguments after ``nationalities`` are given) is not eligible; an empty list means eligible.

    ``nationalities`` are a team's members' nationalities: with a ``nationalities`` rule every
    member must hold one of the allowed ones. A missing fact that a rule needs is a reason too
    (an enterprise that does not say when it was founded cannot be shown to be young enough),
    except a birth date, which only people have. ``more`` takes ``years_experience`` and
    ``organisation_type``.
    """
    facts = {
        "birth_date": birth_date,
        "nationality": nationality,
        "degree": degree,
        "nationalities": nationalities,
        "founded_year": founded_year,
        "capital_usd": capital_usd,
        "revenue_usd": revenue_usd,
        "country": country,
        "team_size": team_size,
        **more,
    }
    return [
        r.message
        for r in evaluate(rules=rules, facts=facts, today=today)
        if not r.passed and not (r.key == "max_age" and birth_date is None)
    ]


def describe(rules: dict, *, today: dt.date) -> list[tuple[str, str]]:
    """(label, requirement) per rule, for the call's public page."""
    return [(r.label, r.requirement) for r in evaluate(rules=rules, facts={}, today=today)]
