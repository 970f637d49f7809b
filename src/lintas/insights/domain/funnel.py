"""Conversion funnel: published → matched → interest → introduced → meeting → agreement.

Counted on published profiles by the *furthest* step each one reached (an interest found through
search still passed "matched" in spirit: it is counted there too), so every step holds a subset
of the one before and ``lost`` at each step adds up to the published total. Medians are computed
from durations the database works out (seconds), per profile for the first step and per deal for
the others, to show where deals wait and where they are lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.apps import apps
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from lintas.catalogue.models import Profile
from lintas.insights.domain.engine import NO_FILTERS, Filters

STEPS = ("published", "matched", "interest", "introduced", "meeting", "agreement")


class Seconds(Func):
    """``end - start`` in seconds, natively on SQLite and PostgreSQL."""

    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra):
        end, p1 = compiler.compile(self.source_expressions[0])
        start, p2 = compiler.compile(self.source_expressions[1])
        return seconds_sql(end, start, "sqlite"), [*p1, *p2]

    def as_sql(self, compiler, connection, **extra):
        end, p1 = compiler.compile(self.source_expressions[0])
        start, p2 = compiler.compile(self.source_expressions[1])
        return seconds_sql(end, start, connection.vendor), [*p1, *p2]


def seconds_sql(end: str, start: str, vendor: str) -> str:
    """``Seconds`` as SQL text on ``vendor``'s database (for statements written by hand)."""
    if vendor == "sqlite":
        return f"((julianday({end}) - julianday({start})) * 86400.0)"
    return f"EXTRACT(EPOCH FROM ({end} - {start}))"


def _year_range(year: int):
    start = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    return start, start.replace(year=year + 1)


def profile_filter(filters: Filters, prefix: str = "") -> Q:
    """The dashboard filters as a condition on profiles (``prefix`` reaches them from deals)."""
    q = Q()
    if filters.year:
        start, end = _year_range(filters.year)
        q &= Q(**{f"{prefix}published_at__gte": start, f"{prefix}published_at__lt": end})
    if filters.country:
        q &= Q(**{f"{prefix}organisation__country": filters.country})
    if filters.broker:
        q &= Q(**{f"{prefix}broker_id": filters.broker})
    return q & _many_valued_filter(filters, prefix)


def summary_filter(filters: Filters) -> Q:
    """``profile_filter`` on ``ProfileFunnel``/``FunnelDuration`` rows, which carry the
    profile's year, country and broker (no join to the profile or organisation)."""
    q = Q()
    if filters.year:
        q &= Q(year=filters.year)
    if filters.country:
        q &= Q(country=filters.country)
    if filters.broker:
        q &= Q(broker=filters.broker)
    if filters.sector:
        # Checked row by row through the (profile, sector) unique index: the same profiles as
        # ``_many_valued_filter``'s list, without reading every profile of the sector first
        # (that list cost ~0.3 s at 100k profiles whatever the other filters left).
        through = Profile.sectors.through.objects.filter(
            profile_id=OuterRef("profile_id"), sector__slug=filters.sector
        )
        q &= Q(Exists(through))
    return q & _many_valued_filter(replace(filters, sector=""), "profile_")


def _many_valued_filter(filters: Filters, prefix: str) -> Q:
    """Sector and event: through the sector links, the deals and the event participants."""
    q = Q()
    if filters.sector:
        through = Profile.sectors.through.objects.filter(sector__slug=filters.sector)
        q &= Q(**{f"{prefix}id__in": through.values("profile_id")})
    if filters.event:
        ids = Q(pk__in=[])
        if apps.is_installed("lintas.brokerage"):
            from lintas.brokerage.models import Deal

            ids |= Q(pk__in=Deal.objects.filter(event_id=filters.event).values("profile_id"))
        if apps.is_installed("lintas.events"):
            from lintas.events.models import Participant

            shown = Participant.profiles.through.objects.filter(participant__event_id=filters.event)
            ids |= Q(pk__in=shown.values("profile_id"))
        q &= Q(**{f"{prefix}id__in": Profile.objects.filter(ids).values("id")})
    return q


# Rank of each step after "published" (1 = matched ... 5 = agreement).
RANK = {step: i for i, step in enumerate(STEPS)}


