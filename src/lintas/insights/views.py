"""Dashboard (brokers, officers, administrators), public impact page, downloads, open data."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.campaigns.domain import reach as campaign_reach
from lintas.campaigns.models import Campaign
from lintas.competitions.domain import figures as competition_figures
from lintas.competitions.models import Competition
from lintas.core import readable
from lintas.insights import charts, exports, tasks
from lintas.insights.domain import dashboard, declines, figures, opendata, summary
from lintas.insights.forms import DashboardFilter
from lintas.network.domain import queries as network_queries


def _staff(user) -> bool:
    return user.has_perm("insights.view_dashboard")


def _money_text(value: dict | None) -> str:
    """Totals per currency in the reader's words ("CNY 1,500,000; USD 20,000")."""
    return readable.money_totals(value)


def _charts(table: dict, labels: dict) -> list[dict]:
    out = []
    for kpi in table["columns"]:
        if kpi in table["unavailable"] or kpi in table["not_applicable"]:
            continue
        rows = [(r["label"], r["values"][kpi] or 0) for r in table["rows"]]
        if table["unassigned"] and table["unassigned"]["values"].get(kpi):
            rows.append((table["unassigned"]["label"], table["unassigned"]["values"][kpi]))
        title = str(labels[kpi])
        out.append(
            {
                "kpi": kpi,
                "title": title,
                "svg": mark_safe(charts.bars(rows[:15], title=title)),  # noqa: S308
                "rows": rows,
                "total": table["column_totals"].get(kpi),
            }
        )
    return out


@login_required
def dashboard_view(request):
    if not _staff(request.user):
        raise PermissionDenied(
            _("The dashboard is for brokers, programme officers and administrators.")
        )
    form = DashboardFilter(request.GET or None)
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    filters, by = form.filters(), form.dimension()
    run = summary.latest()
    table = dashboard.breakdown(filters, by, run=run)
    cards = dashboard.cards(filters, run=run, values=table["totals"])
    value = dashboard.agreement_value(filters, run=run)
    funnel = dashboard.funnel_report(filters, run=run)
    return render(
        request,
        "insights/dashboard.html",
        {
            "form": form,
            "by": by,
            "by_label": dashboard.DIMENSION_LABELS[by],
            "cards": cards,
            "agreement_value": _money_text(value),
            "table": table,
            "labels": dashboard.LABELS,
            "charts": _charts(table, dashboard.LABELS),
            "funnel": funnel,
            "funnel_svg": mark_safe(  # noqa: S308
                charts.funnel(
                    [(str(r["label"]), r["reached"]) for r in funnel], title=_("Conversion funnel")
                )
            )
            if funnel
            else "",
            "unavailable": [c["label"] for c in cards if c["state"] == "unavailable"],
            "breakdown_notes": _breakdown_notes(table, by),
            "query": request.GET.urlencode(),
            "run": run,
            "can_refresh": request.user.has_perm("insights.refresh_figures"),
            "declines": declines.report(filters),
            # Progress toward each campaign's goal and what its pages started (docs/campaigns.md).
            "campaigns": campaign_reach.summary(Campaign.objects.order_by("-starts_on", "name")),
            # Entries, advancement and what entries became, per edition (docs/competitions.md).
            "competitions": [
                {"competition": c, "figures": competition_figures.figures(c)}
                for c in Competition.objects.exclude(status="draft").order_by("-edition", "name")
            ],
        },
        status=status,
    )


def _breakdown_notes(table: dict, by: str) -> list[str]:
    """What the reader must know to add the rows up (shown under the table)."""
    notes = []
    if table["several"]:
        names = ", ".join(str(dashboard.LABELS[k]) for k in table["several"])
        notes.append(
            _(
                "One item can count in several rows for: %(figures)s. Their rows can add up to "
                "more than the total."
            )
            % {"figures": names}
        )
    exact = [
        k
        for k in table["columns"]
        if k not in table["several"]
        and k not in table["unavailable"]
        and k not in table["not_applicable"]
    ]
    if exact:
        names = ", ".join(str(dashboard.LABELS[k]) for k in exact)
        notes.append(_("The rows add up to the total for: %(figures)s.") % {"figures": names})
    for k in table["not_applicable"]:
        notes.append(
            dashboard.NOT_APPLICABLE
            % {"figure": dashboard.LABELS[k], "dimension": dashboard.DIMENSION_LABELS[by]}
        )
    return notes


