"""Acceptance for the catalogue (issue 2) in real Chromium: a provider writes an offer in
Indonesian, sees quality hints, submits; a broker publishes it; it appears in search."""

import pytest

from lintas.catalogue.models import Profile
from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, SectorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_provider_writes_indonesian_offer_broker_publishes_it_is_found(page, shoot):
    sector = SectorFactory(slug="agriculture", names={"en": "Modern agriculture"})
    org = OrganisationFactory(slug="brin-x", name="Pusat Riset Pangan", country="ID")
    UserFactory(username="penyedia", organisation=org, role="provider")
    UserFactory(
        username="broker", role="broker", organisation=OrganisationFactory(type="intermediary")
    )

    sign_in(page, "penyedia")
    page.goto("/offers/new/")
    page.fill("#id_title", "Alat pengering singkong tenaga surya")
    page.fill("#id_summary", "Pengering singkong")
    page.wait_for_selector('#quality [data-hint="figures"]')
    shoot(page, "hints-while-writing")
    assert page.locator('#quality [data-hint="benefit"]').count() == 1
    page.fill(
        "#id_description",
        "Alat pengering singkong bertenaga surya dengan kapasitas 2 ton per hari. Kadar air turun dari 60 % "
        "menjadi 13 % dalam 8 jam, lebih hemat 40 % dibandingkan pengering berbahan bakar solar.",
    )
    page.check(f"input[name=sectors][value='{sector.pk}']")
    page.select_option("#id_trl", "7")
    page.select_option("#id_ipr_status", "patent_application")
    page.check("input[name=cooperation_modes][value='licence']")
    # (a locator, not wait_for_function: the CSP forbids evaluating strings in the page)
    page.locator('#quality [data-hint="figures"]').wait_for(state="detached")
    shoot(page, "hints-after-figures")
    page.click("#save-submit")
    page.wait_for_selector("text=Submitted")
    profile = Profile.objects.get(title="Alat pengering singkong tenaga surya")
    assert (profile.status, profile.content_language) == ("submitted", "id")

    page.context.clear_cookies()
    sign_in(page, "broker")
    page.goto("/profiles/queue/")
    assert page.locator(f"[data-publish='{profile.ref}']").count() == 1
    shoot(page, "broker-queue")
    page.click(f"[data-publish='{profile.ref}']")
    page.wait_for_url("**/profiles/queue/")
    profile.refresh_from_db()
    assert profile.status == "published"

    page.goto("/matching/search/?q=pengering+singkong&kind=offer")
    page.wait_for_selector(f"a[href='/p/{profile.ref}/']")
    shoot(page, "found-in-search")
    page.goto("/offers/?q=singkong")
    assert page.locator(f"a[href='/p/{profile.ref}/']").count() == 1