def _evidence_sources(profiles=None) -> list:
    """Querysets yielding (pid, r): a profile and a step it reached. A deal gives its furthest
    step to both its profile and its counterpart profile. ``profiles``: only these profile ids'
    evidence (a refresh after a write)."""
    from lintas.brokerage.enums import Stage
    from lintas.brokerage.models import Agreement, Deal, DealStageChange
    from lintas.matching.models import Match

    live = Match.objects.filter(dismissed=False)
    # An agreement dated ahead of today is not signed yet: it is no evidence of the last step.
    signed = Agreement.objects.filter(signed_on__lte=timezone.localdate(timezone.now(), dt.UTC))

    rank = Case(
        When(
            Q(stage=Stage.AGREEMENT) | Q(pk__in=signed.values("deal_id")),
            then=Value(RANK["agreement"]),
        ),
        When(
            Q(stage__in=[Stage.MEETING, Stage.NEGOTIATING])
            | Q(pk__in=DealStageChange.objects.filter(to_stage=Stage.MEETING).values("deal_id")),
            then=Value(RANK["meeting"]),
        ),
        When(introduced_at__isnull=False, then=Value(RANK["introduced"])),
        default=Value(RANK["interest"]),
        output_field=IntegerField(),
    )
    deals = Deal.objects.annotate(r=rank)
    matched = Value(RANK["matched"], output_field=IntegerField())
    agreed = Value(RANK["agreement"], output_field=IntegerField())
    through = Agreement.profiles.through.objects.filter(agreement__in=signed)
    parts = [
        (live.annotate(pid=F("offer_id"), r=matched), "offer_id"),
        (live.annotate(pid=F("need_id"), r=matched), "need_id"),
        (deals.annotate(pid=F("profile_id")), "profile_id"),
        (
            deals.filter(counterpart_profile__isnull=False).annotate(
                pid=F("counterpart_profile_id")
            ),
            "counterpart_profile_id",
        ),
        (through.annotate(pid=F("profile_id"), r=agreed), "profile_id"),
    ]
    if profiles is not None:
        parts = [(qs.filter(**{f"{path}__in": profiles}), path) for qs, path in parts]
    return [qs.values("pid", "r").order_by() for qs, _path in parts]


def published_profiles():
    """The profiles the funnel starts from: published, and not dated ahead of now (the same
    profiles "projects promoted" counts)."""
    return Profile.objects.filter(published_at__isnull=False, published_at__lte=timezone.now())


def available() -> bool:
    return all(apps.is_installed(f"lintas.{a}") for a in ("brokerage", "matching"))


def furthest_sql(profiles=None) -> tuple[str, list]:
    """``SELECT pid, furthest``: every profile with evidence (or those of ``profiles``) and the
    furthest step it reached."""
    parts, params = [], []
    for qs in _evidence_sources(profiles):
        sql, p = qs.query.sql_with_params()
        parts.append(sql)
        params.extend(p)
    return (
        "SELECT pid, MAX(r) AS furthest FROM (" + " UNION ALL ".join(parts) + ") ev GROUP BY pid",
        params,
    )


def _report(published: int, furthest: dict) -> list[dict]:
    furthest = dict(furthest)
    furthest[0] = published - sum(n for r, n in furthest.items() if r != 0)
    out = []
    for i, step in enumerate(STEPS):
        reached = sum(n for r, n in furthest.items() if r >= i)
        out.append({"step": step, "reached": reached, "lost": furthest.get(i, 0)})
    return out


def counts(filters: Filters = NO_FILTERS) -> list[dict]:
    """[{step, reached, lost}]: the published profiles (filtered), then, in one query, how many
    have each furthest step; ``lost`` = reached that step and went no further."""
    base = published_profiles().filter(profile_filter(filters))
    published = base.count()
    ev_sql, params = furthest_sql()
    base_sql, base_params = base.values("id").order_by().query.sql_with_params()
    sql = (
        f"SELECT furthest, COUNT(*) FROM ({ev_sql}) per_profile "
        f"WHERE pid IN ({base_sql}) GROUP BY furthest"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *base_params])
        furthest = dict(cursor.fetchall())
    return _report(published, furthest)


