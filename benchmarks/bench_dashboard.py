"""Dashboard speed with 100k profiles, 20k introductions and 5k agreements.

Builds a fresh database (SQLite file in a temporary folder, or a scratch PostgreSQL database),
bulk-creates the rows, then times the broker dashboard page (all KPIs, the breakdown, the funnel
with medians and the charts) through Django's test client. Headline: the page read from the
insights summary (after ``refresh_summary``, whose time is printed too). Baselines measured in the
same run: the same page counted live (no summary), the page on the empty database, and a naive
per-row Python aggregation of three figures (projects promoted, enterprises served, agreements by
year).

    PYTHONPATH=src .venv/bin/python benchmarks/bench_dashboard.py                 # SQLite
    PYTHONPATH=src .venv/bin/python benchmarks/bench_dashboard.py --postgres \
        postgres://postgres@127.0.0.1:5432/postgres                               # PostgreSQL

``--reuse DIR`` (SQLite: the database file lives in DIR) or ``--reuse`` with ``--postgres`` (the
scratch database is kept) builds the 100k database once and reuses it on the next runs (the
refresh timings' writes change a handful of records each run). An empty database beside it
(``empty.sqlite3`` in DIR, or ``<scratch-db>_empty``) gives the page's fixed cost, read from its
own summary as the full pages are. ``--keep-summary`` reuses the last summary (no rebuild),
``--only TEXT`` times the views whose name holds TEXT, ``--views-only`` skips the write-path
refreshes and the naive baseline, ``--live-limit S`` cuts a live-engine view off after S seconds.
``--rebuild-only`` times the full rebuild alone, the previous implementation (``legacy_rebuild``,
the baseline) beside the current one, alternately ``--repeat N`` times each, with each phase's
seconds and the load average, and checks both leave the very same summary (fact rows, funnel
rows and stored figures).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import random
import statistics
import sys
import tempfile
import time

PROFILES, INTRODUCTIONS, AGREEMENTS = 100_000, 20_000, 5_000
INTERESTS, MATCHES, ORGS, MEETINGS = 30_000, 30_000, 3_000, 1_000
SCRATCH_DB = "lintas_bench_dashboard"


def setup(postgres_url: str | None, reuse: str | None = None):
    """Point Django at the benchmark database; with ``reuse``, keep an existing one."""
    if reuse and not postgres_url:
        os.makedirs(reuse, exist_ok=True)
        os.environ["LINTAS_DATA_DIR"] = reuse
    else:
        os.environ["LINTAS_DATA_DIR"] = tempfile.mkdtemp(prefix="lintas-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lintas.settings")
    if postgres_url:
        import psycopg

        with psycopg.connect(postgres_url, autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [SCRATCH_DB]
            ).fetchone()
            if not (reuse and exists):
                conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DB}")
                conn.execute(f"CREATE DATABASE {SCRATCH_DB}")
            empty = f"{SCRATCH_DB}_empty"
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [empty]
            ).fetchone()
            if not (reuse and exists):
                conn.execute(f"DROP DATABASE IF EXISTS {empty}")
                conn.execute(f"CREATE DATABASE {empty}")
        os.environ["LINTAS_DATABASE_URL"] = postgres_url.rsplit("/", 1)[0] + f"/{SCRATCH_DB}"
    import django

    django.setup()
    from django.core.management import call_command

    for _ in using_empty():
        call_command("migrate", verbosity=0)
    call_command("migrate", verbosity=0)


def using_empty():
    """Run the loop body once with the default connection on the empty database (the fixed-cost
    baseline: same code, same migrations, no rows), then switch back."""
    from django.core.cache import cache
    from django.db import connection

    name = connection.settings_dict["NAME"]
    empty = (
        os.path.join(os.environ["LINTAS_DATA_DIR"], "empty.sqlite3")
        if connection.vendor == "sqlite"
        else f"{SCRATCH_DB}_empty"
    )
    connection.close()
    connection.settings_dict["NAME"] = empty
    cache.clear()
    try:
        yield empty
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        cache.clear()


def teardown(postgres_url: str | None, reuse: str | None = None):
    if not postgres_url or reuse:
        return
    from django.db import connections

    connections.close_all()
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DB}")
        conn.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DB}_empty")


def populate(rng: random.Random) -> dict:
    from decimal import Decimal

    from django.db import transaction
    from django.utils import timezone

    from lintas.brokerage.models import Agreement, Deal, DealStageChange
    from lintas.catalogue.models import Profile
    from lintas.core.enums import FOCUS_COUNTRIES
    from lintas.core.models import Organisation, Sector, User
    from lintas.events.models import Event, Meeting, MeetingRequest, Participant, Session, Slot
    from lintas.matching.models import Match

    utc = dt.UTC
    start = dt.datetime(2019, 1, 1, tzinfo=utc)

    def when(days=2500):
        return start + dt.timedelta(days=rng.random() * days)

    b = 5000
    with transaction.atomic():
        sectors = Sector.objects.bulk_create(
            [Sector(slug=f"s{i}", names={"en": f"Sector {i}"}) for i in range(9)]
        )
        orgs = Organisation.objects.bulk_create(
            [
                Organisation(slug=f"o{i}", name=f"Org {i}", type="enterprise",
                             country=rng.choice(FOCUS_COUNTRIES))
                for i in range(ORGS)
            ],
            batch_size=b,
        )  # fmt: skip
        brokers = User.objects.bulk_create(
            [
                User(
                    username=f"broker{i}", email=f"b{i}@x.org", role="broker", organisation=orgs[i]
                )
                for i in range(20)
            ]
        )
        people = User.objects.bulk_create(
            [
                User(username=f"u{i}", email=f"u{i}@x.org", role="seeker", organisation=orgs[i])
                for i in range(200)
            ]
        )
        profiles = []
        for i in range(PROFILES):
            published = rng.random() < 0.85
            profiles.append(
                Profile(
                    kind="offer" if i % 2 else "need", ref=f"P-{i:06d}",
                    organisation=orgs[rng.randrange(ORGS)], title=f"Technology {i}",
                    summary="s", status="published" if published else "draft",
                    published_at=when() if published else None,
                    broker=brokers[i % 20], confidential_details="SECRET",
                )
            )  # fmt: skip
        profiles = Profile.objects.bulk_create(profiles, batch_size=b)
        through = Profile.sectors.through
        through.objects.bulk_create(
            [through(profile_id=p.pk, sector_id=sectors[p.pk % 9].pk) for p in profiles],
            batch_size=b,
        )
        published = [p for p in profiles if p.published_at]
        offers = [p for p in published if p.kind == "offer"]
        needs = [p for p in published if p.kind == "need"]
        pairs = set()
        while len(pairs) < MATCHES:
            pairs.add((rng.randrange(len(offers)), rng.randrange(len(needs))))
        Match.objects.bulk_create(
            [Match(offer=offers[o], need=needs[n], score=rng.random()) for o, n in pairs],
            batch_size=b,
        )
        deals = []
        for i in range(INTERESTS):
            prof = rng.choice(published)
            created = prof.published_at + dt.timedelta(days=rng.random() * 60)
            introduced = created + dt.timedelta(days=rng.random() * 20)
            stage = (
                "agreement" if i < AGREEMENTS else "meeting" if i < 8000
                else "introduced" if i < INTRODUCTIONS else "interest"
            )  # fmt: skip
            deals.append(
                Deal(
                    profile=prof, requester=people[i % 200],
                    requester_org=orgs[rng.randrange(ORGS)], owner_org=prof.organisation,
                    broker=brokers[i % 20], message="m", stage=stage,
                    introduced_at=introduced if i < INTRODUCTIONS else None,
                    last_activity_at=introduced,
                )
            )  # fmt: skip
        deals = Deal.objects.bulk_create(deals, batch_size=b)
        changes = []
        for i, d in enumerate(deals):
            changes.append(DealStageChange(deal=d, to_stage="interest"))
            if d.introduced_at:
                changes.append(DealStageChange(deal=d, to_stage="introduced"))
            if i < 8000:
                changes.append(DealStageChange(deal=d, to_stage="meeting"))
            if i < AGREEMENTS:
                changes.append(DealStageChange(deal=d, to_stage="agreement"))
        DealStageChange.objects.bulk_create(changes, batch_size=b)
        agreements = Agreement.objects.bulk_create(
            [
                Agreement(title=f"A{i}", type="transfer", signed_on=deals[i].introduced_at.date(),
                          value=Decimal(rng.randrange(1000, 10**6)),
                          currency=rng.choice(["CNY", "USD"]), deal=deals[i])
                for i in range(AGREEMENTS)
            ],
            batch_size=b,
        )  # fmt: skip
        Agreement.parties.through.objects.bulk_create(
            [
                Agreement.parties.through(agreement_id=a.pk, organisation_id=o)
                for a, d in zip(agreements, deals, strict=False)
                for o in {d.requester_org_id, d.owner_org_id}
            ],
            batch_size=b,
        )
        Agreement.profiles.through.objects.bulk_create(
            [
                Agreement.profiles.through(agreement_id=a.pk, profile_id=d.profile_id)
                for a, d in zip(agreements, deals, strict=False)
            ],
            batch_size=b,
        )
        event = Event.objects.create(slug="bench", title="Bench", kind="matchmaking",
                                     starts_on=dt.date(2025, 9, 1), ends_on=dt.date(2025, 9, 2))  # fmt: skip
        session = Session.objects.create(event=event, date=dt.date(2025, 9, 1),
                                         start_time=dt.time(8), end_time=dt.time(18))  # fmt: skip
        slots = Slot.objects.bulk_create(
            [Slot(session=session, starts_at=dt.datetime(2025, 9, 1, 0, tzinfo=utc)
                  + dt.timedelta(minutes=15 * i),
                  ends_at=dt.datetime(2025, 9, 1, 0, tzinfo=utc) + dt.timedelta(minutes=15 * i + 15))
             for i in range(40)]
        )  # fmt: skip
        now = timezone.now()
        parts = Participant.objects.bulk_create(
            [Participant(event=event, user=people[i], organisation=orgs[i], status="validated",
                         checked_in_at=now) for i in range(200)]
        )  # fmt: skip
        Participant.profiles.through.objects.bulk_create(
            [Participant.profiles.through(participant_id=p.pk, profile_id=published[i].pk)
             for i, p in enumerate(parts)]
        )  # fmt: skip
        reqs = MeetingRequest.objects.bulk_create(
            [MeetingRequest(event=event, sender=parts[i % 200], receiver=parts[(i % 200 + 1 + i // 200) % 200],
                            status="accepted") for i in range(MEETINGS)],
            ignore_conflicts=True,
        )  # fmt: skip
        reqs = list(MeetingRequest.objects.all())
        Meeting.objects.bulk_create(
            [Meeting(request=r, slot=slots[i // 25], table=i % 25 + 1) for i, r in enumerate(reqs)]
        )
    return {
        "profiles": Profile.objects.count(),
        "published": Profile.objects.filter(status="published").count(),
        "matches": Match.objects.count(),
        "interests": Deal.objects.count(),
        "introductions": Deal.objects.filter(introduced_at__isnull=False).count(),
        "agreements": Agreement.objects.count(),
        "stage changes": DealStageChange.objects.count(),
        "meetings": Meeting.objects.count(),
        "organisations": Organisation.objects.count(),
    }


def time_page(client, path, repeat=5) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(path)
        out.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.status_code
    return out


def time_live(client, path, limit: float) -> float | None:
    """One live request in ms, or None if it ran past ``limit`` seconds (the database is told
    to stop: some live plans take minutes on a loaded machine)."""
    from django.db import OperationalError, connection
    from django.db.utils import Error

    connection.ensure_connection()
    deadline = time.perf_counter() + limit
    if connection.vendor == "sqlite":
        connection.connection.set_progress_handler(
            lambda: int(time.perf_counter() > deadline), 100_000
        )
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(limit * 1000)}")
    try:
        t0 = time.perf_counter()
        response = client.get(path)
        ms = (time.perf_counter() - t0) * 1000
        assert response.status_code == 200, response.status_code
        return ms if ms <= limit * 1000 else None
    except (OperationalError, Error):
        return None
    finally:
        if connection.vendor == "sqlite":
            connection.connection.set_progress_handler(None, 0)
        else:
            connection.close()  # a cancelled statement may leave the session unusable


def naive_python() -> tuple[float, dict]:
    """The per-row way: pull the rows and aggregate in Python."""
    from lintas.brokerage.models import Agreement, Deal
    from lintas.catalogue.models import Profile

    t0 = time.perf_counter()
    promoted = sum(1 for p in Profile.objects.all() if p.published_at is not None)
    orgs = set()
    for d in Deal.objects.all():
        orgs.add(d.requester_org_id)
        orgs.add(d.owner_org_id)
    by_year: dict = {}
    for a in Agreement.objects.all():
        for party in a.parties.all():
            orgs.add(party.pk)
        by_year[a.signed_on.year] = by_year.get(a.signed_on.year, 0) + 1
    ms = (time.perf_counter() - t0) * 1000
    return ms, {"promoted": promoted, "enterprises": len(orgs), "agreement years": len(by_year)}


def fmt(ms: list[float]) -> str:
    return f"median {statistics.median(ms):7.1f} ms, min {min(ms):7.1f} ms (n={len(ms)})"


def views(event_id: int, broker_id: int) -> dict:
    """Every dashboard view a broker can ask for: each breakdown unfiltered, each filter alone,
    and combined filters; the public impact page; the KPI API; the open statistics."""
    out = {f"by {by}": f"/insights/?by={by}" for by in ("year", "country", "sector", "event",
                                                         "broker")}  # fmt: skip
    out.update(
        {
            "year=2023": "/insights/?year=2023",
            "country=ID": "/insights/?country=ID",
            "sector=s3": "/insights/?sector=s3",
            "event": f"/insights/?event={event_id}",
            "broker": f"/insights/?broker={broker_id}",
            "2023+ID by sector": "/insights/?year=2023&country=ID&by=sector",
            "event+TH by country": f"/insights/?event={event_id}&country=TH&by=country",
            "broker+s3 by year": f"/insights/?broker={broker_id}&sector=s3&by=year",
            "impact": "/insights/impact/",
            "impact 2024 by sector": "/insights/impact/?year=2024&by=sector",
            "API kpis ID by year": "/api/v1/insights/kpis/?country=ID&by=year",
            "open statistics": "/api/v1/open/statistics/",
        }
    )
    return out


def _writes() -> list:
    """(topic, what, ids, write): one real write of each kind a broker makes, on records of
    the benchmark database (with ``--reuse`` they stay written: a handful of rows)."""
    from django.utils import timezone

    from lintas.brokerage.models import Agreement, Deal
    from lintas.catalogue.models import Profile
    from lintas.core.models import Organisation, Sector
    from lintas.events.models import Meeting
    from lintas.matching.models import Match

    now = timezone.now()
    draft = Profile.objects.filter(published_at__isnull=True).order_by("pk").first()
    edited = Profile.objects.filter(published_at__isnull=False).order_by("-pk").first()
    sector = Sector.objects.exclude(pk__in=edited.sectors.values("pk")).order_by("pk").first()
    org = Organisation.objects.filter(slug="o7").first()
    match = Match.objects.filter(dismissed=False).order_by("pk").first()
    deal = Deal.objects.filter(introduced_at__isnull=True).order_by("pk").first()
    agreement = Agreement.objects.order_by("pk").first()
    meeting = Meeting.objects.filter(no_show=False).order_by("pk").first()
    countries = ["ID", "TH", "VN", "MY"]

    def publish():
        Profile.objects.filter(pk=draft.pk).update(status="published", published_at=now)

    return [
        ("publications", "a profile published", [draft.pk], publish),
        ("profiles", "a profile's sector changed", [edited.pk], lambda: edited.sectors.set([sector])),
        ("organisations", "an organisation's country changed", [org.pk],
         lambda: Organisation.objects.filter(pk=org.pk).update(
             country=next(c for c in countries if c != org.country))),
        ("matches", "a match dismissed", [match.pk],
         lambda: Match.objects.filter(pk=match.pk).update(dismissed=True)),
        ("deals", "an introduction made", [deal.pk],
         lambda: Deal.objects.filter(pk=deal.pk).update(introduced_at=now, stage="introduced")),
        ("agreements", "an agreement's date moved a year", [agreement.pk],
         lambda: Agreement.objects.filter(pk=agreement.pk).update(
             signed_on=agreement.signed_on.replace(year=agreement.signed_on.year - 1))),
        ("meetings", "a meeting marked no-show", [meeting.pk],
         lambda: Meeting.objects.filter(pk=meeting.pk).update(no_show=True)),
    ]  # fmt: skip


def _comparable(snapshot: dict) -> dict:
    return {
        "totals": snapshot["totals"],
        "assigned": snapshot["assigned"],
        "breakdowns": {d: sorted(map(tuple, rows)) for d, rows in snapshot["breakdowns"].items()},
        # The per-filter funnel is left out after a per-profile refresh by design (read from
        # the rows until the next whole rebuild); the kept agreement value must agree.
        "funnel": {k: v for k, v in snapshot["funnel"].items() if k != "by_filter"},
        "money": snapshot.get("money"),
    }


def time_refreshes() -> None:
    """After a real write of each kind: the refresh the debounced task runs (only the rows
    built from the written record), beside the same topic's whole-figure refresh (what a write
    that names no record costs, and what every write cost before); then the full rebuild, and
    whether it finds the very figures the refreshes left."""
    from lintas.insights.domain import refresh, summary

    for topic, what, ids, write in _writes():
        write()
        fed, funnel_rows = refresh.TOPICS[topic]
        model = refresh._model(topic)
        profiles = refresh.funnel_profiles(topic, ids) if funnel_rows else None
        t0 = time.perf_counter()
        summary.refresh_figures(
            [], objects=[(k, model, ids) for k in fed], profiles=profiles or None
        )
        ms = (time.perf_counter() - t0) * 1000
        print(f"refresh after {what:34}: {ms:8.1f} ms  ({topic}: {len(fed)} figures"
              f"{f'; {len(profiles)} funnel rows' if profiles else ''})")  # fmt: skip
    kept = _comparable(summary.latest().snapshot)
    keys, funnel_rows = refresh.affected(["agreements"])
    t0 = time.perf_counter()
    summary.refresh_figures(keys, funnel_rows=funnel_rows)
    print(f"baseline, whole-figure refresh of agreements ({', '.join(keys)}; funnel rows): "
          f"{time.perf_counter() - t0:.1f} s")  # fmt: skip
    t0 = time.perf_counter()
    run = summary.refresh_summary()
    print(f"full rebuild again: {time.perf_counter() - t0:.1f} s; figures after the per-record "
          f"refreshes equal the full rebuild's: {kept == _comparable(run.snapshot)}")  # fmt: skip


def _old_by_filter_from_summary(*_tables) -> dict:
    """The per-filter funnel as computed before 1 Dec 2026: a grouped count and a
    window-function (SQLite) or ``percentile_cont`` (PostgreSQL) median per dimension."""
    from django.db import connection

    from lintas.insights.domain import funnel
    from lintas.insights.models import FunnelDuration, ProfileFunnel

    def rows_by_value(table, dim):
        many = funnel._filter_values_sql(dim)
        if many is None:
            return (
                f"(SELECT t.*, t.{dim} AS kpi_v FROM {table} t WHERE t.{dim} IS NOT NULL) kpi_t",
                [],
            )
        sql, params = many
        return (
            f"(SELECT t.*, fv.v AS kpi_v FROM {table} t JOIN ({sql}) fv ON fv.pid = t.profile_id) "
            "kpi_t",
            params,
        )

    out: dict = {}
    with connection.cursor() as cursor:
        for dim in funnel.FILTERED:
            if dim in ("sector", "event") and funnel._filter_values_sql(dim) is None:
                continue
            source, params = rows_by_value(ProfileFunnel._meta.db_table, dim)
            cursor.execute(
                f"SELECT kpi_v, furthest, COUNT(*) FROM {source} GROUP BY kpi_v, furthest", params
            )
            counts: dict = {}
            for value, furthest, n in cursor.fetchall():
                counts.setdefault(str(value), {})[str(furthest)] = n
            source, params = rows_by_value(FunnelDuration._meta.db_table, dim)
            sql, params = funnel._median_by_value_sql(source, params)
            cursor.execute(sql, params)
            medians: dict = {}
            for value, step, secs in cursor.fetchall():
                medians.setdefault(str(value), {})[step] = funnel._days(secs)
            out[dim] = {"counts": counts, "medians": medians}
    return out


def _old_interest_durations_sql(profiles=None):
    """The interest waiting times as computed before: two correlated subqueries per deal."""
    from django.db.models import F

    from lintas.insights.domain import engine, funnel

    for step, qs, path in funnel.duration_querysets(engine.NO_FILTERS, profiles):
        if step == "interest":
            return qs.annotate(kpi_pid=F(path)).values("kpi_pid", "secs").query.sql_with_params()
    raise LookupError("interest")


def legacy_rebuild():
    """``refresh_summary`` as it ran before 1 Dec 2026 (the baseline): the database's default
    sort memory, the indexes kept during the bulk loads, the interest waiting times from
    correlated subqueries, the per-filter funnel from one grouped query and one SQL median per
    dimension."""
    import contextlib
    from unittest import mock

    from django.db import connection

    from lintas.insights.domain import funnel, summary

    def delete_rows(model):
        model.objects.all()._raw_delete(model.objects.db)
        return summary._Load(model, model._meta.db_table)

    def analyze(load):
        if connection.vendor == "postgresql":  # as it did at the end
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {load.table}")

    with (
        mock.patch.object(summary, "_sqlite_memory", contextlib.nullcontext),
        mock.patch.object(summary, "_postgres_memory", lambda: None),
        mock.patch.object(summary, "_fresh", delete_rows),
        mock.patch.object(summary, "_indexed", analyze),
        mock.patch.object(funnel, "interest_durations_sql", _old_interest_durations_sql),
        mock.patch.object(funnel, "by_filter_from_summary", _old_by_filter_from_summary),
    ):
        return summary.refresh_summary()


def _summary_state(run) -> dict:
    """Everything a rebuild leaves, comparable between two rebuilds: the fact and funnel rows
    (as sorted tuples, ids left out) and the stored figures (timings left out)."""
    from django.db import connection

    from lintas.insights.models import FunnelDuration, KpiFact, ProfileFunnel

    tables = {
        KpiFact: "kpi, src, root, obj, row_year, year, country, sector, event, broker, value, "
        "currency",
        ProfileFunnel: "profile_id, furthest, year, country, broker",
        FunnelDuration: "step, profile_id, secs, year, country, broker",
    }
    out: dict = {}
    with connection.cursor() as cursor:
        for model, cols in tables.items():
            cursor.execute(f"SELECT {cols} FROM {model._meta.db_table}")
            out[model.__name__] = sorted(map(repr, cursor.fetchall()))
    snapshot = {k: v for k, v in run.snapshot.items() if k != "timings"}
    snapshot["breakdowns"] = {d: sorted(map(tuple, r)) for d, r in snapshot["breakdowns"].items()}
    out["snapshot"] = snapshot
    return out


def time_rebuilds(repeat: int) -> None:
    """The previous rebuild (baseline) and the current one, alternately, each phase printed;
    then whether both leave the same summary."""
    from lintas.insights.domain.summary import refresh_summary

    states = {}
    for i in range(repeat):
        for name, rebuild in (
            ("baseline (previous)", legacy_rebuild),
            ("current", refresh_summary),
        ):
            load = os.getloadavg()[0]
            t0 = time.perf_counter()
            run = rebuild()
            secs = time.perf_counter() - t0
            print(
                f"rebuild {i + 1} {name:20}: {secs:6.1f} s (load {load:.1f} → "
                f"{os.getloadavg()[0]:.1f}; {run.rows:,} fact rows; phases in s: "
                f"{run.snapshot['timings']})",
                flush=True,
            )
            if i == 0:
                states[name] = _summary_state(run)
    same = states["baseline (previous)"] == states["current"]
    print(f"the current rebuild leaves the same summary as the baseline: {same}")
    if not same:
        for key, value in states["current"].items():
            if states["baseline (previous)"][key] != value:
                print(f"  differs: {key}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", metavar="URL", help="server URL; a scratch DB is made")
    parser.add_argument("--no-live", action="store_true", help="skip the live-engine baseline")
    parser.add_argument("--scratch-db", default=SCRATCH_DB, help="PostgreSQL scratch database")
    parser.add_argument(
        "--reuse",
        nargs="?",
        const="keep",
        metavar="DIR",
        help="build the 100k database once and reuse it (SQLite: its folder; PostgreSQL: the "
        "scratch database is kept)",
    )
    parser.add_argument(
        "--keep-summary", action="store_true", help="with --reuse: no rebuild if a summary exists"
    )
    parser.add_argument("--only", help="time only the views whose name contains this")
    parser.add_argument(
        "--views-only", action="store_true", help="skip the write-path refreshes and naive Python"
    )
    parser.add_argument(
        "--live-limit", type=float, default=60, help="seconds a live view may take (else '>')"
    )
    parser.add_argument(
        "--rebuild-only",
        action="store_true",
        help="time only the full rebuild, the previous implementation beside the current one",
    )
    parser.add_argument("--repeat", type=int, default=2, help="with --rebuild-only: runs of each")
    args = parser.parse_args(argv)
    globals()["SCRATCH_DB"] = args.scratch_db
    if args.reuse == "keep" and not args.postgres:
        parser.error("--reuse needs a folder with SQLite")
    setup(args.postgres, args.reuse)
    # After Django configured logging: no line per request, no trace of a live view cut off.
    logging.getLogger("lintas.request").setLevel(logging.CRITICAL)
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    try:
        from django.db import connection
        from django.test import Client

        from lintas.core.models import User
        from lintas.insights.domain.summary import refresh_summary
        from lintas.insights.models import SummaryRun

        print(
            f"database: {connection.vendor}; cores: {os.cpu_count()}; load average "
            f"{os.getloadavg()[0]:.1f} (other jobs on the machine slow every figure)"
        )
        admin, _new = User.objects.get_or_create(
            username="bench-admin", defaults={"email": "admin@x.org", "role": "admin"}
        )
        client = Client()
        for _ in using_empty():
            empty_admin, _new = User.objects.get_or_create(
                username="bench-admin", defaults={"email": "admin@x.org", "role": "admin"}
            )
            client.force_login(empty_admin)
            if not SummaryRun.objects.exists():
                refresh_summary()  # the pages read the summary, as on the full database
            for name, path in {"by year": "/insights/", "impact": "/insights/impact/"}.items():
                client.get(path)
                print(f"baseline, empty database, {name:9}: {fmt(time_page(client, path))}")
        client.force_login(admin)
        from lintas.catalogue.models import Profile

        if args.reuse and Profile.objects.exists():
            print(f"reusing the database built earlier ({Profile.objects.count():,} profiles)")
        else:
            t0 = time.perf_counter()
            counts = populate(random.Random(7))
            print(f"bulk-created in {time.perf_counter() - t0:.1f} s: {counts}")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        if args.rebuild_only:
            time_rebuilds(args.repeat)
            return 0
        from lintas.events.models import Event

        paths = views(Event.objects.get(slug="bench").pk, User.objects.get(username="broker3").pk)
        if args.only:
            paths = {k: v for k, v in paths.items() if args.only in k}
        live = {}
        if not args.no_live:
            SummaryRun.objects.all().delete()  # the pages count live without a summary
            for name, path in paths.items():
                live[name] = time_live(client, path, args.live_limit)
        if args.keep_summary and SummaryRun.objects.exists():
            print("reused the summary (no rebuild timed)")
        else:
            t0 = time.perf_counter()
            run = refresh_summary()
            print(
                f"full rebuild (refresh_summary): {time.perf_counter() - t0:.1f} s ({run.rows:,} "
                f"fact rows; phases in s: {run.snapshot['timings']})"
            )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"{'view':24} {'from summary (median of 5)':>28} {'live engine (1 run)':>20}")
        worst = 0.0
        for name, path in paths.items():
            client.get(path)  # warm
            ms = time_page(client, path)
            worst = max(worst, statistics.median(ms))
            base = "-"
            if name in live:
                base = f"{live[name]:12.1f} ms" if live[name] else f"> {args.live_limit:g} s"
            print(f"{name:24} {statistics.median(ms):20.1f} ms {base:>20}")
        print(
            f"slowest view from summary: {worst:.1f} ms (target < 300 ms); load average now "
            f"{os.getloadavg()[0]:.1f}"
        )
        if not args.views_only:
            time_refreshes()
            ms, figures = naive_python()
            print(f"baseline, naive per-row Python (3 figures only): {ms:.1f} ms {figures}")
    finally:
        teardown(args.postgres, args.reuse)
    return 0


if __name__ == "__main__":
    sys.exit(main())
