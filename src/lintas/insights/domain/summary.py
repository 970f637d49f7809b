"""The summary layer: KPI facts and unfiltered figures computed ahead of time.

Why: counting live joins ~125k evidence rows and every sector and party per figure, which takes
seconds at 100k profiles. ``refresh_summary`` copies each KPI source's rows (counted object and
every dimension value, exactly as the live engine joins them) into ``KpiFact`` with one
``INSERT ... SELECT`` per source, then stores the unfiltered totals, breakdowns and funnel in a
``SummaryRun``. Figures read from the facts mean the same as the live ones: same rows, same
``COUNT(DISTINCT)``; the tests compare both on the same data.
"""

from __future__ import annotations

import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from lintas.catalogue.models import Profile
from lintas.core.models import Organisation
from lintas.insights.domain import engine, figures, funnel
from lintas.insights.models import FunnelDuration, KpiFact, ProfileFunnel, SummaryRun

TABLE = KpiFact._meta.db_table
COLUMNS = ("year", "country", "sector", "event", "broker")
# Typed NULLs: a column no source of a figure has must still have its type in a UNION.
NULLS = {
    "year": "INTEGER",
    "country": "VARCHAR(2)",
    "sector": "VARCHAR(80)",
    "event": "BIGINT",
    "broker": "BIGINT",
    "value": "NUMERIC(16, 2)",
    "currency": "VARCHAR(3)",
}
# Facts keyed by their source record (``src``, ``root``): a summary built before them is
# rebuilt whole by the first refresh.
VERSION = 2
# Past this many records touched, a write's figure is rebuilt whole (one set-based statement
# beats long IN lists).
MAX_OBJECTS = 5000


class TooMany(Exception):
    """A per-record refresh would touch more than ``MAX_OBJECTS`` records."""


def latest() -> SummaryRun | None:
    """The last finished refresh, or None (then the dashboard counts live)."""
    return SummaryRun.objects.order_by("-finished_at", "-pk").first()


def distinct_sources(sources) -> list[tuple[int, engine.Source]]:
    """(index, source) of a figure's sources, leaving out a source that yields the very rows of
    an earlier one (two sides no dimension tells apart count once)."""
    out, seen = [], set()
    for i, source in enumerate(sources):
        sql, params = _annotated(source).query.sql_with_params()
        if (sql, tuple(params)) in seen:
            continue
        seen.add((sql, tuple(params)))
        out.append((i, source))
    return out


def _annotated(source: engine.Source, roots=None):
    qs = source.qs if roots is None else source.qs.filter(pk__in=roots)
    names = {"kpi_root": F("pk"), "kpi_obj": F(source.obj)}
    for dim in COLUMNS:
        if dim in source.dims:
            names[f"kpi_d_{dim}"] = engine._expr(source.dims[dim])
    if source.value:
        names["kpi_value"] = F(source.value)
        names["kpi_currency"] = F(source.currency)
    return qs.annotate(**names).values(*names).order_by()


def _source_sql(i: int, source: engine.Source, roots=None) -> tuple[str, list]:
    """``SELECT src, root, obj, year, country, sector, event, broker, value, currency``: the
    rows of source ``i`` (only those of the ``roots`` primary keys if given)."""
    sql, params = _annotated(source, roots).query.sql_with_params()
    cols = [f"{int(i)} AS src", "kpi_root AS root", "kpi_obj AS obj"]
    for dim in COLUMNS:
        cols.append(f"kpi_d_{dim} AS {dim}" if dim in source.dims else _null(dim))
    if source.value:
        cols += ["kpi_value AS value", "kpi_currency AS currency"]
    else:
        cols += [_null("value"), _null("currency")]
    return f"SELECT {', '.join(cols)} FROM ({sql}) kpi_s", list(params)


def _null(col: str) -> str:
    return f"CAST(NULL AS {NULLS[col]}) AS {col}"


