"""Acceptance: a broker opens the KPI dashboard with demo-like data, breaks it down by country,
downloads the CSV; a visitor sees the public impact page without confidential data."""

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from lintas.brokerage.models import Agreement
from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, ProfileFactory
from tests.insights.conftest import world  # noqa: F401  (fixture)


@pytest.fixture
def demo_like(world):  # noqa: F811
    countries = ["ID", "VN", "TH", "MY", "PH", "KH", "LA", "MM"]
    for i, country in enumerate(countries):
        org = OrganisationFactory(slug=f"org-{country.lower()}", country=country, type="enterprise")
        for j in range(i + 2):
            ProfileFactory(ref=f"ND-D-{i}-{j}", kind="need", organisation=org, status="published",
                           published_at=dt.datetime(2023 + j % 3, 5, 1, tzinfo=dt.UTC))  # fmt: skip
        agreement = Agreement.objects.create(
            title=f"Agreement {country}", type="transfer", currency="CNY",
            signed_on=dt.date(2023 + i % 3, 6, 1), value=Decimal(100_000 * (i + 1)),
        )  # fmt: skip
        agreement.parties.set([org, world["o1"].organisation])
    return world


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_broker_dashboard_and_public_impact_in_chromium(page, shoot, demo_like, broker):
    sign_in(page, "broker")
    page.goto("/insights/")
    expect(page.locator("#kpis [data-kpi=agreements] b")).to_have_text("10")
    expect(page.locator("#funnel")).to_be_visible()
    shoot(page, "dashboard")

    page.select_option("#id_by", "country")
    page.click("form.filters button")
    expect(page.locator("#breakdown")).to_contain_text("Vietnam")
    expect(page.locator("#chart-agreements svg")).to_be_visible()
    shoot(page, "by-country")

    with page.expect_download() as download:
        page.click("text=Download CSV")
    assert download.value.suggested_filename == "lintas-kpis-by-country.csv"

    page.context.clear_cookies()
    page.goto("/insights/impact/")
    expect(page.locator("#impact-figures [data-kpi=agreements] b")).to_have_text("10")
    body = page.content()
    assert "SECRET-PRICE-TERMS" not in body and "secret.contact@example.org" not in body
    shoot(page, "impact")
