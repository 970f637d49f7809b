"""The summary layer gives the same figures as the live engine, and who may refresh it."""

import itertools
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from lintas.insights.domain import dashboard, engine, funnel, summary
from lintas.insights.domain import figures as kpis
from lintas.insights.domain.engine import Filters
from lintas.insights.models import KpiFact, ProfileFunnel, SummaryRun
from tests.conftest import login


def _filter_sets(world, sector, broker):
    event = world["event"].pk
    single = [
        Filters(),
        Filters(year=2024),
        Filters(year=2025),
        Filters(year=2019),
        Filters(country="TH"),
        Filters(country="ID"),
        Filters(country="CN"),
        Filters(sector=sector.slug),
        Filters(sector="new-energy"),
        Filters(event=event),
        Filters(broker=broker.pk),
    ]
    pairs = [
        Filters(year=2025, country="ID"),
        Filters(year=2025, sector="new-energy"),
        Filters(country="CN", sector=sector.slug),
        Filters(event=event, country="ID"),
        Filters(broker=broker.pk, year=2025),
        Filters(event=event, sector=sector.slug, country="CN"),
    ]
    return single + pairs


def _money(value):
    return {c: Decimal(str(v)).normalize() for c, v in (value or {}).items()}


@pytest.mark.django_db
def test_summary_totals_and_breakdowns_equal_live_engine(world, sector, broker):
    run = summary.refresh_summary()
    assert run.rows == KpiFact.objects.count() > 0
    for filters in _filter_sets(world, sector, broker):
        live = dashboard.totals(filters)
        assert dashboard.totals(filters, run=run) == live, filters
        assert _money(dashboard.agreement_value(filters, run=run)) == _money(
            dashboard.agreement_value(filters)
        ), filters
        for by in engine.DIMENSIONS:
            live_table = dashboard.breakdown(filters, by)
            assert dashboard.breakdown(filters, by, run=run) == live_table, (filters, by)


@pytest.mark.django_db
def test_summary_counts_equal_engine_for_every_kpi_and_dimension(world, sector, broker):
    summary.refresh_summary()
    filters_list = _filter_sets(world, sector, broker)
    for filters, by in itertools.product(filters_list, [None, *engine.DIMENSIONS]):
        found = summary.counts(filters, list(kpis.KPIS), by)
        for key, fn in kpis.KPIS.items():
            assert found[key] == engine.count(fn(), filters, by), (key, filters, by)


@pytest.mark.django_db
def test_summary_keeps_hand_counted_totals(world):
    run = summary.refresh_summary()
    assert run.snapshot["totals"] == {
        "promoted": 5,
        "enterprises": 3,
        "matches": 2,
        "interests": 2,
        "introductions": 1,
        "meetings": 1,
        "agreements": 2,
        "consulted": 0,
        "declines": 0,
        "campaign_interests": 0,
        "competition_entries": 0,
    }
    by_country = dashboard.breakdown(Filters(), "country", ("enterprises",), run=run)
    assert {r["key"]: r["values"]["enterprises"] for r in by_country["rows"]} == {
        "CN": 1,
        "ID": 1,
        "TH": 1,
    }


@pytest.mark.django_db
def test_summary_funnel_equals_live_funnel(world):
    run = summary.refresh_summary()
    assert dashboard.funnel_report(Filters(), run=run) == dashboard.funnel_report(Filters())
    assert run.snapshot["funnel"]["counts"] == funnel.counts(Filters())
    assert run.snapshot["funnel"]["medians"] == funnel.median_days(Filters())


@pytest.mark.django_db
def test_summary_funnel_equals_live_funnel_under_every_filter(world, sector, broker):
    run = summary.refresh_summary()
    for filters in _filter_sets(world, sector, broker):
        assert funnel.counts_from_summary(filters) == funnel.counts(filters), filters
        assert funnel.median_days_from_summary(filters) == funnel.median_days(filters), filters
        assert dashboard.funnel_report(filters, run=run) == dashboard.funnel_report(filters)


@pytest.mark.django_db
def test_funnel_computed_ahead_per_filter_equals_the_rows(world, sector, broker):
    """The per-filter funnel stored in the summary (what a page with one filter reads) equals
    the funnel read from the summary rows and counted live, for every single filter, including
    values with nothing (no sector rows, a year with no profiles)."""
    run = summary.refresh_summary()
    stored = run.snapshot["funnel"]["by_filter"]
    assert set(stored) == set(engine.DIMENSIONS)
    singles = [f for f in _filter_sets(world, sector, broker) if len(f.active()) == 1]
    singles += [Filters(year=1999), Filters(country="VN")]
    for filters in singles:
        ahead = funnel.from_by_filter(stored, filters)
        assert ahead is not None, filters
        assert ahead[0] == funnel.counts_from_summary(filters) == funnel.counts(filters), filters
        assert ahead[1] == funnel.median_days_from_summary(filters), filters
        assert ahead[1] == funnel.median_days(filters), filters
    # Two filters at once are read from the rows.
    assert funnel.from_by_filter(stored, Filters(year=2025, country="ID")) is None


