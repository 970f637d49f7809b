"""Issue 12 §5: no page scrolls sideways on a phone. With the demo data loaded, Chromium at
390 px (and each page again at 360 px) walks every page it can reach by links, as a visitor, a seeker, a provider, a broker and
an officer (each route once per person), and fails listing every page wider than the screen.
Screenshots of the widest pages go to test-artifacts/."""

from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SMALL = {"width": 360, "height": 740}
# Not pages: downloads, the API and its documentation, the admin, sign-out, exports.
SKIP_PREFIXES = ("/api/", "/admin/", "/i18n/", "/static/", "/media/")
SKIP_WORDS = ("logout", "/files/", "export", ".csv", ".ics", ".json", "download", "/print")
MAX_PAGES_PER_PERSON = 140


def _route(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route


def _walk(page, start_paths) -> dict[str, tuple[int, int]]:
    """Visit each route once (first link found): {path: (width at 390 px, at 360 px)}."""
    widths: dict[str, tuple[int, int]] = {}
    seen_routes: set[str] = set()
    queue = list(start_paths)
    while queue and len(widths) < MAX_PAGES_PER_PERSON:
        path = queue.pop(0)
        route = _route(urlsplit(path).path)
        if route is None or route in seen_routes:
            continue
        seen_routes.add(route)
        try:
            response = page.goto(path)
        except PlaywrightError:  # a download (a file, an export): not a page
            continue
        if response is None or response.status >= 400:
            continue
        wide = page.evaluate("document.documentElement.scrollWidth")
        page.set_viewport_size(SMALL)  # the same page on a 360 px phone
        narrow = page.evaluate("document.documentElement.scrollWidth")
        page.set_viewport_size(PHONE)
        widths[path] = (wide, narrow)
        hrefs = page.locator("a[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        for href in hrefs:
            if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
                continue
            url = urlsplit(urljoin(page.url, href))
            if url.netloc and url.netloc != urlsplit(page.url).netloc:
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if url.path.startswith(SKIP_PREFIXES) or any(w in url.path for w in SKIP_WORDS):
                continue
            queue.append(target)
    return widths


def _sign_in(page, username):
    page.goto("/account/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "lintas-demo")
    page.click("#signin")
    page.wait_for_url("**/dashboard/")


def test_no_page_is_wider_than_a_phone(chromium, live_server, shoot):
    call_command("loaddemo", "--no-index", verbosity=0)
    start = ["/", "/offers/", "/needs/", "/offers/new/", "/needs/new/", "/matching/search/"]
    wide: list[tuple[str, str, str]] = []
    visited = 0
    for who in (None, "seeker", "provider", "broker", "officer"):
        context = chromium.new_context(base_url=live_server.url, viewport=PHONE, locale="en-GB")
        page = context.new_page()
        page.set_default_timeout(60_000)
        try:
            if who:
                _sign_in(page, who)
            widths = _walk(page, start + (["/dashboard/"] if who else []))
            visited += len(widths)
            for path, (width, narrow) in widths.items():
                if width > PHONE["width"] or narrow > SMALL["width"]:
                    wide.append((who or "visitor", path, f"{width}/{narrow}"))
                    if len(wide) <= 12:
                        page.goto(path)
                        shoot(page, f"{who or 'visitor'}-{path.strip('/').replace('/', '_')[:60]}")
        finally:
            context.close()
    assert visited > 60, visited  # the walk reached the site's pages
    assert wide == [], "\n".join(f"{w} {p}: {n} px (at 390/360)" for w, p, n in wide)
