"""Acceptance of issue 13 in Chromium: a broker starts from the inbox, validates a profile,
introduces a pair from the match view, both sides consent, the deal reaches an agreement, and
the inbox counts move accordingly."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lintas.brokerage.models import Agreement, Deal
from lintas.matching.models import Match
from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory, UserFactory


def sign_out(page):
    page.context.clear_cookies()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_broker_day_from_inbox_to_agreement_in_chromium(page, shoot):
    sector = SectorFactory(slug="agriculture", names={"en": "Modern agriculture"})
    gxu = OrganisationFactory(slug="gxu", name="Guangxi University", country="CN")
    tani = OrganisationFactory(slug="tani", name="CV Tani Makmur", type="enterprise",
                               size="small", country="ID")  # fmt: skip
    provider = UserFactory(username="provider", organisation=gxu, role="provider")
    seeker = UserFactory(username="seeker", organisation=tani, role="seeker", language="id")
    broker = UserFactory(username="broker", role="broker", organisation=OrganisationFactory())
    offer = ProfileFactory(ref="OF-B-00001", kind="offer", organisation=gxu, created_by=provider,
                           title="Salt-tolerant hybrid rice for coastal paddies",
                           status="published", sectors=[sector], broker=broker)  # fmt: skip
    need = ProfileFactory(ref="ND-B-00001", kind="need", organisation=tani, created_by=seeker,
                          title="Rice that survives brackish water", status="submitted",
                          submitted_at=timezone.now(), sectors=[sector])  # fmt: skip

    # The broker starts from the inbox: one profile to validate.
    sign_in(page, "broker")
    page.goto("/deals/inbox/")
    expect(page.locator('[data-count="validate"]').first).to_have_text("1")
    expect(page.locator('[data-count="consent"]').first).to_have_text("0")
    shoot(page, "1-inbox")
    page.locator('[data-item="validate"] a.btn').first.click()
    page.wait_for_url("**/profiles/queue/**")
    page.click(f'[data-publish="{need.ref}"]')
    page.wait_for_url("**/profiles/queue/")
    need.refresh_from_db()
    assert need.status == "published"

    # The engine's strong match between the two is waiting in the inbox and the match view.
    Match.objects.update_or_create(offer=offer, need=need,
                                   defaults={"score": 0.8, "dismissed": False, "pinned": False,
                                             "decided_by": None})  # fmt: skip
    page.goto("/deals/inbox/")
    expect(page.locator('[data-count="validate"]').first).to_have_text("0")
    expect(page.locator('[data-count="matches"]').first).to_have_text("1")
    page.get_by_role("link", name="Network matches").first.click()
    card = page.locator(".network-matches li.card").first
    expect(card).to_contain_text("Rice that survives brackish water")
    card.locator("summary", has_text="Introduce").click()
    card.locator("textarea[name=message]").fill("You both work on rice for saline coasts.")
    shoot(page, "2-match-view")
    card.locator("[data-introduce]").click()
    expect(page.locator("#deal-stage")).to_have_text("Interest")
    deal = Deal.objects.get()
    page.goto("/deals/inbox/")
    expect(page.locator('[data-count="consent"]').first).to_have_text("1")
    expect(page.locator('[data-count="matches"]').first).to_have_text("0")
    shoot(page, "3-inbox-after-introduction")

    # Both sides consent, each from the notification bell.
    for username in ("seeker", "provider"):
        sign_out(page)
        sign_in(page, username)
        expect(page.locator("[data-bell] .count")).to_be_visible()
        page.click("[data-bell]")
        page.locator("#notifications a").first.click()
        page.wait_for_url(f"**/deals/{deal.pk}/")
        page.click("#accept-interest")
    expect(page.locator("#deal-stage")).to_have_text("Introduced")
    shoot(page, "4-introduced")

    # The broker records the agreement; the deal shows it and the Agreement stage.
    sign_out(page)
    sign_in(page, "broker")
    page.goto("/deals/inbox/")
    expect(page.locator('[data-count="consent"]').first).to_have_text("0")
    page.goto(f"/deals/{deal.pk}/")
    page.click("#record-agreement")
    page.wait_for_url("**/deals/agreements/new/?deal=*")
    page.select_option("select[name=type]", "licence")
    page.fill("input[name=signed_on]", "2026-11-20")
    page.click("#save-agreement")
    expect(page.locator("h1")).to_contain_text(re.compile("Salt-tolerant hybrid rice"))
    agreement = Agreement.objects.get()
    assert agreement.deal_id == deal.pk
    page.goto(f"/deals/{deal.pk}/")
    expect(page.locator("#deal-stage")).to_have_text("Agreement")
    expect(page.locator("#deal-agreements")).to_contain_text("Salt-tolerant hybrid rice")
    shoot(page, "5-deal-agreement")
    page.goto("/deals/inbox/")
    for key in ("validate", "approve", "consent", "stalled", "matches"):
        expect(page.locator(f'[data-count="{key}"]').first).to_have_text("0")
    shoot(page, "6-inbox-done")