def counts_from_summary(filters: Filters = NO_FILTERS) -> list[dict]:
    """``counts`` read from ``ProfileFunnel`` (one row per published profile)."""
    from lintas.insights.models import ProfileFunnel

    rows = (
        ProfileFunnel.objects.filter(summary_filter(filters))
        .values("furthest")
        .annotate(n=Count("id"))
        .order_by()
    )
    furthest = {r["furthest"]: r["n"] for r in rows}
    return _report(sum(furthest.values()), furthest)


def _median_sql(parts: list[tuple[str, str, list]]) -> tuple[str, list]:
    """One statement giving ``(step, median seconds)`` for every ``(step, sql, params)`` part,
    each part selecting a ``secs`` column. Negative or missing durations are left out. The median
    of an even count is the mean of the two middle values (as ``statistics.median``):
    ``percentile_cont`` on PostgreSQL, a window-function median elsewhere (SQLite)."""
    rows = " UNION ALL ".join(
        f"SELECT '{step}' AS step, kpi_m.secs AS secs FROM ({sql}) kpi_m" for step, sql, _p in parts
    )
    params = [p for _s, _q, ps in parts for p in ps]
    where = "secs IS NOT NULL AND secs >= 0"
    if connection.vendor == "postgresql":
        return (
            "SELECT step, percentile_cont(0.5) WITHIN GROUP (ORDER BY secs) "
            f"FROM ({rows}) kpi_r WHERE {where} GROUP BY step",
            params,
        )
    # MATERIALIZED: each duration is worked out once (flattened, SQLite would recompute the
    # expression, subqueries included, in every place the window query names it).
    return (
        f"WITH kpi_r AS MATERIALIZED ({rows}) "
        "SELECT step, AVG(secs) FROM (SELECT step, secs, "
        "ROW_NUMBER() OVER (PARTITION BY step ORDER BY secs) AS rn, "
        "COUNT(*) OVER (PARTITION BY step) AS n "
        f"FROM kpi_r WHERE {where}) kpi_w "
        "WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY step",
        params,
    )


def duration_querysets(
    filters: Filters = NO_FILTERS, profiles=None
) -> list[tuple[str, object, str]]:
    """(step, queryset with a ``secs`` annotation, path of the profile the filters apply to);
    ``profiles``: only the durations of these profile ids."""
    from lintas.brokerage.enums import Stage
    from lintas.brokerage.models import Deal, DealStageChange
    from lintas.matching.models import Match

    parts: list[tuple[str, object, str]] = []

    def add(step, qs, profile):
        if profiles is not None:
            qs = qs.filter(**{f"{profile}__in": profiles})
        parts.append((step, qs, profile))

    for side in ("offer", "need"):
        # Grouped on the profile id only: grouping on whole rows is what makes this slow.
        add(
            "matched",
            Match.objects.filter(
                profile_filter(filters, f"{side}__"),
                dismissed=False,
                **{f"{side}__published_at__isnull": False},
            )
            .values(f"{side}_id", f"{side}__published_at")
            .annotate(first=Min("created_at"))
            .annotate(secs=Seconds(F("first"), F(f"{side}__published_at")))
            .order_by(),
            f"{side}_id",
        )

    deals = Deal.objects.filter(profile_filter(filters, "profile__"))
    # First live match of the deal's profile, looked up per deal through the match indexes (a
    # profile is an offer or a need, so one of the two is always empty).
    live = Match.objects.filter(dismissed=False).order_by().values("dismissed")
    first_as_offer = live.filter(offer_id=OuterRef("profile_id")).annotate(m=Min("created_at"))
    first_as_need = live.filter(need_id=OuterRef("profile_id")).annotate(m=Min("created_at"))
    add(
        "interest",
        deals.annotate(
            mo=Subquery(first_as_offer.values("m")), mn=Subquery(first_as_need.values("m"))
        )
        .annotate(secs=Seconds(F("created_at"), Coalesce(F("mo"), F("mn"))))
        .order_by(),
        "profile_id",
    )
    add(
        "introduced",
        deals.filter(introduced_at__isnull=False)
        .annotate(secs=Seconds(F("introduced_at"), F("created_at")))
        .order_by(),
        "profile_id",
    )
    changes = DealStageChange.objects.filter(deal__in=deals.values("pk"))
    add(
        "meeting",
        changes.filter(to_stage=Stage.MEETING, deal__introduced_at__isnull=False)
        .annotate(secs=Seconds(F("at"), F("deal__introduced_at")))
        .order_by(),
        "deal__profile_id",
    )
    add(
        "agreement",
        changes.filter(to_stage=Stage.AGREEMENT)
        .values("id", "at", "deal__profile_id")
        .annotate(
            m=Min("deal__stage_changes__at", filter=Q(deal__stage_changes__to_stage=Stage.MEETING))
        )
        .annotate(secs=Seconds(F("at"), F("m")))
        .order_by(),
        "deal__profile_id",
    )
    return parts


