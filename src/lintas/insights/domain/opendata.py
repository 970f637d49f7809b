"""Open data: published profiles (public fields only), published events and aggregate figures.

Profiles go through :func:`lintas.catalogue.domain.access.public_dict`, the one place that
decides what is public, so confidential details and contacts can never leak into an export.
"""

from __future__ import annotations

from django.apps import apps

from lintas.catalogue.domain.access import public_dict
from lintas.catalogue.enums import ProfileStatus
from lintas.catalogue.models import Profile
from lintas.core import readable
from lintas.insights.domain import dashboard, engine, figures, summary

PROFILE_COLUMNS = [
    "ref", "kind", "title", "summary", "description", "keywords", "trl", "ipr_status",
    "patent_numbers", "cooperation_modes", "target_countries", "content_language",
    "organisation", "country", "sectors", "status", "published_at", "expires_on",
]  # fmt: skip
# The CSV adds these beside the codes: the same values as words in the reader's language (the
# request's), for people opening the file in a spreadsheet (lintas.core.readable).
READABLE_COLUMNS = [
    "kind_words", "trl_words", "ipr_status_words", "cooperation_modes_words",
    "target_countries_words", "content_language_words", "country_words", "sectors_words",
    "published_on", "expires_on_words",
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


def readable_profile(profile) -> dict:
    """The coded public values of a profile as words in the active language."""
    return {
        "kind_words": str(profile.get_kind_display()),
        "trl_words": readable.trl_long(profile.trl) if profile.trl else "",
        "ipr_status_words": readable.ipr(profile.ipr_status) if profile.ipr_status else "",
        "cooperation_modes_words": "; ".join(readable.mode_list(profile.cooperation_modes)),
        "target_countries_words": "; ".join(readable.country_list(profile.target_countries)),
        "content_language_words": readable.language_name(profile.content_language),
        "country_words": readable.country(profile.organisation.country),
        "sectors_words": "; ".join(readable.sector_list(profile.sectors.all())),
        "published_on": readable.date(profile.published_at) if profile.published_at else "",
        "expires_on_words": readable.date(profile.expires_on) if profile.expires_on else "",
    }


def profile_table(qs=None) -> list[list]:
    """The CSV: a header, then per profile its public values (codes, as in the JSON) and the
    same values as words (``READABLE_COLUMNS``)."""
    rows = [PROFILE_COLUMNS + READABLE_COLUMNS]
    for profile in qs if qs is not None else public_profiles():
        coded = public_dict(profile)
        words = readable_profile(profile)
        rows.append(
            [flat(coded[c]) for c in PROFILE_COLUMNS] + [words[c] for c in READABLE_COLUMNS]
        )
    return rows


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
    """Public figures: totals and breakdowns by year, country and sector (counts only), read
    from the same summary as the impact page. A ``null`` key is the "unassigned" row; ``several``
    names the figures whose rows can add up to more than the total."""
    filters = engine.Filters()
    run = summary.latest()
    out = {
        "as_of": run.finished_at.isoformat() if run else None,
        "definitions": {k: str(figures.DEFINITIONS[k]) for k in figures.PUBLIC_KPIS},
        "totals": dashboard.totals(filters, figures.PUBLIC_KPIS, run=run),
        "by": {},
        "several": {},
    }
    for by in ("year", "country", "sector"):
        table = dashboard.breakdown(filters, by, figures.PUBLIC_KPIS, run=run)
        rows = table["rows"] + ([table["unassigned"]] if table["unassigned"] else [])
        out["by"][by] = [{"key": r["key"], **r["values"]} for r in rows]
        out["several"][by] = table["several"]
    return out


def statistics_rows(stats: dict) -> list[list]:
    header = ["dimension", "key", *figures.PUBLIC_KPIS]
    rows = [header, ["total", "", *[stats["totals"][k] for k in figures.PUBLIC_KPIS]]]
    for by, table in stats["by"].items():
        for row in table:
            key = "unassigned" if row["key"] is None else row["key"]
            rows.append([by, key, *[row[k] for k in figures.PUBLIC_KPIS]])
    return rows


def flat(value):
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return value
