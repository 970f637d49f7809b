"""Every KPI against a count worked out by hand from the fixture (see conftest.world)."""

import pytest

from lintas.insights.domain import dashboard, engine, funnel
from lintas.insights.domain import figures as kpis
from lintas.insights.domain.engine import Filters


def total(key, **filters):
    return engine.count(kpis.KPIS[key](), Filters(**filters))


@pytest.mark.django_db
def test_kpi_totals_equal_hand_counts(world):
    # promoted: O1, O2, N1, N2 (ever published) + O3 (shown at the event)
    assert total("promoted") == 5
    # enterprises: gxu, tani, th-org (deals); agreements add nothing new; meeting held: gxu, tani
    assert total("enterprises") == 3
    assert total("matches") == 2
    assert total("interests") == 2
    assert total("introductions") == 1
    assert total("meetings") == 1
    assert total("agreements") == 2


@pytest.mark.django_db
def test_kpi_filters_by_year_country_sector_event_broker(world, sector, broker):
    assert total("promoted", year=2024) == 1  # O1 published 2024
    # O2, N1, N2 + O3 shown at the 2025 event; O1 (also shown there) is a 2024 project
    assert total("promoted", year=2025) == 4
    assert total("agreements", year=2024) == 1
    assert total("agreements", country="TH") == 1  # A2 has the Thai party
    assert total("enterprises", country="TH") == 1
    assert total("promoted", sector="new-energy") == 3  # O2, N2, O3
    assert total("matches", sector=sector.slug) == 2  # O1-N1 both agriculture; O2-N1 via N1
    assert total("agreements", event=world["event"].pk) == 1
    assert total("meetings", event=world["event"].pk) == 1
    assert total("promoted", event=world["event"].pk) == 3  # O1, N1, O3 shown there
    assert total("introductions", broker=broker.pk) == 1
    assert total("meetings", broker=broker.pk) == 0  # meetings have no broker: not guessed


@pytest.mark.django_db
def test_kpi_breakdown_by_year_and_country(world):
    assert engine.count(kpis.agreements(), Filters(), "year") == {2024: 1, 2025: 1}
    by_country = engine.count(kpis.enterprises_served(), Filters(), "country")
    assert by_country == {"CN": 1, "ID": 1, "TH": 1}
    promoted = engine.count(kpis.projects_promoted(), Filters(), "country")
    assert promoted == {"CN": 2, "ID": 1, "TH": 1, "VN": 1}


@pytest.mark.django_db
def test_agreement_value_is_summed_per_currency(world):
    value = engine.money(kpis.agreements(), Filters())
    assert {k: float(v) for k, v in value.items()} == {"USD": 1000.0, "CNY": 500.0}
    by_year = engine.money(kpis.agreements(), Filters(), "year")
    assert {y: {c: float(v) for c, v in d.items()} for y, d in by_year.items()} == {
        2024: {"CNY": 500.0},
        2025: {"USD": 1000.0},
    }


@pytest.mark.django_db
def test_funnel_counts_add_up(world):
    rows = funnel.counts()
    reached = {r["step"]: r["reached"] for r in rows}
    # published: O1, O2, N1, N2; matched (or further): O1, O2, N1 (N2's match dismissed);
    # interest: O1, N1 (D1), O2 (D2); introduced/meeting/agreement: O1, N1
    assert reached == {"published": 4, "matched": 3, "interest": 3, "introduced": 2,
                       "meeting": 2, "agreement": 2}  # fmt: skip
    assert sum(r["lost"] for r in rows) == reached["published"]
    for before, after in zip(rows, rows[1:], strict=False):
        assert before["reached"] - before["lost"] == after["reached"]


@pytest.mark.django_db
def test_funnel_median_days(world):
    medians = funnel.median_days()
    # first match: O1 2025-01-03 - 2024-03-01 = 308 d; O2: 2 d; N1: 2 d -> median 2
    assert medians["matched"] == 2.0
    # D1 created 01-05, O1's first match 01-03 -> 2 d; D2 02-01, O2's first match 01-12 -> 20 d
    assert medians["interest"] == 11.0
    assert medians["introduced"] == 10.0
    assert medians["meeting"] == 10.0
    assert medians["agreement"] == 20.0


@pytest.mark.django_db
def test_breakdown_marks_no_kpi_unavailable_when_all_apps_installed(world):
    table = dashboard.breakdown(Filters(), "country")
    assert table["unavailable"] == []
    labels = {r["key"]: r["label"] for r in table["rows"]}
    assert labels["TH"] == "Thailand"
