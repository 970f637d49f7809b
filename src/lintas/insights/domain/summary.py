"""The summary layer: KPI facts and unfiltered figures computed ahead of time.

Why: counting live joins ~125k evidence rows and every sector and party per figure, which takes
seconds at 100k profiles. ``refresh_summary`` copies each KPI source's rows (counted object and
every dimension value, exactly as the live engine joins them) into ``KpiFact`` with one
``INSERT ... SELECT`` per source, then stores the unfiltered totals, breakdowns and funnel in a
``SummaryRun``. Figures read from the facts mean the same as the live ones: same rows, same
``COUNT(DISTINCT)``; the tests compare both on the same data.
"""

from __future__ import annotations

import time

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from lintas.catalogue.models import Profile
from lintas.core.models import Organisation
from lintas.insights.domain import engine, figures, funnel
from lintas.insights.models import FunnelDuration, KpiFact, ProfileFunnel, SummaryRun

TABLE = KpiFact._meta.db_table
COLUMNS = ("year", "country", "sector", "event", "broker")


def latest() -> SummaryRun | None:
    """The last finished refresh, or None (then the dashboard counts live)."""
    return SummaryRun.objects.order_by("-finished_at", "-pk").first()


def _insert_source(kpi: str, source: engine.Source, seen: set) -> None:
    names = {"kpi_obj": F(source.obj)}
    for dim in COLUMNS:
        if dim in source.dims:
            names[f"kpi_d_{dim}"] = engine._expr(source.dims[dim])
    if source.value:
        names["kpi_value"] = F(source.value)
        names["kpi_currency"] = F(source.currency)
    qs = source.qs.annotate(**names).values(*names).order_by()
    sql, params = qs.query.sql_with_params()
    if (kpi, sql, tuple(params)) in seen:
        return False  # the same rows twice (two sides no dimension tells apart) count once
    seen.add((kpi, sql, tuple(params)))
    select = ["%s", "kpi_obj"]
    select += [f"kpi_d_{d}" if d in source.dims else "NULL" for d in COLUMNS]
    select += ["kpi_value", "kpi_currency"] if source.value else ["NULL", "NULL"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (kpi, obj, {', '.join(COLUMNS)}, value, currency) "
            f"SELECT {', '.join(select)} FROM ({sql}) kpi_s",
            [kpi, *params],
        )
    return True