@login_required
@require_POST
def refresh(request):
    """Brokers rebuild the summary now (queued when a Celery worker runs, else done here)."""
    if not request.user.has_perm("insights.refresh_figures"):
        raise PermissionDenied(_("Only brokers and administrators can refresh the figures."))
    tasks.refresh_summary.delay()
    messages.success(request, _("The figures are being refreshed."))
    return redirect("insights:dashboard")


def _table_rows(filters, by, run=None) -> list[list]:
    table = dashboard.breakdown(filters, by, run=run)
    header = [str(dashboard.DIMENSION_LABELS[by])] + [
        str(dashboard.LABELS[k]) for k in table["columns"]
    ]
    rows = [header]
    extra = [table["unassigned"]] if table["unassigned"] else []
    for r in [*table["rows"], *extra]:
        rows.append([r["label"], *[r["values"][k] for k in table["columns"]]])
    rows.append([_("Total"), *[table["column_totals"][k] for k in table["columns"]]])
    return rows


def _funnel_rows(filters, run=None) -> list[list]:
    report = dashboard.funnel_report(filters, run=run) or []
    rows = [[_("Step"), _("Reached"), _("Lost at this step"), _("Median days to reach")]]
    rows += [[str(r["label"]), r["reached"], r["lost"], r["median_days"]] for r in report]
    return rows


@login_required
def dashboard_download(request, fmt):
    if not _staff(request.user):
        raise PermissionDenied(
            _("The dashboard is for brokers, programme officers and administrators.")
        )
    form = DashboardFilter(request.GET or None)
    if form.is_bound and not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    filters, by = form.filters(), form.dimension()
    name = f"lintas-kpis-by-{by}"
    run = summary.latest()
    if fmt == "csv":
        return exports.csv_response(_table_rows(filters, by, run), name)
    if fmt == "xlsx":
        total_rows = [[_("Figure"), _("Value"), _("Definition")]] + [
            [str(c["label"]), c["value"], str(c["definition"])]
            for c in dashboard.cards(filters, run=run)
        ]
        value = dashboard.agreement_value(filters, run=run)
        total_rows.append([_("Agreement value"), _money_text(value)])
        return exports.xlsx_response(
            {
                _("Totals"): total_rows,
                str(dashboard.DIMENSION_LABELS[by]): _table_rows(filters, by, run),
                _("Funnel"): _funnel_rows(filters, run),
            },
            name,
        )
    raise Http404


def impact(request):
    """Public page: counts only, from non-confidential aggregates; no values, no names."""
    form = DashboardFilter(request.GET or None, public=True)
    status = 400 if form.is_bound and not form.is_valid() else 200
    filters, by = form.filters(), form.dimension()
    run = summary.latest()
    table = dashboard.breakdown(filters, by, figures.PUBLIC_KPIS, run=run)
    cards = dashboard.cards(filters, figures.PUBLIC_KPIS, run=run, values=table["totals"])
    return render(
        request,
        "insights/impact.html",
        {
            "form": form,
            "by": by,
            "by_label": dashboard.DIMENSION_LABELS[by],
            "cards": cards,
            "table": table,
            "breakdown_notes": _breakdown_notes(table, by),
            "labels": dashboard.LABELS,
            "charts": _charts(table, dashboard.LABELS),
            "network": network_queries.totals(),
            "run": run,
        },
        status=status,
    )


def open_data(request):
    return render(request, "insights/open_data.html")


def open_profiles(request, fmt):
    if fmt == "json":
        rows = opendata.profile_rows()
        return JsonResponse(
            {"count": len(rows), "results": rows}, json_dumps_params={"ensure_ascii": False}
        )
    return exports.csv_response(opendata.profile_table(), "lintas-profiles")


def open_events(request, fmt):
    rows = opendata.event_rows()
    if fmt == "json":
        return JsonResponse(
            {"count": len(rows), "results": rows}, json_dumps_params={"ensure_ascii": False}
        )
    table = [opendata.EVENT_COLUMNS] + [[r[c] for c in opendata.EVENT_COLUMNS] for r in rows]
    return exports.csv_response(table, "lintas-events")


def open_statistics(request, fmt):
    stats = opendata.statistics()
    if fmt == "json":
        return JsonResponse(stats, json_dumps_params={"ensure_ascii": False})
    return exports.csv_response(opendata.statistics_rows(stats), "lintas-statistics")