@pytest.mark.django_db
def test_summary_funnel_keeps_hand_counts(world):
    run = summary.refresh_summary()
    reached = {r["step"]: r["reached"] for r in run.snapshot["funnel"]["counts"]}
    # the same hand counts as test_kpis.test_funnel_counts_add_up
    assert reached == {"published": 4, "matched": 3, "interest": 3, "introduced": 2,
                       "meeting": 2, "agreement": 2}  # fmt: skip
    assert run.snapshot["funnel"]["medians"]["matched"] == 2.0
    assert ProfileFunnel.objects.count() == 4


@pytest.mark.django_db
def test_summary_refresh_replaces_previous_run_and_sees_new_data(world):
    first = summary.refresh_summary()
    world["d2"].delete()  # the Thai organisation's interest only
    second = summary.refresh_summary()
    assert list(SummaryRun.objects.values_list("pk", flat=True)) == [second.pk]
    assert second.pk != first.pk
    assert first.snapshot["totals"]["interests"] == 2
    assert second.snapshot["totals"] == dashboard.totals(Filters())
    assert second.snapshot["totals"]["interests"] == 1


@pytest.mark.django_db
def test_dashboard_reads_summary_and_says_when(broker, world):
    client = login(broker)
    live = client.get(reverse("insights:dashboard")).content.decode()
    assert "Counted live in the database." in live
    summary.refresh_summary()
    body = client.get(reverse("insights:dashboard")).content.decode()
    assert "Figures as of" in body
    start = body.index('id="kpis"')
    assert (
        body[start : body.index("</div></div>", start)]
        == live[live.index('id="kpis"') : live.index("</div></div>", live.index('id="kpis"'))]
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, status",
    [("provider", 403), ("seeker", 403), ("officer", 403), ("broker", 302), ("admin_user", 302)],
)
def test_refresh_now_permission_matrix(request, world, role, status):
    response = login(request.getfixturevalue(role)).post(reverse("insights:refresh"))
    assert response.status_code == status
    assert SummaryRun.objects.count() == (1 if status == 302 else 0)


@pytest.mark.django_db
def test_refresh_now_anonymous_and_get_change_nothing(client, broker, world):
    response = client.post(reverse("insights:refresh"))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
    assert login(broker).get(reverse("insights:refresh")).status_code == 405
    assert SummaryRun.objects.count() == 0


@pytest.mark.django_db
def test_refresh_button_shown_to_brokers_only(broker, officer, world):
    assert 'id="refresh-now"' in login(broker).get(reverse("insights:dashboard")).content.decode()
    body = login(officer).get(reverse("insights:dashboard")).content.decode()
    assert 'id="refresh-now"' not in body


@pytest.mark.django_db
def test_refresh_task_and_beat_schedule(world):
    from lintas.celery import app
    from lintas.insights import tasks

    assert tasks.refresh_summary.delay().get() == KpiFact.objects.count()
    entry = app.conf.beat_schedule["insights-refresh-summary"]
    assert entry["task"] == "lintas.insights.refresh_summary"


@pytest.mark.django_db
def test_demo_loader_builds_summary(world):
    from lintas.demo import insights as demo
    from lintas.demo.loader import LOADERS

    assert LOADERS[-1] is demo.load
    lines = []
    assert demo.load(lines.append) == {"insights summary rows": KpiFact.objects.count()}
    assert lines and SummaryRun.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("lang, text", [("zh-hans", "数据截至"), ("id", "Angka per")])
def test_figures_as_of_renders_translated(broker, world, lang, text):
    summary.refresh_summary()
    with translation.override(lang):
        body = login(broker).get(reverse("insights:dashboard"), HTTP_ACCEPT_LANGUAGE=lang)
    assert text in body.content.decode()


def _indexes(model) -> dict:
    """{name: columns} of the model's own indexes as the database has them."""
    from django.db import connection

    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {
        index.name: found[index.name]["columns"]
        for index in model._meta.indexes
        if index.name in found and found[index.name]["index"]
    }


