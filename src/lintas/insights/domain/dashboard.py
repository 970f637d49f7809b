"""What the dashboard, the impact page and the downloads show, assembled from the KPIs."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from lintas.core.models import Sector, User
from lintas.insights.domain import engine, funnel, kpis, summary

LABELS = {
    "promoted": _("Projects promoted"),
    "enterprises": _("Enterprises served"),
    "matches": _("Matches"),
    "interests": _("Interests"),
    "introductions": _("Introductions"),
    "meetings": _("Meetings held"),
    "agreements": _("Agreements"),
}
DIMENSION_LABELS = {
    "year": _("Year"),
    "country": _("Country"),
    "sector": _("Sector"),
    "event": pgettext_lazy("dimension", "Event"),
    "broker": _("Broker"),
}
STEP_LABELS = {
    "published": pgettext_lazy("funnel", "Published"),
    "matched": pgettext_lazy("funnel", "Matched"),
    "interest": pgettext_lazy("funnel", "Interest"),
    "introduced": pgettext_lazy("funnel", "Introduced"),
    "meeting": pgettext_lazy("funnel", "Meeting"),
    "agreement": pgettext_lazy("funnel", "Agreement"),
}


def _available(keys) -> list[str]:
    return [k for k in keys if kpis.KPIS[k]() is not None]


def totals(filters: engine.Filters, keys=tuple(kpis.KPIS), run=None) -> dict:
    """{kpi: int or None (unavailable)}: live, one query per figure; or, given a summary
    ``run``, from its snapshot (no filters) or its facts (one query)."""
    if run is not None:
        available = _available(keys)
        if filters.active():
            found = summary.counts(filters, available)
        else:
            found = {k: run.snapshot["totals"].get(k, 0) for k in available}
        return {k: found.get(k) for k in keys}
    out = {}
    for key in keys:
        sources = kpis.KPIS[key]()
        out[key] = None if sources is None else engine.count(sources, filters)
    return out


def agreement_value(filters: engine.Filters, by: str | None = None, run=None) -> dict | None:
    sources = kpis.agreements()
    if sources is None:
        return None
    if run is not None:
        return summary.money(filters, by)
    return engine.money(sources, filters, by)


def key_labels(by: str, keys) -> dict:
    """Readable labels for dimension values: one query per dimension at most."""
    keys = [k for k in keys if k is not None]
    if by == "country":
        return {k: str(countries.name(k) or k) for k in keys}
    if by == "sector":
        return {s.slug: s.name for s in Sector.objects.filter(slug__in=keys)}
    if by == "broker":
        return {u.pk: u.get_full_name() or u.username for u in User.objects.filter(pk__in=keys)}
    if by == "event":
        from django.apps import apps

        if apps.is_installed("lintas.events"):
            from lintas.events.models import Event

            return {e.pk: e.title for e in Event.objects.filter(pk__in=keys)}
    return {k: str(k) for k in keys}


def _per_kpi(filters: engine.Filters, by: str, keys, run) -> tuple[dict, list]:
    available = _available(keys)
    unavailable = [k for k in keys if k not in available]
    if run is None:
        return {k: engine.count(kpis.KPIS[k](), filters, by) for k in available}, unavailable
    if filters.active():
        return summary.counts(filters, available, by), unavailable
    per_kpi: dict = {k: {} for k in available}
    for kpi, key, n in run.snapshot["breakdowns"][by]:
        if kpi in per_kpi:
            per_kpi[kpi][key] = n
    return per_kpi, unavailable


def breakdown(filters: engine.Filters, by: str, keys=tuple(kpis.KPIS), run=None) -> dict:
    """Rows sorted by key (years ascending, others by descending first figure):
    {"columns": [...], "rows": [{"key", "label", "values": {kpi: n}}], "unavailable": [...]}.
    Live, or from a summary ``run`` when given."""
    per_kpi, unavailable = _per_kpi(filters, by, keys, run)
    all_keys = set()
    for values in per_kpi.values():
        all_keys.update(values)
    labels = key_labels(by, all_keys)
    rows = [
        {
            "key": k,
            "label": labels.get(k, str(k)),
            "values": {kpi: per_kpi[kpi].get(k, 0) if kpi in per_kpi else None for kpi in keys},
        }
        for k in all_keys
    ]
    if by == "year":
        rows.sort(key=lambda r: r["key"])
    else:
        rows.sort(key=lambda r: (-sum(v or 0 for v in r["values"].values()), r["label"]))
    return {"columns": list(keys), "rows": rows, "unavailable": unavailable}


def funnel_report(filters: engine.Filters, run=None) -> list[dict] | None:
    """The funnel with medians: from a summary ``run`` when given (its snapshot when nothing
    is filtered, else its per-profile rows), else counted live."""
    if not funnel.available():
        return None
    stored = run.snapshot.get("funnel") if run is not None and not filters.active() else None
    if stored:
        rows = [dict(r) for r in stored["counts"]]
        medians = stored["medians"]
    elif run is not None:
        rows = funnel.counts_from_summary(filters)
        medians = funnel.median_days_from_summary(filters)
    else:
        rows = funnel.counts(filters)
        medians = funnel.median_days(filters)
    first = rows[0]["reached"] or 0
    for row in rows:
        row["label"] = STEP_LABELS[row["step"]]
        row["median_days"] = medians.get(row["step"])
        row["share"] = round(100 * row["reached"] / first, 1) if first else 0.0
    return rows


def broker_choices():
    return User.objects.filter(Q(role="broker") | Q(role="admin")).order_by("username")