def _insert_kpi(kpi: str, sources, roots: dict | None = None, table: str = TABLE) -> None:
    """Copy a figure's rows into the facts in one ``INSERT ... SELECT``; with ``roots``
    ({source index: primary keys}) only those records' rows. A full copy works out each
    object's first year with a window function; a partial one leaves it to
    ``_first_years``. ``table``: where the rows go (a full rebuild on PostgreSQL writes a new
    table, ``_fresh``)."""
    parts, params = [], []
    distinct = distinct_sources(sources)
    for i, source in distinct:
        if roots is not None and not roots.get(i):
            continue
        sql, p = _source_sql(i, source, None if roots is None else roots[i])
        parts.append(sql)
        params += p
    if not parts:
        return
    first = "year"
    if roots is None and len(distinct) > 1:
        first = "MIN(year) OVER (PARTITION BY obj)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (kpi, src, root, obj, row_year, year, "
            f"{', '.join(COLUMNS[1:])}, value, currency) "
            f"SELECT %s, src, root, obj, year, {first}, {', '.join(COLUMNS[1:])}, value, "
            f"currency FROM ({' UNION ALL '.join(parts)}) kpi_u",
            [kpi, *params],
        )


def _first_years(kpi: str, objs: list) -> None:
    """Set the year of the rows of ``objs`` to the year each object first counted."""
    for chunk in _chunks(objs):
        marks = ", ".join(["%s"] * len(chunk))
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {TABLE} SET year = (SELECT MIN(f.row_year) FROM {TABLE} f "
                f"WHERE f.kpi = {TABLE}.kpi AND f.obj = {TABLE}.obj) "
                f"WHERE kpi = %s AND obj IN ({marks})",
                [kpi, *chunk],
            )


def _chunks(items, size: int = 900):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


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


def counts(filters: engine.Filters, keys, by: str | None = None, table: str = "") -> dict:
    """{kpi: int} or {kpi: {key: int}} from the facts, one query for all figures (``table``:
    facts being rebuilt, not yet in place)."""
    keys = list(keys)
    if not keys:
        return {}
    where, params = _where(filters, keys)
    table = table or _table(filters)
    with connection.cursor() as cursor:
        if by is None:
            cursor.execute(
                f"SELECT kpi, COUNT(DISTINCT obj) FROM {table} WHERE {where} GROUP BY kpi",
                params,
            )
            found = dict(cursor.fetchall())
            return {k: found.get(k, 0) for k in keys}
        assert by in COLUMNS
        cursor.execute(
            f"SELECT kpi, {by}, COUNT(DISTINCT obj) FROM {table} "
            f"WHERE {where} AND {by} IS NOT NULL GROUP BY kpi, {by}",
            params,
        )
        out: dict = {k: {} for k in keys}
        for kpi, key, n in cursor.fetchall():
            out[kpi][key] = n
        return out


def assigned(filters: engine.Filters, keys, by: str, table: str = "") -> dict:
    """{kpi: distinct objects that have a value for ``by``} (the rest are "unassigned")."""
    keys = list(keys)
    if not keys:
        return {}
    assert by in COLUMNS
    where, params = _where(filters, keys)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT kpi, COUNT(DISTINCT obj) FROM {table or _table(filters)} WHERE {where} "
            f"AND {by} IS NOT NULL "
            "GROUP BY kpi",
            params,
        )
        found = dict(cursor.fetchall())
    return {k: found.get(k, 0) for k in keys}


def totals_and_assigned(filters: engine.Filters, keys, by: str) -> tuple[dict, dict]:
    """(``counts(filters, keys)``, ``assigned(filters, keys, by)``) in one pass over the facts:
    what a filtered breakdown needs besides its rows."""
    keys = list(keys)
    if not keys:
        return {}, {}
    assert by in COLUMNS
    where, params = _where(filters, keys)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT kpi, COUNT(DISTINCT obj), COUNT(DISTINCT CASE WHEN {by} IS NOT NULL "
            f"THEN obj END) FROM {_table(filters)} WHERE {where} GROUP BY kpi",
            params,
        )
        found = {kpi: (n, a) for kpi, n, a in cursor.fetchall()}
    return (
        {k: found.get(k, (0, 0))[0] for k in keys},
        {k: found.get(k, (0, 0))[1] for k in keys},
    )