def _expected_indexes(model) -> dict:
    return {
        index.name: [model._meta.get_field(f).column for f in index.fields]
        for index in model._meta.indexes
    }


def _constraints(model) -> dict:
    """Every index and constraint of the model's table (primary key, foreign key index, checks,
    the model's indexes) as the database has them."""
    from django.db import connection

    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, model._meta.db_table)
    keys = ("columns", "primary_key", "unique", "index", "check", "foreign_key")
    return {name: tuple(str(c[k]) for k in keys) for name, c in found.items()}


def _provisional_tables() -> list:
    from django.db import connection

    return [t for t in connection.introspection.table_names() if t.endswith("_next")]


def _fact_rows() -> list:
    return sorted(
        KpiFact.objects.values_list("kpi", "src", "root", "obj", "year", "country", "sector")
    )


@pytest.mark.django_db
def test_full_rebuild_leaves_every_summary_index_in_place(world):
    """The bulk load drops or leaves out the indexes (SQLite: the facts and funnel tables';
    PostgreSQL: a new facts table put in place of the old one): after the rebuild each index of
    the models is there again, on its columns, and nothing provisional is left."""
    from django.db import connection

    from lintas.insights.models import FunnelDuration

    models = (KpiFact, ProfileFunnel, FunnelDuration)
    migrated = {model: _constraints(model) for model in models}
    for _ in range(2):  # the second rebuild replaces tables the first one put in place
        run = summary.refresh_summary()
        for model in models:
            assert _indexes(model) == _expected_indexes(model), model
            assert _constraints(model) == migrated[model], model
        assert _provisional_tables() == []
        assert run.rows == KpiFact.objects.count() > 0
    # New facts still get their ids (the per-record refresh inserts into the table in place).
    world["d2"].delete()
    summary.refresh_figures(["interests"])
    assert summary.latest().snapshot["totals"] == dashboard.totals(Filters())
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            assert cursor.fetchone()[0] != -summary.SQLITE_REBUILD_CACHE_KIB  # put back


@pytest.mark.django_db
def test_failed_rebuild_leaves_the_previous_summary_and_indexes(world, monkeypatch):
    """A rebuild that fails after loading the new facts (and building their indexes) changes
    nothing: the previous run, its fact rows and every index stay as they were."""

    from lintas.insights.models import FunnelDuration

    before = summary.refresh_summary()
    rows = _fact_rows()
    funnel_rows = sorted(ProfileFunnel.objects.values_list("profile_id", "furthest"))
    world["d2"].delete()  # the new rebuild would count one interest fewer

    def broken(*tables):
        raise RuntimeError("the per-filter funnel failed")

    monkeypatch.setattr(funnel, "by_filter_from_summary", broken)
    with pytest.raises(RuntimeError):
        summary.refresh_summary()
    assert list(SummaryRun.objects.values_list("pk", flat=True)) == [before.pk]
    assert summary.latest().snapshot["totals"]["interests"] == 2
    assert _fact_rows() == rows
    assert sorted(ProfileFunnel.objects.values_list("profile_id", "furthest")) == funnel_rows
    for model in (KpiFact, ProfileFunnel, FunnelDuration):
        assert _indexes(model) == _expected_indexes(model), model
    assert _provisional_tables() == []
    monkeypatch.undo()
    assert summary.refresh_summary().snapshot["totals"]["interests"] == 1


@pytest.mark.django_db
def test_per_filter_median_taken_in_python_equals_the_databases_to_the_last_bit():
    """``funnel._median`` (the per-filter funnel's medians, taken from ordered lists) gives the
    very value the database's median gives (``_median_by_value_sql``, used under two filters),
    for odd and even counts, so a one-filter page and a two-filter page cannot disagree."""
    import random

    from django.db import connection

    rng = random.Random(17)
    lists = {str(n): [rng.uniform(0, 9e7) for _ in range(n)] for n in (1, 2, 3, 4, 7, 10, 101, 250)}
    lists["ties"] = [3600.5, 3600.5, 86400.25, 0.1]
    rows, params = [], []
    for key, values in lists.items():
        for secs in values:
            rows.append(
                "SELECT %s AS kpi_v, 'interest' AS step, CAST(%s AS DOUBLE PRECISION) AS secs"
            )
            params += [key, secs]
    sql, params = funnel._median_by_value_sql(f"({' UNION ALL '.join(rows)}) kpi_t", params)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = {key: float(secs) for key, _step, secs in cursor.fetchall()}
    assert found == {key: funnel._median(sorted(values)) for key, values in lists.items()}