def interest_durations_sql(profiles=None) -> tuple[str, list]:
    """``SELECT kpi_pid, secs``: the "interest" waiting times of ``duration_querysets`` (each
    deal's creation after the first live match of its profile, as an offer or else as a need),
    with no filters, for the summary rows (``profiles``: only the deals of these profile ids).
    The same seconds, but each profile's first match is grouped once and joined, instead of
    two correlated subqueries per deal (the slowest waiting time of a full rebuild)."""
    from lintas.brokerage.models import Deal
    from lintas.matching.models import Match

    deals = Deal.objects.all()
    if profiles is not None:
        deals = deals.filter(profile_id__in=profiles)
    sql, params = deals.values("profile_id", "created_at").order_by().query.sql_with_params()
    params = list(params)
    joins = []
    for side in ("offer", "need"):
        live = Match.objects.filter(dismissed=False)
        if profiles is not None:
            live = live.filter(**{f"{side}_id__in": profiles})
        first = live.values(f"{side}_id").annotate(m=Min("created_at")).values(f"{side}_id", "m")
        first_sql, first_params = first.order_by().query.sql_with_params()
        joins.append(
            f"LEFT JOIN ({first_sql}) kpi_{side} ON kpi_{side}.{side}_id = kpi_d.profile_id"
        )
        params += first_params
    secs = seconds_sql("kpi_d.created_at", "COALESCE(kpi_offer.m, kpi_need.m)", connection.vendor)
    return (
        f"SELECT kpi_d.profile_id AS kpi_pid, {secs} AS secs FROM ({sql}) kpi_d {' '.join(joins)}",
        params,
    )


def _medians(querysets) -> dict[str, float | None]:
    parts = []
    for step, qs in querysets:
        sql, params = qs.values("secs").query.sql_with_params()
        parts.append((step, sql, list(params)))
    sql, params = _median_sql(parts)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = {step: secs for step, secs in cursor.fetchall()}
    out: dict[str, float | None] = {"published": None}
    for step in STEPS[1:]:
        secs = found.get(step)
        out[step] = None if secs is None else round(float(secs) / 86400, 1)
    return out


def median_days(filters: Filters = NO_FILTERS) -> dict[str, float | None]:
    """Median days spent before reaching each step (keyed by the step reached), all computed
    by the database in one query: only five numbers travel, not every duration."""
    return _medians((step, qs) for step, qs, _profile in duration_querysets(filters))


def median_days_from_summary(filters: Filters = NO_FILTERS) -> dict[str, float | None]:
    """``median_days`` read from the ``FunnelDuration`` rows (same durations, same median)."""
    from lintas.insights.models import FunnelDuration

    # One pass over the filtered rows, the median taken per step (five filtered copies, one
    # per step, made SQLite rebuild the filter's profile list and walk the step index five times).
    rows = FunnelDuration.objects.filter(summary_filter(filters)).order_by().values("step", "secs")
    sql, params = rows.query.sql_with_params()
    sql, params = _median_by_value_sql(
        f"(SELECT '' AS kpi_v, step, secs FROM ({sql}) kpi_s) kpi_t", list(params)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = {step: secs for _v, step, secs in cursor.fetchall()}
    out: dict[str, float | None] = {"published": None}
    for step in STEPS[1:]:
        out[step] = _days(found.get(step))
    return out


def counts_unfiltered(table: str = "") -> list[dict]:
    """``counts_from_summary()`` with no filters, from ``table`` (a profile funnel table being
    rebuilt; by default ``ProfileFunnel``'s)."""
    from lintas.insights.models import ProfileFunnel

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT furthest, COUNT(*) FROM {table or ProfileFunnel._meta.db_table} "
            "GROUP BY furthest"
        )
        furthest = dict(cursor.fetchall())
    return _report(sum(furthest.values()), furthest)