def money(filters: engine.Filters, by: str | None = None, table: str = "") -> dict:
    """Agreement value per currency from the facts (same rule as ``engine.money``)."""
    where, params = _where(filters, ["agreements"])
    key = by if by else "0"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT k, currency, SUM(value) FROM (SELECT DISTINCT obj, {key} AS k, currency, "
            f"value FROM {table or _table(filters)} WHERE {where} AND value IS NOT NULL"
            + (f" AND {by} IS NOT NULL" if by else "")
            + ") kpi_d GROUP BY k, currency",
            params,
        )
        rows = cursor.fetchall()
    return engine.fold_values(rows, by)


def _insert_funnel(profiles=None, tables=None) -> None:
    """``ProfileFunnel``: every published profile with its furthest step (0 if none), and
    ``FunnelDuration``: every waiting time the live medians are taken from; ``profiles``: only
    the rows of these profile ids; ``tables``: (profile funnel, durations) tables being
    rebuilt instead of the models' own."""
    profile_funnel, durations = tables or (
        ProfileFunnel._meta.db_table,
        FunnelDuration._meta.db_table,
    )
    ev_sql, params = funnel.furthest_sql(profiles)
    only, only_params = "", []
    if profiles is not None:
        only = f" AND p.id IN ({', '.join(['%s'] * len(profiles))})"
        only_params = list(profiles)
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
            f"INSERT INTO {profile_funnel} (profile_id, furthest, year, country, broker) "
            f"SELECT p.id, COALESCE(f.furthest, 0), {dims} FROM {profile} p "
            f"LEFT JOIN {org} o ON o.id = p.organisation_id "
            f"LEFT JOIN ({ev_sql}) f ON f.pid = p.id "
            "WHERE p.published_at IS NOT NULL AND p.published_at <= %s" + only,
            [*params, connection.ops.adapt_datetimefield_value(now), *only_params],
        )
        for step, qs, path in funnel.duration_querysets(engine.NO_FILTERS, profiles):
            if step == "interest":
                sql, p = funnel.interest_durations_sql(profiles)
            else:
                sql, p = (
                    qs.annotate(kpi_pid=F(path)).values("kpi_pid", "secs").query.sql_with_params()
                )
            cursor.execute(
                f"INSERT INTO {durations} (step, profile_id, secs, year, country, broker) "
                f"SELECT %s, kpi_s.kpi_pid, kpi_s.secs, {dims} FROM ({sql}) kpi_s "
                f"JOIN {profile} p ON p.id = kpi_s.kpi_pid "
                f"LEFT JOIN {org} o ON o.id = p.organisation_id",
                [step, *p],
            )


def stored_money(run: SummaryRun) -> dict | None:
    """The unfiltered agreement value kept in ``run`` (as ``money(NO_FILTERS)``), or None for
    a run made before it was kept."""
    stored = run.snapshot.get("money")
    if stored is None:
        return None
    return {currency: Decimal(total) for currency, total in stored.items()}


def _unfiltered(keys, table: str = TABLE) -> dict:
    """Totals, every breakdown and how many objects each breakdown assigns, for ``keys``; and
    the agreement value when ``keys`` has agreements (totals as text: JSON has no decimals)."""
    extra = {}
    if "agreements" in keys:
        extra["money"] = {c: str(t) for c, t in money(engine.NO_FILTERS, table=table).items()}
    return {
        **extra,
        "totals": counts(engine.NO_FILTERS, keys, table=table),
        "breakdowns": {
            dim: [
                [kpi, key, n]
                for kpi, per_key in counts(engine.NO_FILTERS, keys, dim, table).items()
                for key, n in per_key.items()
            ]
            for dim in engine.DIMENSIONS
        },
        "assigned": {
            dim: assigned(engine.NO_FILTERS, keys, dim, table) for dim in engine.DIMENSIONS
        },
    }


def _funnel_snapshot(by_filter: bool = True, tables=None) -> dict:
    """The unfiltered funnel; with ``by_filter``, also the funnel under each single filter value
    (seconds at 100k profiles), so a one-filter page reads no rows. A refresh of a few profiles'
    rows leaves it out (pages then read the rows, as under two filters) until the next whole
    rebuild of the funnel rows. ``tables``: as ``_insert_funnel``'s."""
    profile_funnel, durations = tables or (
        ProfileFunnel._meta.db_table,
        FunnelDuration._meta.db_table,
    )
    out = {
        "counts": funnel.counts_unfiltered(profile_funnel),
        "medians": funnel.median_days_unfiltered(durations),
    }
    if by_filter:
        out["by_filter"] = funnel.by_filter_from_summary(profile_funnel, durations)
    return out


