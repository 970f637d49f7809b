"""Issue 12 §1 in real Chromium: the list filters and the search page's button return results
(the whole form as the browser sends it), the words box is cross-lingual, counts follow each
change, and a visitor signs in from a profile and comes back to it."""

import pytest

from lintas.matching.domain import indexing, search_index
from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.encoder, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def offers(db):
    sector = SectorFactory(slug="agriculture", names={"en": "Modern agriculture"})
    cn = OrganisationFactory(slug="cn-uni", country="CN")
    vn = OrganisationFactory(slug="vn-inst", country="VN")
    made = {
        "pump": ProfileFactory(
            ref="OF-PUMP",
            organisation=cn,
            status="published",
            title="Solar-powered drip irrigation pumps for brackish water",
            summary="Stainless pumps that resist salt water; drip lines save 40 % of water.",
            trl=7,
            cooperation_modes=["licence"],
            sectors=[sector],
        ),
        "rice": ProfileFactory(
            ref="OF-RICE",
            organisation=cn,
            status="published",
            title="耐盐碱水稻新品种",
            summary="在盐度6 dS/m的沿海稻田亩产达到450公斤，比当地品种增产30%。",
            content_language="zh",
            trl=8,
            sectors=[sector],
        ),
        "clinic": ProfileFactory(
            ref="OF-CLINIC",
            organisation=vn,
            status="published",
            title="Telemedicine platform for rural clinics",
            summary="Video consultation and remote diagnosis for village health posts.",
            trl=3,
        ),
    }
    search_index.reset()
    indexing.reindex()
    yield made
    search_index.reset()


def test_filters_and_words_box_return_results(page, shoot, offers):
    page.goto("/offers/")
    page.wait_for_selector("text=3 profiles")
    # One select changed: the browser sends every field, the others at their "Any" default.
    page.select_option("#id_trl_min", "7")
    page.wait_for_selector("text=2 profiles")
    assert "trl_max=" in page.url  # sent empty, as "Any"
    assert page.locator("a[href='/p/OF-CLINIC/']").count() == 0
    # Counts beside the values follow the change (country: both remaining offers are Chinese).
    assert "China (2)" in page.locator("#id_country").inner_text()
    shoot(page, "trl-from-7")
    # The words box, in Indonesian, finds the English pump offer through the engine.
    page.fill("#id_q", "pompa air payau untuk irigasi padi")
    page.click("#filter-go")
    page.wait_for_selector("a[href='/p/OF-PUMP/']")
    hrefs = page.locator(".cards h3 a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    # Rice (padi) and brackish-water pumps both answer it; the clinic neither.
    assert sorted(hrefs) == ["/p/OF-PUMP/", "/p/OF-RICE/"]
    shoot(page, "words-pompa")


def test_search_page_button_returns_results(page, shoot, offers):
    page.goto("/matching/search/")
    page.fill("#search-q", "varietas padi tahan garam")
    page.click("#search-go")
    page.wait_for_selector("a[href='/p/OF-RICE/']")
    # The filters' defaults were sent (the pushed address shows them) and filtered nothing.
    page.wait_for_url(lambda url: "trl_min=" in url and "q=varietas" in url)
    shoot(page, "search-button")


def test_visitor_signs_in_from_a_profile_and_comes_back(page, offers):
    UserFactory(username="tani", role="seeker", organisation=OrganisationFactory(country="ID"))
    page.goto("/p/OF-PUMP/")
    page.click("#signin-to-interest")
    page.fill("input[name=username]", "tani")
    page.fill("input[name=password]", "pw")
    page.click("#signin")
    page.wait_for_url("**/p/OF-PUMP/")
    assert page.locator("#express-interest").count() == 1
