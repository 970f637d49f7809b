"""Open data: published profiles (public fields only), published events and aggregate figures.

Profiles go through :func:`lintas.catalogue.domain.access.public_dict`, the one place that
decides what is public, so confidential details and contacts can never leak into an export.
"""

from __future__ import annotations

from django.apps import apps

from lintas.catalogue.domain.access import public_dict
from lintas.catalogue.enums import ProfileStatus
from lintas.catalogue.models import Profile
from lintas.insights.domain import dashboard, engine, kpis

PROFILE_COLUMNS = [
    "ref", "kind", "title", "summary", "description", "keywords", "trl", "ipr_status",
    "patent_numbers", "cooperation_modes", "target_countries", "content_language",
    "organisation", "country", "sectors", "status", "published_at", "expires_on",
]  # fmt: skip
EVENT_COLUMNS = ["slug", "title", "kind", "city", "country", "starts_on", "ends_on"]


def public_profiles():
    return (
        Profile.objects.filter(status=ProfileStatus.PUBLISHED)
        .select_related("organisation")
        .prefetch_related("sectors")
        .order_by("ref")
    )


def profile_rows(qs=None) -> list[dict]:
    return [public_dict(p) for p in (qs if qs is not None else public_profiles())]


def public_events():
    if not apps.is_installed("lintas.events"):
        return []
    from lintas.events.models import Event

    return Event.objects.filter(published=True).order_by("starts_on", "slug")


def event_rows(qs=None) -> list[dict]:
    return [
        {
            "slug": e.slug,
            "title": e.title,
            "kind": e.kind,
            "city": e.city,
            "country": e.country,
            "starts_on": e.starts_on.isoformat(),
            "ends_on": e.ends_on.isoformat(),
        }
        for e in (qs if qs is not None else public_events())
    ]


def statistics() -> dict:
    """Public figures: totals and breakdowns by year, country and sector (counts only)."""
    filters = engine.Filters()
    out = {"totals": dashboard.totals(filters, kpis.PUBLIC_KPIS), "by": {}}
    for by in ("year", "country", "sector"):
        table = dashboard.breakdown(filters, by, kpis.PUBLIC_KPIS)
        out["by"][by] = [{"key": r["key"], **r["values"]} for r in table["rows"]]
    return out


def statistics_rows(stats: dict) -> list[list]:
    header = ["dimension", "key", *kpis.PUBLIC_KPIS]
    rows = [header, ["total", "", *[stats["totals"][k] for k in kpis.PUBLIC_KPIS]]]
    for by, table in stats["by"].items():
        for row in table:
            rows.append([by, row["key"], *[row[k] for k in kpis.PUBLIC_KPIS]])
    return rows


def flat(value):
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return value
