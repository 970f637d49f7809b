"""Decline reasons counted in insights (issue 13 §2): an optional reason, every decline counted
(uncoded ones as "no reason given"), through the figure machinery, per reason, sector and
profile, on the dashboard and the KPI API; recorded declines schedule a refresh."""

import pytest
from django.urls import reverse

from lintas.brokerage.domain import deals, declines, matches
from lintas.brokerage.models import DeclineReason
from lintas.insights.domain import dashboard, engine, summary
from lintas.insights.domain import declines as insight_declines
from lintas.insights.models import PendingRefresh
from lintas.matching.models import Match
from tests.conftest import login
from tests.factories import ProfileFactory, SectorFactory


@pytest.fixture
def interest(offer, need, seeker, settings):
    settings.LINTAS = {**settings.LINTAS, "BROKER_APPROVAL_REQUIRED": False}
    return deals.express_interest(user=seeker, profile=offer, message="Hi", counterpart=need)


@pytest.mark.django_db
def test_decline_without_reason_counts_as_no_reason_given(interest, provider, need):
    deals.respond(user=provider, deal=interest, accept=False)
    reason = DeclineReason.objects.get()
    assert (reason.code, reason.profile) == ("none", need)
    assert str(reason.get_code_display()) == "No reason given"
    assert declines.advice(need) == []  # no advice from an uncoded decline
    assert dashboard.totals(engine.NO_FILTERS, ["declines"]) == {"declines": 1}


@pytest.mark.django_db
def test_decline_page_accepts_no_reason(interest, provider, need):
    response = login(provider).post(
        reverse("brokerage:deal_respond", args=[interest.pk, "decline"]), {"reason": ""}
    )
    assert response.status_code == 302
    interest.refresh_from_db()
    assert interest.stage == "declined"
    assert DeclineReason.objects.get().code == "none"


@pytest.mark.django_db
def test_dismissed_match_without_reason_is_counted(offer, need, broker):
    match = Match.objects.create(offer=offer, need=need, score=0.9)
    matches.dismiss(user=broker, match=match)
    assert DeclineReason.objects.get().code == "none"


@pytest.mark.django_db
def test_record_reason_schedules_the_declines_refresh(
    offer, broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        declines.record_reason(user=broker, code="stage", profile=offer)
    # Eager Celery: the refresh ran and took the topic; the summary now has the figure.
    assert not PendingRefresh.objects.filter(topic="declines").exists()
    run = summary.latest()
    assert run is not None
    assert dashboard.totals(engine.NO_FILTERS, ["declines"], run=run) == {"declines": 1}


@pytest.mark.django_db
def test_reasons_by_reason_sector_and_profile(offer, need, broker, provider_org):
    energy = SectorFactory(slug="new-energy")
    solar = ProfileFactory(organisation=provider_org, status="published", sectors=[energy])
    for code in ("stage", "stage", "country", ""):
        declines.record_reason(user=broker, code=code, profile=offer)
    declines.record_reason(user=broker, code="terms", profile=solar)
    report = insight_declines.report(engine.NO_FILTERS)
    assert [(r["code"], r["count"]) for r in report["reasons"]] == [
        ("stage", 2), ("terms", 1), ("country", 1), ("none", 1),
    ]  # fmt: skip
    assert report["total"] == 5 == dashboard.totals(engine.NO_FILTERS, ["declines"])["declines"]
    codes = [code for code, _label in report["sectors"]["reasons"]]
    by_sector = {
        r["sector"]: dict(zip(codes, r["counts"], strict=True)) for r in report["sectors"]["rows"]
    }
    assert by_sector == {
        "agriculture": {"stage": 2, "country": 1, "terms": 0, "none": 1},
        "new-energy": {"stage": 0, "country": 0, "terms": 1, "none": 0},
    }
    top = report["profiles"]
    assert [(r["profile"], r["count"]) for r in top] == [(offer, 4), (solar, 1)]
    assert top[0]["reasons"][0][0] == "stage"
    only_energy = insight_declines.report(engine.Filters(sector="new-energy"))
    assert [(r["code"], r["count"]) for r in only_energy["reasons"]] == [("terms", 1)]
    assert [r["profile"] for r in only_energy["profiles"]] == [solar]


@pytest.mark.django_db
def test_dashboard_and_api_show_the_reasons(offer, broker):
    declines.record_reason(user=broker, code="credible", profile=offer)
    declines.record_reason(user=broker, code="", profile=offer)
    page = login(broker).get(reverse("insights:dashboard")).content.decode()
    assert "Why offers and needs were turned down" in page
    assert 'data-reason="credible"' in page and 'data-reason="none"' in page
    assert "No reason given" in page
    assert offer.get_absolute_url() in page
    assert "Declines recorded" in page
    data = login(broker).get("/api/v1/insights/kpis/").json()
    assert data["totals"]["declines"] == 2
    assert {r["code"]: r["count"] for r in data["declines"]["reasons"]} == {
        "credible": 1,
        "none": 1,
    }
    assert data["declines"]["profiles"] == [
        {"ref": offer.ref, "count": 2, "reasons": {"credible": 1, "none": 1}}
    ]


@pytest.mark.django_db
def test_declines_are_not_on_the_public_impact_page(offer, broker, client):
    declines.record_reason(user=broker, code="credible", profile=offer)
    page = client.get(reverse("insights:impact")).content.decode()
    assert "Declines recorded" not in page