def _first_years(kpi: str) -> None:
    """Set every row's year to the year its object first counted (as ``engine._union``)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {TABLE} SET year = kpi_m.fy FROM (SELECT obj AS fo, MIN(year) AS fy "
                f"FROM {TABLE} WHERE kpi = %s GROUP BY obj) kpi_m "
                f"WHERE {TABLE}.kpi = %s AND {TABLE}.obj = kpi_m.fo AND {TABLE}.year <> kpi_m.fy",
                [kpi, kpi],
            )
            return
        # SQLite would scan the grouped subquery once per row; a correlated lookup through
        # the (kpi, obj) index is linear (named: its planner picks the (kpi, year) index for
        # MIN(year) and scans the whole figure for every row).
        cursor.execute(
            f"UPDATE {TABLE} SET year = (SELECT MIN(f.year) FROM {TABLE} f "
            "INDEXED BY insights_fact_obj "
            f"WHERE f.kpi = {TABLE}.kpi AND f.obj = {TABLE}.obj) WHERE kpi = %s",
            [kpi],
        )


def _insert_kpi(kpi: str, sources) -> None:
    seen: set = set()
    inserted = sum(_insert_source(kpi, source, seen) for source in sources)
    if inserted > 1:
        _first_years(kpi)


# Most selective first: the index a filtered read goes through.
SELECTIVE = ("event", "broker", "sector", "country", "year")


def _table(filters: engine.Filters) -> str:
    """The facts table, on SQLite with the index of the most selective filter named: its
    planner, without statistics, would walk the index of the grouped column instead and look
    up every row (1 s instead of 0.1 s at 100k profiles)."""
    active = filters.active()
    if connection.vendor != "sqlite" or not active:
        return TABLE
    dim = next(d for d in SELECTIVE if d in active)
    return f"{TABLE} INDEXED BY insights_fact_{dim}"


def _where(filters: engine.Filters, keys) -> tuple[str, list]:
    parts = [f"kpi IN ({', '.join(['%s'] * len(keys))})"]
    params = list(keys)
    for dim, want in filters.active().items():
        parts.append(f"{dim} = %s")
        params.append(want)
    return " AND ".join(parts), params


def counts(filters: engine.Filters, keys, by: str | None = None) -> dict:
    """{kpi: int} or {kpi: {key: int}} from the facts, one query for all figures."""
    keys = list(keys)
    if not keys:
        return {}
    where, params = _where(filters, keys)
    with connection.cursor() as cursor:
        if by is None:
            cursor.execute(
                f"SELECT kpi, COUNT(DISTINCT obj) FROM {_table(filters)} WHERE {where} GROUP BY kpi",
                params,
            )
            found = dict(cursor.fetchall())
            return {k: found.get(k, 0) for k in keys}
        assert by in COLUMNS
        cursor.execute(
            f"SELECT kpi, {by}, COUNT(DISTINCT obj) FROM {_table(filters)} "
            f"WHERE {where} AND {by} IS NOT NULL GROUP BY kpi, {by}",
            params,
        )
        out: dict = {k: {} for k in keys}
        for kpi, key, n in cursor.fetchall():
            out[kpi][key] = n
        return out


def assigned(filters: engine.Filters, keys, by: str) -> dict:
    """{kpi: distinct objects that have a value for ``by``} (the rest are "unassigned")."""
    keys = list(keys)
    if not keys:
        return {}
    assert by in COLUMNS
    where, params = _where(filters, keys)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT kpi, COUNT(DISTINCT obj) FROM {_table(filters)} WHERE {where} AND {by} IS NOT NULL "
            "GROUP BY kpi",
            params,
        )
        found = dict(cursor.fetchall())
    return {k: found.get(k, 0) for k in keys}


def money(filters: engine.Filters, by: str | None = None) -> dict:
    """Agreement value per currency from the facts (same rule as ``engine.money``)."""
    where, params = _where(filters, ["agreements"])
    key = by if by else "0"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT k, currency, SUM(value) FROM (SELECT DISTINCT obj, {key} AS k, currency, "
            f"value FROM {_table(filters)} WHERE {where} AND value IS NOT NULL"
            + (f" AND {by} IS NOT NULL" if by else "")
            + ") kpi_d GROUP BY k, currency",
            params,
        )
        rows = cursor.fetchall()
    return engine.fold_values(rows, by)


def _insert_funnel() -> None:
    """``ProfileFunnel``: every published profile with its furthest step (0 if none), and
    ``FunnelDuration``: every waiting time the live medians are taken from."""
    ev_sql, params = funnel.furthest_sql()
    now = timezone.now()  # as funnel.published_profiles(): nothing published ahead of now
    profile, org = Profile._meta.db_table, Organisation._meta.db_table
    if connection.vendor == "postgresql":
        year = "CAST(EXTRACT(YEAR FROM p.published_at) AS INTEGER)"
    else:
        year = "CAST(SUBSTR(p.published_at, 1, 4) AS INTEGER)"
    # The profile's year, country and broker ride along, so filtering needs no join.
    dims = f"{year}, o.country, p.broker_id"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ProfileFunnel._meta.db_table} "
            "(profile_id, furthest, year, country, broker) "
            f"SELECT p.id, COALESCE(f.furthest, 0), {dims} FROM {profile} p "
            f"LEFT JOIN {org} o ON o.id = p.organisation_id "
            f"LEFT JOIN ({ev_sql}) f ON f.pid = p.id "
            "WHERE p.published_at IS NOT NULL AND p.published_at <= %s",
            [*params, connection.ops.adapt_datetimefield_value(now)],
        )
        for step, qs, path in funnel.duration_querysets(engine.NO_FILTERS):
            sql, p = qs.annotate(kpi_pid=F(path)).values("kpi_pid", "secs").query.sql_with_params()
            cursor.execute(
                f"INSERT INTO {FunnelDuration._meta.db_table} "
                "(step, profile_id, secs, year, country, broker) "
                f"SELECT %s, kpi_s.kpi_pid, kpi_s.secs, {dims} FROM ({sql}) kpi_s "
                f"JOIN {profile} p ON p.id = kpi_s.kpi_pid "
                f"LEFT JOIN {org} o ON o.id = p.organisation_id",
                [step, *p],
            )


def _unfiltered(keys) -> dict:
    """Totals, every breakdown and how many objects each breakdown assigns, for ``keys``."""
    return {
        "totals": counts(engine.NO_FILTERS, keys),
        "breakdowns": {
            dim: [
                [kpi, key, n]
                for kpi, per_key in counts(engine.NO_FILTERS, keys, dim).items()
                for key, n in per_key.items()
            ]
            for dim in engine.DIMENSIONS
        },
        "assigned": {dim: assigned(engine.NO_FILTERS, keys, dim) for dim in engine.DIMENSIONS},
    }


def _funnel_snapshot() -> dict:
    return {
        "counts": funnel.counts_from_summary(engine.NO_FILTERS),
        "medians": funnel.median_days_from_summary(engine.NO_FILTERS),
    }


def _lock() -> None:
    if connection.vendor == "postgresql":
        # Two refreshes at once would each keep the other's new rows: take turns (SQLite
        # already lets one writer at a time).
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('lintas.insights.summary'))")


def refresh_summary() -> SummaryRun:
    """Rebuild the facts and the unfiltered figures in one transaction (readers see the old
    summary until it commits). Returns the new run; older runs are removed."""
    started = timezone.now()
    t0 = time.perf_counter()
    timings: dict = {}

    def lap(name):
        timings[name] = round(time.perf_counter() - t0 - sum(timings.values()), 3)

    with transaction.atomic():
        _lock()
        for model in (KpiFact, ProfileFunnel, FunnelDuration):
            model.objects.all()._raw_delete(model.objects.db)
        lap("delete")
        available = []
        for kpi, figure in figures.FIGURES.items():
            sources = figure.sources()
            if sources is None:
                continue
            available.append(kpi)
            _insert_kpi(kpi, sources)
        lap("kpi facts")
        snapshot: dict = {**_unfiltered(available), "funnel": None}
        lap("unfiltered figures")
        if funnel.available():
            _insert_funnel()
            lap("funnel rows")
            snapshot["funnel"] = _funnel_snapshot()
            lap("funnel figures")
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner keeps the empty tables' plans for filtered reads.
            with connection.cursor() as cursor:
                for model in (KpiFact, ProfileFunnel, FunnelDuration):
                    cursor.execute(f"ANALYZE {model._meta.db_table}")
            lap("analyze")
        snapshot["timings"] = timings
        rows = KpiFact.objects.count()
        run = SummaryRun.objects.create(
            started_at=started,
            finished_at=timezone.now(),
            seconds=round(time.perf_counter() - t0, 3),
            rows=rows,
            snapshot=snapshot,
        )
        SummaryRun.objects.exclude(pk=run.pk).delete()
    return run


def refresh_figures(keys, *, funnel_rows: bool = False) -> SummaryRun:
    """Rebuild only the facts of the figures ``keys`` (and the funnel rows if asked), keeping
    the others: what a write schedules (``insights.domain.refresh``). Without a summary yet,
    a full rebuild."""
    t0 = time.perf_counter()
    with transaction.atomic():
        _lock()
        run = SummaryRun.objects.select_for_update().order_by("-finished_at", "-pk").first()
        if run is None or "assigned" not in run.snapshot:
            return refresh_summary()
        keys = [k for k in figures.FIGURES if k in set(keys)]
        available = []
        for kpi in keys:
            KpiFact.objects.filter(kpi=kpi)._raw_delete(KpiFact.objects.db)
            sources = figures.FIGURES[kpi].sources()
            if sources is not None:
                available.append(kpi)
                _insert_kpi(kpi, sources)
        snapshot = dict(run.snapshot)
        fresh = _unfiltered(available)
        snapshot["totals"] = {
            **{k: v for k, v in snapshot["totals"].items() if k not in keys},
            **fresh["totals"],
        }
        for dim in engine.DIMENSIONS:
            kept = [row for row in snapshot["breakdowns"][dim] if row[0] not in keys]
            snapshot["breakdowns"][dim] = kept + fresh["breakdowns"][dim]
            old = {k: v for k, v in snapshot["assigned"][dim].items() if k not in keys}
            snapshot["assigned"][dim] = {**old, **fresh["assigned"][dim]}
        if funnel_rows and funnel.available():
            for model in (ProfileFunnel, FunnelDuration):
                model.objects.all()._raw_delete(model.objects.db)
            _insert_funnel()
            snapshot["funnel"] = _funnel_snapshot()
        seconds = round(time.perf_counter() - t0, 3)
        snapshot["last_partial"] = {"figures": keys, "funnel": funnel_rows, "seconds": seconds}
        run.snapshot = snapshot
        run.finished_at = timezone.now()
        run.rows = KpiFact.objects.count()
        run.save()
    return run
