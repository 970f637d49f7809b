"""Acceptance: an Indonesian SME finds a Chinese university's offer, expresses interest; the
provider accepts; they exchange messages; the broker moves the deal to agreement, records it,
and the home page counts it."""

import re

import pytest
from playwright.sync_api import expect

from lintas.brokerage.models import Agreement, Deal
from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory, UserFactory


def sign_out(page):
    page.context.clear_cookies()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_seeker_to_agreement_in_chromium(page, shoot):
    sector = SectorFactory(slug="agriculture", names={"en": "Modern agriculture"})
    gxu = OrganisationFactory(slug="gxu", name="Guangxi University", country="CN")
    tani = OrganisationFactory(
        slug="tani", name="CV Tani Makmur", type="enterprise", size="small", country="ID"
    )
    provider = UserFactory(username="provider", organisation=gxu, role="provider")
    UserFactory(username="seeker", organisation=tani, role="seeker", language="id")
    UserFactory(username="broker", role="broker", organisation=OrganisationFactory())
    ProfileFactory(
        ref="OF-B-00001",
        kind="offer",
        organisation=gxu,
        created_by=provider,
        title="Salt-tolerant hybrid rice for coastal paddies",
        status="published",
        sectors=[sector],
    )

    # The seeker searches the offers and expresses interest.
    sign_in(page, "seeker")
    page.goto("/offers/?q=rice")
    page.get_by_role("link", name=re.compile("Salt-tolerant hybrid rice")).first.click()
    expect(page.locator("#confidential-hidden")).to_be_visible()
    page.click("#express-interest")
    page.fill("textarea[name=message]", "Kami petani padi di Indramayu dan tertarik uji coba.")
    shoot(page, "1-interest-form")
    page.click("#send-interest")
    expect(page.locator("#deal-stage")).to_have_text("Interest")
    expect(page.locator("#contacts-hidden")).to_be_visible()
    assert "secret.contact@example.org" not in page.content()
    deal = Deal.objects.get()
    shoot(page, "2-interest-sent")

    # The provider accepts and writes.
    sign_out(page)
    sign_in(page, "provider")
    page.goto(f"/deals/{deal.pk}/")
    page.click("#accept-interest")
    expect(page.locator("#deal-stage")).to_have_text("Introduced")
    page.fill("textarea[name=body]", "Selamat datang! We can send 50 kg of seed for a trial.")
    page.click("#send-message")
    expect(page.locator(".msg")).to_have_count(1)
    shoot(page, "3-provider-accepted")

    # The seeker now sees the contacts and answers.
    sign_out(page)
    sign_in(page, "seeker")
    page.goto(f"/deals/{deal.pk}/")
    expect(page.locator("#contacts")).to_contain_text("secret.contact@example.org")
    page.fill("textarea[name=body]", "Terima kasih, kami siapkan 2 ha untuk Oktober.")
    page.click("#send-message")
    expect(page.locator(".msg")).to_have_count(2)
    shoot(page, "4-conversation")

    # The broker moves the deal to agreement and records it.
    sign_out(page)
    sign_in(page, "broker")
    page.goto(f"/deals/{deal.pk}/")
    page.select_option("select[name=stage]", "agreement")
    page.click("#save-deal")
    page.wait_for_url("**/deals/agreements/new/?deal=*")
    page.select_option("select[name=type]", "transfer")
    page.fill("input[name=signed_on]", "2026-11-20")
    page.fill("input[name=value]", "1200000")
    page.select_option("select[name=currency]", "CNY")
    shoot(page, "5-agreement-form")
    page.click("#save-agreement")
    expect(page.locator("h1")).to_contain_text("Salt-tolerant hybrid rice")
    agreement = Agreement.objects.get()
    assert agreement.deal_id == deal.pk
    assert sorted(agreement.parties.values_list("slug", flat=True)) == ["gxu", "tani"]
    shoot(page, "6-agreement")

    page.goto("/")
    expect(page.locator("#figure-agreements b")).to_have_text("1")
    shoot(page, "7-home-figures")
