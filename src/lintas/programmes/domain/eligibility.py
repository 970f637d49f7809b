"""Eligibility rules are data on the call (JSON), checked here with messages that say why."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django_countries import countries

from lintas.programmes.enums import Degree

DEGREE_ORDER = [Degree.BACHELOR, Degree.MASTER, Degree.PHD]
RULE_KEYS = {"max_age", "age_on", "nationalities", "degrees"}


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def validate_rules(rules: dict) -> list[str]:
    """Problems in a rule set itself (for the officer's call form)."""
    problems = []
    if not isinstance(rules, dict):
        return [_("Eligibility rules must be a JSON object.")]
    unknown = set(rules) - RULE_KEYS
    if unknown:
        problems.append(_("Unknown eligibility rules: %s.") % ", ".join(sorted(unknown)))
    if "max_age" in rules and not isinstance(rules["max_age"], int):
        problems.append(_("max_age must be a whole number."))
    if "age_on" in rules:
        try:
            dt.date.fromisoformat(str(rules["age_on"]))
        except ValueError:
            problems.append(_("age_on must be a date like 2027-03-31."))
    for degree in rules.get("degrees", []):
        if degree not in Degree.values:
            problems.append(_("Unknown degree: %s.") % degree)
    return problems


def check(*, rules: dict, birth_date, nationality: str, degree: str, today: dt.date) -> list[str]:
    """Every reason the applicant is not eligible; an empty list means eligible."""
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
    if allowed and nationality not in allowed:
        names = ", ".join(str(countries.name(c)) for c in allowed)
        messages.append(
            _("This call is open to nationals of %(list)s; you gave %(yours)s.")
            % {"list": names, "yours": countries.name(nationality) or nationality}
        )
    degrees = rules.get("degrees")
    if degrees and degree not in degrees:
        labels = ", ".join(str(Degree(d).label) for d in degrees)
        messages.append(_("This call requires one of these degrees: %s.") % labels)
    return messages
