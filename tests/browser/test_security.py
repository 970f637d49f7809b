"""Chromium enforces the Content-Security-Policy: no page breaks it, and the behaviour that
used to be inline (language menu, print button, HTMX) still works from static files."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def watch_csp(page):
    violations = []
    page.on(
        "console",
        lambda msg: (
            violations.append(msg.text)
            if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text
            else None
        ),
    )
    return violations


@pytest.mark.django_db(transaction=True)
def test_pages_run_under_the_csp_without_violations(page, offer, broker):
    violations = watch_csp(page)
    for path in ["/", "/offers/", "/account/login/", "/api/docs/", "/insights/"]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    expect(page.locator("#swagger-ui")).to_have_count(0)  # last page was /insights/
    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_be_visible(timeout=60_000)  # from files
    sign_in(page, "broker")
    page.goto("/deals/board/")
    page.wait_for_load_state("networkidle")
    # The language menu submits on change (lintas.js, not an inline handler).
    with page.expect_navigation():
        page.select_option("#lang-select", "id")
    assert page.locator("html").get_attribute("lang") == "id"
    assert violations == []