def _lock() -> None:
    if connection.vendor == "postgresql":
        # Two refreshes at once would each keep the other's new rows: take turns (SQLite
        # already lets one writer at a time).
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('lintas.insights.summary'))")


# SQLite's page cache during a rebuild (KiB), which also bounds its sorter's memory: the
# first-year windows and the index builds sort ~330k rows; at the default 2 MiB each sort
# spills to temporary files and merges them.
SQLITE_REBUILD_CACHE_KIB = 131072
# PostgreSQL's work_mem during a rebuild (MB; the default 4 MB spills the same sorts to disk).
POSTGRES_REBUILD_WORK_MEM_MB = 64


@contextmanager
def _sqlite_memory():
    """SQLite: a larger page cache on this connection for a rebuild, put back after it."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        cache = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{int(SQLITE_REBUILD_CACHE_KIB)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(cache)}")


def _postgres_memory() -> None:
    """PostgreSQL: sort and hash memory for the rest of this transaction only."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL work_mem = '{int(POSTGRES_REBUILD_WORK_MEM_MB)}MB'")


@dataclass
class _Load:
    """A summary table a full rebuild fills: the model, the table its rows go to, and on
    PostgreSQL what ``_swap`` renames (provisional index names, the primary key's name)."""

    model: type
    table: str
    renames: list = field(default_factory=list)
    primary: str = ""


def _fresh(model) -> _Load:
    """An empty table for ``model``'s rows, without indexes, ready for a bulk load.

    SQLite: the model's table itself, emptied and its own indexes (``Meta.indexes``) dropped
    (``_indexed`` creates them again); readers keep their WAL snapshot of the old rows.
    PostgreSQL: a new table shaped like it (same columns, NOT NULL and CHECK constraints, an
    identity id), while readers keep using the old table, untouched, until ``_swap`` (there a
    dropped index would lock the table against readers until the commit, and an index built
    in the transaction that deleted the old rows would still hold them). Either way inside the
    rebuild's transaction: a failed rebuild leaves the old rows and indexes as they were."""
    qn = connection.ops.quote_name
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            new = f"{table}_next"
            cursor.execute(f"DROP TABLE IF EXISTS {qn(new)}")
            cursor.execute(f"CREATE TABLE {qn(new)} (LIKE {qn(table)} INCLUDING CONSTRAINTS)")
            cursor.execute(
                f"ALTER TABLE {qn(new)} ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY"
            )
            return _Load(model, new)
        model.objects.all()._raw_delete(model.objects.db)
        if connection.vendor == "sqlite":
            for index in model._meta.indexes:
                cursor.execute(f"DROP INDEX IF EXISTS {qn(index.name)}")
    return _Load(model, table)


_INDEX_DEF = re.compile(r"^(CREATE (?:UNIQUE )?INDEX )(\S+)( ON )(\S+)( USING .*)$")


def _indexed(load: _Load) -> None:
    """Create the indexes of ``load``'s table after the bulk load: one sort per index instead
    of a B-tree insertion per row and index. SQLite: the model's own indexes. PostgreSQL: every
    index the model's table has (the primary key, the foreign key's, the model's), as the
    database defines it, under a provisional name on the new table; then its statistics."""
    qn = connection.ops.quote_name
    table = load.model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            editor = connection.schema_editor()
            for index in load.model._meta.indexes:
                cursor.execute(str(index.create_sql(load.model, editor)))
            return
        if load.table == table:
            return
        cursor.execute(
            "SELECT conname, conindid::regclass::text FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'p'",
            [table],
        )
        load.primary, primary_index = cursor.fetchone()
        cursor.execute(
            f"ALTER TABLE {qn(load.table)} ADD CONSTRAINT {qn(load.table + '_pkey')} "
            "PRIMARY KEY (id)"
        )
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE schemaname = current_schema() AND tablename = %s ORDER BY indexname",
            [table],
        )
        for i, (name, definition) in enumerate(cursor.fetchall()):
            if name == primary_index:
                continue
            parts = _INDEX_DEF.match(definition)
            provisional = f"{load.table}_{i}"
            cursor.execute(f"{parts[1]}{qn(provisional)}{parts[3]}{qn(load.table)}{parts[5]}")
            load.renames.append((provisional, name))
        cursor.execute(f"ANALYZE {qn(load.table)}")


