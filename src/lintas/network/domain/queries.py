"""Reusable queries of the network registry: filtered lists and counts per country."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Q, QuerySet

from lintas.core.enums import FOCUS_COUNTRIES
from lintas.core.models import Organisation
from lintas.network.models import JointLab, Mechanism, Platform, SciencePark

LAYERS = ("members", "labs", "parks", "mechanisms")


def members(*, country: str = "", member_type: str = "", org_type: str = "") -> QuerySet:
    qs = Organisation.objects.exclude(member_type="").annotate(
        published=Count("profiles", filter=Q(profiles__status="published"))
    )
    if country:
        qs = qs.filter(country=country)
    if member_type:
        qs = qs.filter(member_type=member_type)
    if org_type:
        qs = qs.filter(type=org_type)
    return qs.order_by("country", "name")


def _in_country(qs: QuerySet, country: str) -> QuerySet:
    """JSON list membership that works on SQLite and PostgreSQL alike: the lists are short
    two-letter codes, so a quoted substring match is exact."""
    return qs.filter(countries__icontains=f'"{country}"') if country else qs


def joint_labs(*, country: str = "", sector: str = "", status: str = "") -> QuerySet:
    qs = JointLab.objects.select_related("sector").prefetch_related("partners")
    qs = _in_country(qs, country)
    if sector:
        qs = qs.filter(sector__slug=sector)
    if status:
        qs = qs.filter(status=status)
    return qs


def science_parks(*, country: str = "", status: str = "") -> QuerySet:
    qs = SciencePark.objects.all()
    if country:
        qs = qs.filter(Q(country=country) | Q(countries__icontains=f'"{country}"'))
    if status:
        qs = qs.filter(status=status)
    return qs


def mechanisms(*, country: str = "") -> QuerySet:
    qs = Mechanism.objects.all()
    if country:
        qs = qs.filter(Q(country_a=country) | Q(country_b=country))
    return qs


def platforms(*, kind: str = "") -> QuerySet:
    qs = Platform.objects.select_related("organisation")
    return qs.filter(kind=kind) if kind else qs


def counts_by_country(layer: str) -> dict[str, int]:
    """How many members / joint labs / parks / mechanisms involve each country.

    Members are grouped in the database; the other registries are small (tens of rows), and
    their country lists are JSON, so they are counted from one query each.
    """
    if layer == "members":
        rows = (
            Organisation.objects.exclude(member_type="").values("country").annotate(n=Count("id"))
        )
        return {str(r["country"]): r["n"] for r in rows}
    counter: Counter = Counter()
    if layer == "labs":
        for countries in JointLab.objects.values_list("countries", flat=True):
            counter.update(set(countries or []))
    elif layer == "parks":
        for country, countries in SciencePark.objects.values_list("country", "countries"):
            counter.update({str(country), *(countries or [])})
    elif layer == "mechanisms":
        for a, b in Mechanism.objects.values_list("country_a", "country_b"):
            counter.update({str(a), str(b)})
    return dict(counter)


def totals() -> dict[str, int]:
    return {
        "members": Organisation.objects.exclude(member_type="").count(),
        "labs": JointLab.objects.count(),
        "parks": SciencePark.objects.count(),
        "mechanisms": Mechanism.objects.count(),
        "platforms": Platform.objects.count(),
    }


def focus_countries() -> list[str]:
    return list(FOCUS_COUNTRIES)
