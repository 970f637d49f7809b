"""Issue 16 acceptance in real Chromium: a broker builds a campaign for Laos from the engine's
suggestions, writes its Lao brief and prints its Lao catalogue (the PDF is produced and holds
the Lao text); a Lao seeker's interest sent from the campaign page is attributed to the
campaign on the insights dashboard; the country page fits a 360 px phone."""

import datetime as dt
import io
import re

import pytest
from playwright.sync_api import expect

from lintas.brokerage.models import Deal
from lintas.campaigns.models import CampaignInterest
from lintas.catalogue.models import ProfileTranslation
from lintas.matching.domain import indexing, search_index
from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.encoder, pytest.mark.django_db(transaction=True)]

DRYER_LO = "ເຄື່ອງອົບມັນຕົ້ນດ້ວຍຄວາມຮ້ອນຈາກແກບ"
BRIEF_LO = "ເຕັກໂນໂລຊີສຳລັບລາວ"


@pytest.fixture
def world(db):
    agri = SectorFactory(slug="agriculture", names={"en": "Modern agriculture"})
    gxu = OrganisationFactory(slug="gxu", name="Guangxi University", country="CN")
    lao = OrganisationFactory(slug="lao-cassava", name="Lao Cassava Co.", country="LA")
    UserFactory(username="broker", role="broker", organisation=OrganisationFactory())
    UserFactory(username="provider", role="provider", organisation=gxu)
    seeker = UserFactory(username="seeker-lo", role="seeker", organisation=lao, language="lo")
    dryer = ProfileFactory(
        ref="OF-DRY", kind="offer", organisation=gxu, status="published", sectors=[agri],
        title="Cassava chip dryer heated by rice-husk biomass",
        summary="Dries 5 tonnes of cassava chips a day in the rainy season with husk-fired hot air.",
        trl=8, ipr_status="granted_patent", cooperation_modes=["licence", "equipment_supply"],
        target_countries=["LA"],
    )  # fmt: skip
    ProfileTranslation.objects.create(
        profile=dryer,
        language="lo",
        title=DRYER_LO,
        summary="ອົບມັນຕົ້ນໄດ້ 5 ໂຕນຕໍ່ມື້ ໃນລະດູຝົນ ດ້ວຍລົມຮ້ອນຈາກການເຜົາແກບ.",
    )
    ProfileFactory(
        ref="OF-CLINIC", kind="offer", organisation=gxu, status="published",
        title="Telemedicine kiosk for district hospitals",
        summary="Video consultations and remote diagnosis for rural clinics.",
    )  # fmt: skip
    ProfileFactory(
        ref="ND-LAO", kind="need", organisation=lao, created_by=seeker, status="published",
        sectors=[agri], title="Drying cassava chips during the rainy season",
        summary="Our chips rot when sun-drying stops in the monsoon; we need a dryer using "
                "local biomass such as rice husk, about 5 tonnes a day.",
    )  # fmt: skip
    search_index.reset()
    indexing.reindex()
    yield
    search_index.reset()


def sign_out(page):
    page.context.clear_cookies()


def test_broker_builds_lao_campaign_prints_it_and_seeker_interest_is_attributed(
    page, shoot, world, chromium, live_server
):
    from pypdf import PdfReader

    # The broker starts the campaign.
    sign_in(page, "broker")
    page.goto("/campaigns/")
    page.click("#new-campaign")
    page.fill("#id_name", "1,000 technologies for ASEAN")
    page.fill("#id_slug", "asean-1000")
    page.fill("#id_goal", "1000")
    page.check("input[name=countries][value=LA]")
    page.fill("#id_starts_on", str(dt.date.today()))
    page.fill("#id_ends_on", str(dt.date.today() + dt.timedelta(days=365)))
    page.check("#id_published")
    page.click("#save-campaign")
    page.wait_for_url("**/campaigns/asean-1000/")
    expect(page.locator("#campaign-progress")).to_contain_text("0 of 1,000")

    # Suggestions for Laos: the engine's matches with their explanation; the dryer goes in.
    page.click('[data-suggestions="LA"]')
    card = page.locator('[data-suggestion="OF-DRY"]')
    expect(card).to_contain_text("Drying cassava chips")  # the Lao need it answers
    expect(card.locator(".why")).to_be_visible()
    shoot(page, "1-suggestions")
    card.locator('[data-add="OF-DRY"]').click()
    expect(page.locator('[data-suggestion="OF-DRY"] [data-in-campaign]')).to_be_visible()

    # The Lao brief, then the country page and the printable catalogue in Lao.
    page.goto("/campaigns/asean-1000/")
    expect(page.locator("#campaign-progress")).to_contain_text("1 of 1,000")
    page.click('[data-brief="LA"]')
    page.fill("#id_lo-title", BRIEF_LO)
    page.fill("#id_lo-introduction", "ເຕັກໂນໂລຊີທີ່ນຳໃຊ້ໄດ້ຈາກຈີນ ສຳລັບກະສິກຳລາວ.")
    page.click("#save-brief")
    page.wait_for_url("**/campaigns/asean-1000/la/")
    expect(page.locator("h1")).to_have_text(BRIEF_LO)
    expect(page.locator('[data-offer="OF-DRY"]')).to_contain_text(DRYER_LO)
    page.get_by_role("link", name="Printable catalogue").click()
    expect(page.locator("html")).to_have_attribute("lang", "lo")
    expect(page.locator('[data-ref="OF-DRY"] h2')).to_have_text(DRYER_LO)
    shoot(page, "2-catalogue")
    pdf = page.request.get("/campaigns/asean-1000/la/catalogue.pdf?lang=lo")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert BRIEF_LO in text and DRYER_LO in text
    assert "secret.contact@example.org" not in text

    # The Lao seeker opens the campaign page and sends an interest from it.
    sign_out(page)
    sign_in(page, "seeker-lo")
    page.goto("/campaigns/asean-1000/la/")
    page.locator('[data-offer="OF-DRY"] h3 a').click()
    page.wait_for_url(re.compile(r".*/campaigns/asean-1000/la/OF-DRY/.*"))
    page.fill("textarea[name=message]", "ພວກເຮົາຢາກທົດລອງເຄື່ອງອົບທີ່ວຽງຈັນ.")
    shoot(page, "3-interest")
    page.click("#send-interest")
    page.wait_for_url("**/deals/*/")
    deal = Deal.objects.get()
    attributed = CampaignInterest.objects.get()
    assert (attributed.deal, attributed.country, attributed.campaign.slug) == (
        deal,
        "LA",
        "asean-1000",
    )

    # The broker sees it on the insights dashboard, attributed to the campaign.
    sign_out(page)
    sign_in(page, "broker")
    page.goto("/insights/")
    row = page.locator('#campaign-progress [data-campaign="asean-1000"]')
    expect(row.locator('[data-measure="interests"]')).to_have_text("1")
    expect(row).to_contain_text("1 of 1,000")
    shoot(page, "4-insights")

    # The public country page fits a 360 px phone.
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    phone = context.new_page()
    response = phone.goto("/campaigns/asean-1000/la/")
    assert len(response.body()) < 300_000
    assert phone.evaluate("document.documentElement.scrollWidth") == 360
    context.close()