def _swap(load: _Load) -> None:
    """PostgreSQL: put the new table in place of the model's, under the old names (table,
    primary key, indexes, id sequence). The lock this takes stops readers of that table only
    from here to the commit, which follows at once."""
    table = load.model._meta.db_table
    if load.table == table:
        return
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [load.table])
        sequence = cursor.fetchone()[0]
        cursor.execute(f"DROP TABLE {qn(table)}")
        cursor.execute(f"ALTER TABLE {qn(load.table)} RENAME TO {qn(table)}")
        cursor.execute(
            f"ALTER TABLE {qn(table)} RENAME CONSTRAINT {qn(load.table + '_pkey')} "
            f"TO {qn(load.primary)}"
        )
        for provisional, name in load.renames:
            cursor.execute(f"ALTER INDEX {qn(provisional)} RENAME TO {qn(name)}")
        if sequence:
            cursor.execute(f"ALTER SEQUENCE {sequence} RENAME TO {qn(table + '_id_seq')}")


def refresh_summary() -> SummaryRun:
    """Rebuild the facts and the unfiltered figures in one transaction (readers see the old
    summary until it commits). Returns the new run; older runs are removed."""
    started = timezone.now()
    t0 = time.perf_counter()
    timings: dict = {}

    def lap(name):
        timings[name] = round(time.perf_counter() - t0 - sum(timings.values()), 3)

    with _sqlite_memory(), transaction.atomic():
        _lock()
        _postgres_memory()
        loads = {model: _fresh(model) for model in (KpiFact, ProfileFunnel, FunnelDuration)}
        table = loads[KpiFact].table
        lap("delete")
        available = []
        for kpi, figure in figures.FIGURES.items():
            sources = figure.sources()
            if sources is None:
                continue
            available.append(kpi)
            _insert_kpi(kpi, sources, table=table)
        lap("kpi facts")
        _indexed(loads[KpiFact])
        lap("fact indexes")
        snapshot: dict = {**_unfiltered(available, table), "funnel": None, "version": VERSION}
        lap("unfiltered figures")
        tables = (loads[ProfileFunnel].table, loads[FunnelDuration].table)
        if funnel.available():
            _insert_funnel(tables=tables)
            lap("funnel rows")
        for model in (ProfileFunnel, FunnelDuration):
            _indexed(loads[model])
        lap("funnel indexes")
        if funnel.available():
            snapshot["funnel"] = _funnel_snapshot(tables=tables)
            lap("funnel figures")
        for load in loads.values():
            _swap(load)
        lap("swap")
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


def reach(source: engine.Source, model) -> list[str]:
    """The lookups from a source's rows to records of ``model`` that the rows are built from
    (the counted object, every dimension's path): "pk" for the source's own model, e.g.
    "requester_org" from a deal to an organisation, "parties" from an agreement."""
    paths: list = [F(source.obj)] + [source.dims[d] for d in COLUMNS if d in source.dims]
    names: list = []

    def collect(expr):
        if isinstance(expr, str):
            names.append(expr)
        elif isinstance(expr, F):
            names.append(expr.name)
        else:
            for sub in expr.get_source_expressions():
                collect(sub)

    for path in paths:
        collect(path)
    out = ["pk"] if source.qs.model._meta.concrete_model is model._meta.concrete_model else []
    for name in names:
        current, prefix = source.qs.model, []
        for part in name.split("__"):
            try:
                field = current._meta.get_field(part)
            except Exception:  # an attname ("broker_id"): the relation it holds
                try:
                    field = current._meta.get_field(part.removesuffix("_id"))
                except Exception:
                    break
            if not field.is_relation or field.related_model is None:
                break
            prefix.append(field.name)
            current = field.related_model
            path = "__".join(prefix)
            if current._meta.concrete_model is model._meta.concrete_model and path not in out:
                out.append(path)
    return out


