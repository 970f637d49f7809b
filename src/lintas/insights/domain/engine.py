"""Counting distinct things across several tables, grouped by one dimension, in one SQL query.

A KPI is a list of *sources*: querysets that each yield (object id, dimension value) rows, e.g.
"organisations that asked for an introduction" and "organisations that signed an agreement".
The engine filters every source, selects ``kpi_obj`` and ``kpi_key``, glues them with UNION ALL
and lets the database do ``COUNT(DISTINCT kpi_obj) GROUP BY kpi_key``. So each figure, total or
broken down, is one query whatever the number of rows, on SQLite and PostgreSQL alike.

The year of an object is the year it *first* counted, over all its sources (a profile published
in 2024 and shown at a 2025 event is a 2024 project): each object sits in one year, so a year
breakdown adds up to the total, and filtering on a year gives the same figure as that year's row.

A source that has no path for a dimension (meetings have no broker) drops out when that dimension
is filtered or grouped on, rather than being counted under a guessed value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, Func, IntegerField, QuerySet, Value

DIMENSIONS = ("year", "country", "sector", "event", "broker")


class Year(Func):
    """The calendar year (UTC) of a date or datetime column, computed natively by the database
    (Django's ExtractYear calls back into Python for every row on SQLite)."""

    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"EXTRACT(YEAR FROM {sql})", params

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(SUBSTR({sql}, 1, 4) AS INTEGER)", params

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(EXTRACT(YEAR FROM {sql}) AS INTEGER)", params


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    country: str = ""
    sector: str = ""
    event: int | None = None
    broker: int | None = None

    def active(self) -> dict:
        return {d: getattr(self, d) for d in DIMENSIONS if getattr(self, d) not in (None, "")}


NO_FILTERS = Filters()


@dataclass
class Source:
    """``qs`` yields the rows; ``obj`` is the path of the counted id; ``dims`` maps a dimension
    to a field path (str) or an expression; ``value``/``currency`` name money columns."""

    qs: QuerySet
    obj: str
    dims: dict = field(default_factory=dict)
    value: str = ""
    currency: str = ""


def _expr(path):
    return F(path) if isinstance(path, str) else path


def _prepare(source: Source, filters: Filters, by: str | None, *, money=False, year=False):
    """The source's rows filtered on every dimension but the year (which belongs to the
    object, see ``_first_years``), as ``kpi_obj[, kpi_key][, kpi_value, kpi_currency]``; with
    ``year``, only ``kpi_obj, kpi_y`` and no filter at all."""
    qs = source.qs
    if year:
        path = source.dims.get("year")
        if path is None:
            return None
        return (
            qs.annotate(kpi_obj=F(source.obj), kpi_y=_expr(path))
            .values("kpi_obj", "kpi_y")
            .order_by()
        )
    for dim, want in filters.active().items():
        if dim == "year":
            continue
        path = source.dims.get(dim)
        if path is None:
            return None
        qs = qs.alias(**{f"kpi_f_{dim}": _expr(path)}).filter(**{f"kpi_f_{dim}": want})
    names = {"kpi_obj": F(source.obj)}
    if by is not None and by != "year":
        path = source.dims.get(by)
        if path is None:
            return None
        wanted = filters.active().get(by)
        # Filtering and grouping on the same many-valued path: group on the filtered value so
        # a second join cannot bring back the other values.
        names["kpi_key"] = Value(wanted) if wanted is not None else _expr(path)
    if money:
        names["kpi_value"] = F(source.value)
        names["kpi_currency"] = F(source.currency)
    return qs.annotate(**names).values(*names).order_by()


def _glue(querysets) -> tuple[str, list]:
    parts: list = []
    params: list = []
    seen = set()
    for qs in querysets:
        if qs is None:
            continue
        sql, p = qs.query.sql_with_params()
        # Two sides of a pair (offer/need, requester/owner) give the very same rows when no
        # dimension tells them apart: counting them once changes no distinct count or sum.
        if (sql, tuple(p)) in seen:
            continue
        seen.add((sql, tuple(p)))
        parts.append(sql)
        params.extend(p)
    return " UNION ALL ".join(parts), params


def _first_years(sources) -> tuple[str, list]:
    """``SELECT kpi_obj, kpi_fy``: the year each object first counted, over all its rows."""
    sql, params = _glue(_prepare(s, NO_FILTERS, None, year=True) for s in sources)
    return (
        f"SELECT kpi_obj AS kpi_fo, MIN(kpi_y) AS kpi_fy FROM ({sql}) kpi_y GROUP BY kpi_obj",
        params,
    )


def _union(sources, filters, by, *, money=False):
    """The rows to count. The year (a filter or the breakdown) is the object's first year,
    joined from ``_first_years``, so each object sits in one year and a year breakdown adds
    up to the total."""
    sql, params = _glue(_prepare(s, filters, by, money=money) for s in sources)
    if not sql or (filters.year is None and by != "year"):
        return sql, params
    years, yparams = _first_years(sources)
    cols = "kpi_u.kpi_obj AS kpi_obj"
    if by == "year":
        cols += ", kpi_f.kpi_fy AS kpi_key"
    elif by is not None:
        cols += ", kpi_u.kpi_key AS kpi_key"
    if money:
        cols += ", kpi_u.kpi_value AS kpi_value, kpi_u.kpi_currency AS kpi_currency"
    where, wparams = "", []
    if filters.year is not None:
        where, wparams = " WHERE kpi_f.kpi_fy = %s", [filters.year]
    return (
        f"SELECT {cols} FROM ({sql}) kpi_u JOIN ({years}) kpi_f ON kpi_f.kpi_fo = kpi_u.kpi_obj"
        + where,
        [*params, *yparams, *wparams],
    )


def count(sources: list[Source], filters: Filters = NO_FILTERS, by: str | None = None):
    """Distinct objects: an int, or {key: int} when ``by`` names a dimension."""
    sql, params = _union(sources, filters, by)
    if not sql:
        return {} if by else 0
    with connection.cursor() as cursor:
        if by is None:
            cursor.execute(f"SELECT COUNT(DISTINCT kpi_obj) FROM ({sql}) kpi_u", params)
            return cursor.fetchone()[0]
        cursor.execute(
            f"SELECT kpi_key, COUNT(DISTINCT kpi_obj) FROM ({sql}) kpi_u "
            "WHERE kpi_key IS NOT NULL GROUP BY kpi_key",
            params,
        )
        return {key: n for key, n in cursor.fetchall()}


def assigned(sources: list[Source], filters: Filters, by: str) -> int:
    """Distinct objects that have a value for ``by`` (the others are "unassigned")."""
    sql, params = _union(sources, filters, by)
    if not sql:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(DISTINCT kpi_obj) FROM ({sql}) kpi_u WHERE kpi_key IS NOT NULL", params
        )
        return cursor.fetchone()[0]


def money(sources: list[Source], filters: Filters = NO_FILTERS, by: str | None = None) -> dict:
    """Sum of values per currency, each object counted once: {currency: total} or
    {key: {currency: total}}. Objects with no value are left out of the sums."""
    sql, params = _union(sources, filters, by, money=True)
    if not sql:
        return {}
    key = "kpi_key" if by else "0"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT k, kpi_currency, SUM(kpi_value) FROM (SELECT DISTINCT kpi_obj, {key} AS k, "
            f"kpi_currency, kpi_value FROM ({sql}) kpi_u WHERE kpi_value IS NOT NULL) kpi_d "
            "GROUP BY k, kpi_currency",
            params,
        )
        rows = cursor.fetchall()
    return fold_values(rows, by)


def fold_values(rows, by) -> dict:
    """(key, currency, total) rows as {currency: total}, or {key: {currency: total}} when broken down."""
    out: dict = {}
    for k, currency, total in rows:
        if by:
            out.setdefault(k, {})[currency or "?"] = total
        else:
            out[currency or "?"] = total
    return out
