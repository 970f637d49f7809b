"""Issue 12 §5 in real Chromium on a 390 px phone: a styled 404 in Indonesian, the compact
header's menu button, and quality hints under the field being typed."""

import pytest

from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, viewport=PHONE, extra_http_headers={"Accept-Language": "id"}
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def test_styled_404_in_indonesian(phone, shoot):
    response = phone.goto("/tidak-ada/")
    assert response.status == 404
    assert phone.get_attribute("html", "lang") == "id"
    assert phone.locator("h1").inner_text() == "Kami tidak dapat menemukan halaman ini"
    # Styled: the site's stylesheet applies (the error code is drawn large and muted).
    assert phone.locator(".error-code").evaluate("e => getComputedStyle(e).fontSize") == "48px"
    assert phone.locator("#error-q").is_visible()  # a next step: search
    assert phone.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    shoot(phone, "404-id")
    phone.fill("#error-q", "pompa")
    phone.locator(".error-search button").click()
    phone.wait_for_url("**/matching/search/?q=pompa")


def test_compact_header_folds_the_menu(phone, shoot):
    phone.goto("/")
    menu = phone.locator(".menu-toggle")
    assert menu.is_visible() and menu.get_attribute("aria-expanded") == "false"
    assert not phone.locator("#main-nav").is_visible()
    header_height = phone.locator("header.top").bounding_box()["height"]
    assert header_height < 80, header_height
    shoot(phone, "header-folded")
    menu.click()
    assert phone.locator("#main-nav").is_visible() and menu.get_attribute("aria-expanded") == "true"
    phone.locator("#main-nav a[href='/offers/']").click()
    phone.wait_for_url("**/offers/")


def test_quality_hint_under_the_field_being_typed(phone, shoot):
    org = OrganisationFactory(slug="tani", country="ID")
    UserFactory(username="penyedia", organisation=org, role="provider")
    sign_in(phone, "penyedia")
    phone.goto("/offers/new/")
    phone.fill("#id_title", "Pompa air tenaga surya")
    # Moving to the description fires "change" on the title (a check of the empty description)
    # and typing fires a second, delayed check: wait for the answer to the typed text, or the
    # first answer's hints may be swapped out while they are measured.
    with phone.expect_response(
        lambda r: "/profiles/quality/" in r.url and "bagus" in (r.request.post_data or "")
    ):
        phone.fill("#id_description", "Pompa yang bagus.")
    phone.wait_for_selector('#hint-description [data-field-hint="figures"]', state="visible")
    # Beside the field: in the field's own row, just under it (below its help text), so it is
    # in view with the field, where the full panel is far below the long form.
    assert phone.locator("#row-description #hint-description").count() == 1
    # Measured in one step, so no swap can fall between the readings.
    boxes = phone.evaluate(
        """() => {
        const hint = document.querySelector('#hint-description [data-field-hint="figures"]');
        const field = document.querySelector('#id_description').getBoundingClientRect();
        return {hint: hint.getBoundingClientRect().top, fieldBottom: field.bottom,
                panel: document.querySelector('#quality').getBoundingClientRect().top};
    }"""
    )
    gap = boxes["hint"] - boxes["fieldBottom"]
    assert 0 <= gap < 150, gap
    assert boxes["panel"] > boxes["hint"] + 500  # the panel alone would be out of sight
    shoot(phone, "hint-under-description")
    phone.fill(
        "#id_description", "Kapasitas 2 ton per hari, kadar air turun dari 60 % menjadi 13 %."
    )
    phone.wait_for_selector('#hint-description [data-field-hint="figures"]', state="detached")