def _roots(source: engine.Source, model, ids) -> list:
    """Primary keys of the source's records built from the ``model`` records ``ids`` (whether
    or not they still count: a withdrawn profile's rows must go too)."""
    paths = reach(source, model)
    if not paths:
        return []
    q = Q()
    for path in paths:
        q |= Q(**{f"{path}__in": ids})
    found = set(source.qs.model._base_manager.filter(q).values_list("pk", flat=True))
    if "pk" in paths:
        found.update(ids)  # a deleted record's rows go too
    if len(found) > MAX_OBJECTS:
        raise TooMany
    return sorted(found)


def _object_rows(kpi: str, objs) -> dict:
    """{"obj": {obj}, dim: {(obj, value)}}: what the rows of ``objs`` add to each count."""
    out: dict = {"obj": set(), **{dim: set() for dim in COLUMNS}}
    for chunk in _chunks(objs):
        marks = ", ".join(["%s"] * len(chunk))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT obj, {', '.join(COLUMNS)} FROM {TABLE} "
                f"WHERE kpi = %s AND obj IN ({marks})",
                [kpi, *chunk],
            )
            for obj, *values in cursor.fetchall():
                out["obj"].add(obj)
                for dim, value in zip(COLUMNS, values, strict=True):
                    if value is not None:
                        out[dim].add((obj, value))
    return out


def _apply(snapshot: dict, kpi: str, before: dict, after: dict) -> None:
    """Move the stored unfiltered figures of ``kpi`` by what the replaced rows changed: each
    count is of distinct objects, and only the objects in ``before``/``after`` changed."""
    totals = snapshot["totals"]
    totals[kpi] = totals.get(kpi, 0) + len(after["obj"]) - len(before["obj"])
    for dim in engine.DIMENSIONS:
        moved: dict = {}
        for _obj, key in after[dim]:
            moved[key] = moved.get(key, 0) + 1
        for _obj, key in before[dim]:
            moved[key] = moved.get(key, 0) - 1
        rows = {row[1]: row for row in snapshot["breakdowns"][dim] if row[0] == kpi}
        for key, n in moved.items():
            if key in rows:
                rows[key][2] += n
            elif n:
                snapshot["breakdowns"][dim].append([kpi, key, n])
        snapshot["breakdowns"][dim] = [r for r in snapshot["breakdowns"][dim] if r[2]]
        have = {o for o, _k in after[dim]}
        had = {o for o, _k in before[dim]}
        stored = snapshot["assigned"][dim]
        stored[kpi] = stored.get(kpi, 0) + len(have) - len(had)


def _refresh_objects(kpi: str, model, ids, snapshot: dict) -> int:
    """Replace the facts of ``kpi`` built from the ``model`` records ``ids`` and move the
    stored figures to match. Returns how many source records were replaced; raises
    ``TooMany`` past ``MAX_OBJECTS``."""
    sources = figures.FIGURES[kpi].sources()
    if sources is None:
        return 0
    distinct = distinct_sources(sources)
    roots = {i: _roots(source, model, ids) for i, source in distinct}
    roots = {i: r for i, r in roots.items() if r}
    if not roots:
        return 0
    objs: set = set()
    for i, keys in roots.items():
        for chunk in _chunks(keys):
            objs.update(
                KpiFact.objects.filter(kpi=kpi, src=i, root__in=chunk).values_list("obj", flat=True)
            )
            source = dict(distinct)[i]
            objs.update(
                source.qs.filter(pk__in=chunk)
                .annotate(kpi_obj=F(source.obj))
                .values_list("kpi_obj", flat=True)
                .order_by()
            )
    objs.discard(None)
    if len(objs) > MAX_OBJECTS:
        raise TooMany
    objs = sorted(objs)
    before = _object_rows(kpi, objs)
    for i, keys in roots.items():
        for chunk in _chunks(keys):
            KpiFact.objects.filter(kpi=kpi, src=i, root__in=chunk)._raw_delete(KpiFact.objects.db)
    for i, keys in roots.items():
        for chunk in _chunks(keys):
            _insert_kpi(kpi, sources, {i: chunk})
    if len(distinct) > 1:
        _first_years(kpi, objs)
    _apply(snapshot, kpi, before, _object_rows(kpi, objs))
    return sum(len(r) for r in roots.values())


