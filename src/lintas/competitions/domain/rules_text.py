"""Eligibility rules of a group in words, for the public page (the data stays the programmes'
rule format)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_countries import countries


def _names(codes) -> str:
    return ", ".join(str(countries.name(c) or c) for c in codes)


def describe(rules: dict) -> list[str]:
    out = []
    if "founded_from" in rules:
        out.append(_("Founded in %(year)d or later") % {"year": rules["founded_from"]})
    if "max_capital_usd" in rules:
        out.append(
            _("Registered capital up to US$%(cap)s") % {"cap": f"{rules['max_capital_usd']:,}"}
        )
    if "max_revenue_usd" in rules:
        out.append(_("Revenue up to US$%(cap)s") % {"cap": f"{rules['max_revenue_usd']:,}"})
    if rules.get("countries"):
        out.append(_("Registered in %(list)s") % {"list": _names(rules["countries"])})
    if rules.get("nationalities"):
        out.append(_("Team members from %(list)s") % {"list": _names(rules["nationalities"])})
    if "min_team" in rules or "max_team" in rules:
        out.append(
            _("%(low)d to %(high)d team members")
            % {"low": rules.get("min_team", 1), "high": rules.get("max_team", 99)}
        )
    return out