def median_days_unfiltered(table: str = "") -> dict[str, float | None]:
    """``median_days_from_summary`` with no filters, by walking the ``(step, secs)`` index of
    ``FunnelDuration`` to the middle row(s) of each step instead of numbering every duration:
    the same median (the mean of the two middle values of an even count), in milliseconds, so
    a refresh after a write can re-read it."""
    from lintas.insights.models import FunnelDuration

    table = table or FunnelDuration._meta.db_table
    out: dict[str, float | None] = {"published": None}
    with connection.cursor() as cursor:
        for step in STEPS[1:]:
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE step = %s AND secs >= 0", [step])
            n = cursor.fetchone()[0]
            if not n:
                out[step] = None
                continue
            cursor.execute(
                f"SELECT secs FROM {table} WHERE step = %s AND secs >= 0 ORDER BY secs "
                "LIMIT %s OFFSET %s",
                [step, 1 if n % 2 else 2, (n - 1) // 2],
            )
            middle = [row[0] for row in cursor.fetchall()]
            out[step] = round(float(sum(middle) / len(middle)) / 86400, 1)
    return out


def _filter_values_sql(dim: str) -> tuple[str, list] | None:
    """``SELECT v, pid``: each value of a many-valued filter (sector, event) with the profiles it
    selects, exactly as ``_many_valued_filter`` selects them; None for the single-valued ones
    (their value rides on the summary rows)."""
    from lintas.core.models import Sector

    if dim == "sector":
        through = Profile.sectors.through
        return (
            f"SELECT s.slug AS v, ps.profile_id AS pid FROM {through._meta.db_table} ps "
            f"JOIN {Sector._meta.db_table} s ON s.id = ps.sector_id",
            [],
        )
    if dim != "event":
        return None
    parts = []
    if apps.is_installed("lintas.brokerage"):
        from lintas.brokerage.models import Deal

        parts.append(
            f"SELECT event_id AS v, profile_id AS pid FROM {Deal._meta.db_table} "
            "WHERE event_id IS NOT NULL"
        )
    if apps.is_installed("lintas.events"):
        from lintas.events.models import Participant

        shown = Participant.profiles.through
        part = Participant._meta.db_table
        parts.append(
            f"SELECT pa.event_id AS v, pp.profile_id AS pid FROM {shown._meta.db_table} pp "
            f"JOIN {part} pa ON pa.id = pp.participant_id"
        )
    if not parts:
        return None
    return f"SELECT DISTINCT v, pid FROM ({' UNION ALL '.join(parts)}) kpi_v", []


FILTERED = ("year", "country", "sector", "event", "broker")


def by_filter_from_summary(profile_funnel: str = "", durations: str = "") -> dict:
    """The funnel under each single filter value, computed ahead from the summary rows:
    {dim: {"counts": {value: {furthest: n}}, "medians": {value: {step: days}}}} with values as
    text (JSON keys). ``counts_from_summary``/``median_days_from_summary`` under
    ``Filters(<dim>=value)`` give the same figures (the tests compare them for every filter);
    a value missing here has no rows (nothing reached, no median).

    Worked out in one pass over each summary table (ordered by step and seconds) and the
    sector and event lists, instead of a grouped query and a window-function median per
    dimension: the rows are grouped under every filter value at once, and each median is taken
    from its already ordered list the way the database takes it (``_median``). The tables: the
    funnel tables being rebuilt (by default ``ProfileFunnel``'s and ``FunnelDuration``'s)."""
    from lintas.insights.models import FunnelDuration, ProfileFunnel

    profile_funnel = profile_funnel or ProfileFunnel._meta.db_table
    durations = durations or FunnelDuration._meta.db_table
    dims = [
        d for d in FILTERED if d not in ("sector", "event") or _filter_values_sql(d) is not None
    ]
    many = {}
    with connection.cursor() as cursor:
        for dim in dims:
            found = _filter_values_sql(dim)
            if found is None:
                continue
            cursor.execute(*found)
            values: dict = {}
            for value, pid in cursor.fetchall():
                values.setdefault(pid, []).append(value)
            many[dim] = values
        single = [d for d in dims if d not in many]
        counts: dict = {dim: {} for dim in dims}
        cursor.execute(f"SELECT profile_id, furthest, {', '.join(single)} FROM {profile_funnel}")
        for pid, furthest, *own in cursor.fetchall():
            key = str(furthest)
            for dim, value in zip(single, own, strict=True):
                if value is not None:
                    per = counts[dim].setdefault(str(value), {})
                    per[key] = per.get(key, 0) + 1
            for dim, values in many.items():
                for value in values.get(pid, ()):
                    per = counts[dim].setdefault(str(value), {})
                    per[key] = per.get(key, 0) + 1
        lists: dict = {dim: {} for dim in dims}
        cursor.execute(
            f"SELECT profile_id, step, secs, {', '.join(single)} "
            f"FROM {durations} WHERE secs IS NOT NULL AND secs >= 0 "
            "ORDER BY step, secs"
        )
        for pid, step, secs, *own in cursor.fetchall():
            for dim, value in zip(single, own, strict=True):
                if value is not None:
                    lists[dim].setdefault((str(value), step), []).append(secs)
            for dim, values in many.items():
                for value in values.get(pid, ()):
                    lists[dim].setdefault((str(value), step), []).append(secs)
    out: dict = {}
    for dim in dims:
        medians: dict = {}
        for (value, step), secs in lists[dim].items():
            medians.setdefault(value, {})[step] = _days(_median(secs))
        out[dim] = {"counts": counts[dim], "medians": medians}
    return out


def _median(ordered: list[float]) -> float:
    """The median of ``ordered`` (ascending) exactly as ``_median_by_value_sql`` computes it,
    to the last bit: the mean of the two middle values (SQLite's ``AVG``) or PostgreSQL's
    ``percentile_cont(0.5)`` (``lo + (hi - lo) * 0.5``)."""
    n = len(ordered)
    if n % 2:
        return ordered[n // 2]
    lo, hi = ordered[n // 2 - 1], ordered[n // 2]
    if connection.vendor == "postgresql":
        return lo + (hi - lo) * 0.5
    return (lo + hi) / 2


def _days(secs) -> float | None:
    return None if secs is None else round(float(secs) / 86400, 1)


def _median_by_value_sql(source: str, params: list) -> tuple[str, list]:
    """``(kpi_v, step, median seconds)`` over ``source`` (as ``_median_sql``, per value)."""
    where = "secs IS NOT NULL AND secs >= 0"
    if connection.vendor == "postgresql":
        return (
            "SELECT kpi_v, step, percentile_cont(0.5) WITHIN GROUP (ORDER BY secs) "
            f"FROM {source} WHERE {where} GROUP BY kpi_v, step",
            params,
        )
    return (
        "SELECT kpi_v, step, AVG(secs) FROM (SELECT kpi_v, step, secs, "
        "ROW_NUMBER() OVER (PARTITION BY kpi_v, step ORDER BY secs) AS rn, "
        "COUNT(*) OVER (PARTITION BY kpi_v, step) AS n "
        f"FROM {source} WHERE {where}) kpi_w "
        "WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY kpi_v, step",
        params,
    )


def from_by_filter(stored: dict, filters: Filters) -> tuple[list[dict], dict] | None:
    """(counts, medians) for a single active filter from ``by_filter_from_summary``'s result,
    or None when the filters are not one single value it holds (then read the rows)."""
    active = filters.active()
    if len(active) != 1:
        return None
    ((dim, value),) = active.items()
    if dim not in stored:
        return None
    furthest = {int(r): n for r, n in stored[dim]["counts"].get(str(value), {}).items()}
    found = stored[dim]["medians"].get(str(value), {})
    medians: dict[str, float | None] = {"published": None}
    for step in STEPS[1:]:
        medians[step] = found.get(step)
    return _report(sum(furthest.values()), furthest), medians
