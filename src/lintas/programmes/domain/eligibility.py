"""Eligibility rules are data (JSON) on a call or a competition group, checked here with
messages that say why.

One rule format and one evaluator for every app that selects people or projects: programme calls
use the personal rules (age, nationality, degree); competition groups (``lintas.competitions``)
use the organisational ones (founding year, registered capital and revenue caps, country of
registration, team size) and may combine them with nationalities (every team member's).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django_countries import countries

from lintas.programmes.enums import Degree

DEGREE_ORDER = [Degree.BACHELOR, Degree.MASTER, Degree.PHD]
PERSONAL_KEYS = {"max_age", "age_on", "nationalities", "degrees"}
ORGANISATION_KEYS = {
    "founded_from",  # founded in or after this year
    "max_capital_usd",  # registered capital below or at this cap (US dollars)
    "max_revenue_usd",  # last year's revenue below or at this cap (US dollars)
    "countries",  # country of registration
    "min_team",  # team size bounds
    "max_team",
}
RULE_KEYS = PERSONAL_KEYS | ORGANISATION_KEYS
_WHOLE_NUMBERS = ("max_age", "founded_from", "max_capital_usd", "max_revenue_usd", "min_team",
                  "max_team")  # fmt: skip


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


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
    for degree in rules.get("degrees", []):
        if degree not in Degree.values:
            problems.append(_("Unknown degree: %s.") % degree)
    for key in ("nationalities", "countries"):
        for code in rules.get(key, []):
            if not countries.name(code):
                problems.append(_("Unknown country: %s.") % code)
    return problems


def _money(amount: int) -> str:
    return f"US${amount:,}"


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
) -> list[str]:
    """Every reason the applicant (a person, or an organisation or team when the keyword
    arguments after ``nationalities`` are given) is not eligible; an empty list means eligible.

    ``nationalities`` are a team's members' nationalities: with a ``nationalities`` rule every
    member must hold one of the allowed ones. A missing fact that a rule needs is a reason too
    (an enterprise that does not say when it was founded cannot be shown to be young enough).
    """
    messages = []
    max_age = rules.get("max_age")
    if max_age is not None and birth_date:
        day = dt.date.fromisoformat(rules["age_on"]) if rules.get("age_on") else today
        age = age_on(birth_date, day)
        if age > max_age:
            messages.append(
                _("Applicants must be %(max)d or younger on %(day)s; you are %(age)d.")
                % {"max": max_age, "day": day.isoformat(), "age": age}
            )
    allowed = rules.get("nationalities")
    if allowed and nationalities is not None:
        others = sorted({n for n in nationalities if n not in allowed})
        if others:
            messages.append(
                _("Team members must be nationals of %(list)s; not: %(others)s.")
                % {
                    "list": ", ".join(str(countries.name(c)) for c in allowed),
                    "others": ", ".join(str(countries.name(c) or c or "?") for c in others),
                }
            )
    elif allowed and nationality not in allowed:
        names = ", ".join(str(countries.name(c)) for c in allowed)
        messages.append(
            _("This call is open to nationals of %(list)s; you gave %(yours)s.")
            % {"list": names, "yours": countries.name(nationality) or nationality}
        )
    degrees = rules.get("degrees")
    if degrees and degree not in degrees:
        labels = ", ".join(str(Degree(d).label) for d in degrees)
        messages.append(_("This call requires one of these degrees: %s.") % labels)
    messages.extend(
        _organisation_reasons(
            rules,
            founded_year=founded_year,
            capital_usd=capital_usd,
            revenue_usd=revenue_usd,
            country=country,
            team_size=team_size,
        )
    )
    return messages


def _organisation_reasons(rules, *, founded_year, capital_usd, revenue_usd, country, team_size):
    messages = []
    founded_from = rules.get("founded_from")
    if founded_from is not None:
        if founded_year is None:
            messages.append(_("Say in which year the enterprise was founded."))
        elif founded_year < founded_from:
            messages.append(
                _("Enterprises must be founded in %(year)d or later; this one was founded in "
                  "%(founded)d.") % {"year": founded_from, "founded": founded_year}
            )  # fmt: skip
    for key, value, missing, too_high in (
        (
            "max_capital_usd",
            capital_usd,
            _("Give the registered capital."),
            _("Registered capital must not exceed %(cap)s; it is %(value)s."),
        ),
        (
            "max_revenue_usd",
            revenue_usd,
            _("Give last year's revenue."),
            _("Revenue must not exceed %(cap)s; it was %(value)s."),
        ),
    ):
        cap = rules.get(key)
        if cap is None:
            continue
        if value is None:
            messages.append(missing)
        elif value > cap:
            messages.append(too_high % {"cap": _money(cap), "value": _money(value)})
    allowed = rules.get("countries")
    if allowed and country not in allowed:
        messages.append(
            _("Open to organisations registered in %(list)s; this one is registered in %(yours)s.")
            % {
                "list": ", ".join(str(countries.name(c)) for c in allowed),
                "yours": countries.name(country) or country or "?",
            }
        )
    low, high = rules.get("min_team"), rules.get("max_team")
    too_small = low is not None and team_size is not None and team_size < low
    too_big = high is not None and team_size is not None and team_size > high
    if too_small or too_big:
        messages.append(
            _("Teams must have %(low)d to %(high)d members; this one has %(n)d.")
            % {"low": low or 1, "high": high or 99, "n": team_size}
        )
    return messages
