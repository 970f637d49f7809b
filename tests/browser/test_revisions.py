"""Acceptance for reviewed edits in real Chromium at 360 px: a provider edits a published offer
(told beforehand that a broker reviews it), readers keep the published text, a broker accepts
the change from the queue."""

import pytest

from lintas.catalogue.models import Profile
from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_published_edit_waits_for_broker_at_360px(page, shoot):
    page.set_viewport_size({"width": 360, "height": 780})
    sector = SectorFactory(slug="agriculture", names={"en": "Modern agriculture"})
    org = OrganisationFactory(slug="gxu-b", name="Guangxi University", country="CN")
    UserFactory(username="penyedia", organisation=org, role="provider")
    UserFactory(username="broker", role="broker", organisation=OrganisationFactory())
    offer = ProfileFactory(
        organisation=org,
        status="published",
        title="Salt-tolerant rice variety",
        description="A long description of the variety " * 20,
        sectors=[sector],
    )

    sign_in(page, "penyedia")
    page.goto(f"/p/{offer.ref}/edit/")
    assert page.locator("#review-notice").is_visible()
    assert no_sideways_scroll(page)
    page.fill("#id_title", "Salt-tolerant rice variety GX-9 for coastal paddies")
    page.fill("#id_contact_email", "new.contact@example.org")
    page.click("#send-for-review")
    page.wait_for_selector("#changes-awaiting-review")
    shoot(page, "author-sees-pending")
    assert page.locator("h1").inner_text() == "Salt-tolerant rice variety"

    page.context.clear_cookies()
    sign_in(page, "broker")
    page.goto("/profiles/revisions/")
    page.wait_for_selector("#revision-counts")
    assert "1 edit of a published profile is waiting." in page.inner_text("#revision-counts")
    assert page.locator("tr[data-field='contact_email'] ins").inner_text() == (
        "new.contact@example.org"
    )
    assert page.locator("tr[data-field='description']").count() == 0  # untouched text
    assert no_sideways_scroll(page)
    shoot(page, "broker-queue-360")
    page.click("[data-accept]")
    page.wait_for_selector("text=Nothing waiting.")
    offer.refresh_from_db()
    assert (offer.title, offer.contact_email) == (
        "Salt-tolerant rice variety GX-9 for coastal paddies",
        "new.contact@example.org",
    )
    assert Profile.objects.get(pk=offer.pk).version == 2
