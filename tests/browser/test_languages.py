"""Every UI language in real Chromium on a phone (390 px): the page is in that language, its
language name is in the switcher, and long translated words do not push the page sideways.
Screenshots (test-artifacts/) show whether Khmer, Lao and Burmese glyphs render."""

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_every_language_renders_on_a_phone_without_sideways_scrolling(
    chromium, live_server, shoot, offer
):
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            offers_heading = gettext("Technology offers")
        context = chromium.new_context(
            base_url=live_server.url, viewport=PHONE, extra_http_headers={"Accept-Language": code}
        )
        page = context.new_page()
        page.set_default_timeout(60_000)
        try:
            for path in ("/", "/offers/"):
                page.goto(path)
                assert page.get_attribute("html", "lang") == code
                assert page.locator("#lang-select option:checked").inner_text() == name
                width = page.evaluate("document.documentElement.scrollWidth")
                shoot(page, f"{code}-{path.strip('/') or 'home'}")
                assert (code, path, width) == (code, path, PHONE["width"])
            assert page.locator("h1").first.inner_text() == offers_heading
        finally:
            context.close()
