"""What the dashboard, the impact page and the downloads show, assembled from the KPIs."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from lintas.core.models import Sector, User
from lintas.insights.domain import engine, figures, funnel, summary

LABELS = figures.LABELS
DEFINITIONS = figures.DEFINITIONS
DIMENSION_LABELS = {
    "year": _("Year"),
    "country": _("Country"),
    "sector": _("Sector"),
    "event": pgettext_lazy("dimension", "Event"),
    "broker": _("Broker"),
}
# The funnel counts *profiles* (the cards count agreements, meetings, organisations): its labels
# say so.
STEP_LABELS = {
    "published": pgettext_lazy("funnel", "Profiles published"),
    "matched": pgettext_lazy("funnel", "Profiles matched"),
    "interest": pgettext_lazy("funnel", "Profiles with an interest"),
    "introduced": pgettext_lazy("funnel", "Profiles introduced"),
    "meeting": pgettext_lazy("funnel", "Profiles with a meeting"),
    "agreement": pgettext_lazy("funnel", "Profiles in an agreement"),
}
# The row of a breakdown for items with no value in that dimension.
UNASSIGNED_LABELS = {
    "year": _("No date"),
    "country": _("No country"),
    "sector": _("No sector"),
    "event": _("Not at an event"),
    "broker": _("No broker"),
}
NOT_APPLICABLE = _("%(figure)s: not linked to this dimension (%(dimension)s), so not shown.")


def _available(keys) -> list[str]:
    return [k for k in keys if figures.FIGURES[k].source_dims() is not None]


def not_applicable(filters: engine.Filters, keys, by: str | None = None) -> list[str]:
    """Figures none of whose sources has a filtered (or the grouped) dimension: matches under
    an event filter. They are shown as "not applicable", never as 0."""
    wanted = set(filters.active()) | ({by} if by else set())
    out = []
    for key in keys:
        sources = figures.FIGURES[key].source_dims()
        if sources is None:
            continue
        if not all(any(dim in dims for dims in sources) for dim in wanted):
            out.append(key)
    return out


def totals(filters: engine.Filters, keys=tuple(figures.FIGURES), run=None) -> dict:
    """{kpi: int, or None (unavailable or not applicable under these filters)}: live, one
    query per figure; or, given a summary ``run``, from its snapshot (no filters) or its facts
    (one query)."""
    skip = set(not_applicable(filters, keys))
    if run is not None:
        available = [k for k in _available(keys) if k not in skip]
        if filters.active():
            found = summary.counts(filters, available)
        else:
            found = {k: run.snapshot["totals"].get(k, 0) for k in available}
        return {k: found.get(k) for k in keys}
    out = {}
    for key in keys:
        sources = figures.FIGURES[key].sources()
        out[key] = None if sources is None or key in skip else engine.count(sources, filters)
    return out


def cards(
    filters: engine.Filters, keys=tuple(figures.FIGURES), run=None, values=None
) -> list[dict]:
    """The figures as cards: key, label, definition, value, and why a value is missing.
    ``values``: the totals if already counted (a breakdown's ``totals``)."""
    if values is None:
        values = totals(filters, keys, run)
    skip = set(not_applicable(filters, keys))
    out = []
    for key in keys:
        figure = figures.FIGURES[key]
        state = "ok"
        if values[key] is None:
            state = "not_applicable" if key in skip else "unavailable"
        out.append(
            {
                "key": key,
                "label": figure.label,
                "definition": figure.definition,
                "value": values[key],
                "state": state,
            }
        )
    return out


# The figures the home page shows, from the same summary as the dashboard.
HEADLINE = ("promoted", "enterprises", "introductions", "meetings", "agreements")


def headline(keys=HEADLINE) -> dict:
    """{"as_of": datetime or None, "cards": {key: card}}: the home page's figures, read exactly
    as the dashboard and the impact page read them (so the three never disagree)."""
    run = summary.latest()
    return {
        "as_of": run.finished_at if run else None,
        "cards": {c["key"]: c for c in cards(engine.NO_FILTERS, keys, run)},
    }


def summary_stamp() -> str | None:
    """Which summary the figures are read from (it changes with every refresh), or None when
    there is none and the figures are counted live. Pages cached for anonymous visitors put it
    in their key, so a refresh shows at once."""
    run = summary.latest()
    return f"{run.pk}:{run.finished_at.isoformat()}" if run else None


def agreement_value(filters: engine.Filters, by: str | None = None, run=None) -> dict | None:
    sources = figures.agreements()
    if sources is None:
        return None
    if run is not None:
        kept = summary.stored_money(run) if not filters.active() and by is None else None
        return kept if kept is not None else summary.money(filters, by)
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


def _per_kpi(filters: engine.Filters, by: str, keys, run) -> tuple[dict, dict]:
    """({kpi: {key: n}}, {kpi: objects with a value for ``by``}) for the applicable figures:
    live, or from a summary ``run``'s snapshot (no filters; ``breakdown`` reads the facts when
    filtered)."""
    if run is None:
        return (
            {k: engine.count(figures.FIGURES[k].sources(), filters, by) for k in keys},
            {k: engine.assigned(figures.FIGURES[k].sources(), filters, by) for k in keys},
        )
    per_kpi: dict = {k: {} for k in keys}
    for kpi, key, n in run.snapshot["breakdowns"][by]:
        if kpi in per_kpi:
            per_kpi[kpi][key] = n
    stored = run.snapshot.get("assigned", {}).get(by, {})
    return per_kpi, {k: stored.get(k, 0) for k in keys}


def breakdown(filters: engine.Filters, by: str, keys=tuple(figures.FIGURES), run=None) -> dict:
    """Rows sorted by key (years ascending, others by descending first figure), then an
    "unassigned" row for items with no value in ``by`` (profiles without a sector, agreements
    signed outside events), and the totals they add up to:

    {"columns", "rows": [{"key", "label", "values": {kpi: n}}], "unassigned": row or None,
     "totals": {kpi: n}, "column_totals": {kpi: n or None}, "several": [kpis whose rows can add up to more than the total],
     "unavailable": [...], "not_applicable": [...]}.

    For a figure not in ``several``, its rows plus the unassigned row equal its total. Live, or
    from a summary ``run`` when given."""
    available = _available(keys)
    unavailable = [k for k in keys if k not in available]
    skip = set(not_applicable(filters, keys, by))
    shown = [k for k in available if k not in skip]
    if run is not None and filters.active():
        # From the facts: the rows, then the totals and the assigned counts in one pass.
        skip_total = set(not_applicable(filters, keys))
        counted = [k for k in available if k not in skip_total]
        found, found_assigned = summary.totals_and_assigned(filters, counted, by)
        total = {k: found.get(k) for k in keys}
        per_kpi = summary.counts(filters, shown, by)
        assigned = {k: found_assigned.get(k, 0) for k in shown}
    else:
        per_kpi, assigned = _per_kpi(filters, by, shown, run)
        total = totals(filters, keys, run)
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
    missing = {k: (total[k] or 0) - assigned.get(k, 0) for k in shown}
    unassigned = None
    if any(missing.values()):
        unassigned = {
            "key": None,
            "label": UNASSIGNED_LABELS[by],
            "values": {kpi: missing.get(kpi) for kpi in keys},
        }
    return {
        "columns": list(keys),
        "rows": rows,
        "unassigned": unassigned,
        "totals": total,  # every figure's total under the filters (the cards)
        "column_totals": {k: total[k] if k in shown else None for k in keys},
        "several": [k for k in shown if by in figures.FIGURES[k].several],
        "unavailable": unavailable,
        "not_applicable": [k for k in keys if k in skip],
    }


def funnel_report(filters: engine.Filters, run=None) -> list[dict] | None:
    """The funnel with medians: from a summary ``run`` when given (its snapshot when nothing
    is filtered, else its per-profile rows), else counted live."""
    if not funnel.available():
        return None
    stored = run.snapshot.get("funnel") if run is not None else None
    # One filter value: computed ahead in the summary (funnel.by_filter_from_summary).
    ahead = (
        funnel.from_by_filter(stored["by_filter"], filters)
        if stored and stored.get("by_filter")
        else None
    )
    if stored and not filters.active():
        rows = [dict(r) for r in stored["counts"]]
        medians = stored["medians"]
    elif ahead is not None:
        rows, medians = ahead
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