def refresh_figures(keys, *, funnel_rows: bool = False, objects=(), profiles=None) -> SummaryRun:
    """Bring the summary up to date after writes, keeping what they did not change (what a
    write schedules, ``insights.domain.refresh``):

    - ``keys``: figures rebuilt whole (a write that named no records);
    - ``objects``: ``(figure, model, ids)``: only the facts built from those records are
      replaced, and the stored figures moved by the difference (a figure past
      ``MAX_OBJECTS`` records is rebuilt whole instead);
    - ``funnel_rows``: every funnel row rebuilt; ``profiles``: only those profiles' rows.

    Without a summary yet, a full rebuild."""
    t0 = time.perf_counter()
    with transaction.atomic():
        _lock()
        run = SummaryRun.objects.select_for_update().order_by("-finished_at", "-pk").first()
        if run is None or run.snapshot.get("version") != VERSION:
            return refresh_summary()
        snapshot = dict(run.snapshot)
        whole = set(keys)
        replaced: dict = {}
        for kpi, model, ids in objects:
            if kpi in whole or not ids:
                continue
            try:
                with transaction.atomic():
                    n = _refresh_objects(kpi, model, list(ids), snapshot)
            except TooMany:
                whole.add(kpi)
                continue
            replaced[kpi] = replaced.get(kpi, 0) + n
        keys = [k for k in figures.FIGURES if k in whole]
        available = []
        for kpi in keys:
            KpiFact.objects.filter(kpi=kpi)._raw_delete(KpiFact.objects.db)
            sources = figures.FIGURES[kpi].sources()
            if sources is not None:
                available.append(kpi)
                _insert_kpi(kpi, sources)
        fresh = _unfiltered(available)
        if "money" in fresh:
            snapshot["money"] = fresh["money"]
        elif "agreements" in replaced:
            # Agreements refreshed record by record: the kept value is counted again.
            snapshot["money"] = {c: str(t) for c, t in money(engine.NO_FILTERS).items()}
        snapshot["totals"] = {
            **{k: v for k, v in snapshot["totals"].items() if k not in keys},
            **fresh["totals"],
        }
        for dim in engine.DIMENSIONS:
            kept = [row for row in snapshot["breakdowns"][dim] if row[0] not in keys]
            snapshot["breakdowns"][dim] = kept + fresh["breakdowns"][dim]
            old = {k: v for k, v in snapshot["assigned"][dim].items() if k not in keys}
            snapshot["assigned"][dim] = {**old, **fresh["assigned"][dim]}
        profiles = None if profiles is None else sorted(set(profiles))
        if profiles is not None and len(profiles) > MAX_OBJECTS:
            funnel_rows = True
        funnel_changed = False
        if funnel_rows and funnel.available():
            for model in (ProfileFunnel, FunnelDuration):
                model.objects.all()._raw_delete(model.objects.db)
            _insert_funnel()
            funnel_changed = True
        elif profiles and funnel.available():
            for chunk in _chunks(profiles):
                for model in (ProfileFunnel, FunnelDuration):
                    model.objects.filter(profile_id__in=chunk)._raw_delete(model.objects.db)
                _insert_funnel(chunk)
            funnel_changed = True
        if funnel_changed:
            snapshot["funnel"] = _funnel_snapshot(by_filter=funnel_rows)
        elif (snapshot.get("funnel") or {}).get("by_filter") and (
            "promoted" in replaced or "promoted" in keys
        ):
            # A participant showing a profile at an event changes which profiles the event
            # filter selects, without new funnel rows: that filter's funnel is read from the rows.
            by_filter = dict(snapshot["funnel"]["by_filter"])
            by_filter.pop("event", None)
            snapshot["funnel"] = {**snapshot["funnel"], "by_filter": by_filter}
        seconds = round(time.perf_counter() - t0, 3)
        snapshot["last_partial"] = {
            "figures": keys,
            "records": replaced,
            "funnel": funnel_rows,
            "funnel_profiles": 0 if funnel_rows or not profiles else len(profiles),
            "seconds": seconds,
        }
        run.snapshot = snapshot
        run.finished_at = timezone.now()
        run.rows = KpiFact.objects.count()
        run.save()
    return run
