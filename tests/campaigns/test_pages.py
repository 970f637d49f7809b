"""Campaign pages: the public country page and offer page in the country's language, attributed
interests, the printable catalogue (HTML and PDF) without confidential fields, brokers' building
pages, reach and its export, and who may open what."""

import io

import pytest

from lintas.campaigns.domain import campaigns
from lintas.campaigns.models import CampaignInterest, CampaignView
from tests.conftest import login

SECRETS = ("SECRET-PRICE-TERMS", "Dr Secret Contact", "secret.contact@example.org", "+86 771")


@pytest.fixture
def built(campaign, campaign_broker, offers):
    campaigns.add_offer(
        user=campaign_broker, campaign=campaign, profile=offers["dryer"], countries=["LA"]
    )
    campaigns.add_offer(user=campaign_broker, campaign=campaign, profile=offers["pump"])
    campaigns.save_brief(
        user=campaign_broker,
        campaign=campaign,
        country="LA",
        language="lo",
        title="ເຕັກໂນໂລຊີສຳລັບລາວ",
        introduction="ເຕັກໂນໂລຊີທີ່ນຳໃຊ້ໄດ້ຈາກຈີນ.",
    )
    return campaign


def test_country_page_in_lao_for_everyone(client, built):
    response = client.get("/campaigns/asean-1000/la/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "ເຕັກໂນໂລຊີສຳລັບລາວ" in body  # the Lao brief
    assert "ເຄື່ອງອົບມັນຕົ້ນດ້ວຍຄວາມຮ້ອນຊີວະມວນ" in body  # the dryer's Lao translation
    assert "Solar irrigation pump" in body  # no Lao translation: the original
    assert not any(s in body for s in SECRETS)
    assert len(response.content) < 300_000
    assert CampaignView.objects.get(profile=None).count == 1


def test_thai_page_lists_only_offers_for_thailand(client, built):
    body = client.get("/campaigns/asean-1000/th/").content.decode()
    assert "Solar irrigation pump" in body and "Cassava chip dryer" not in body
    assert client.get("/campaigns/asean-1000/vn/").status_code == 404


def test_draft_campaign_hidden_from_the_public(client, built, campaign_broker):
    built.published = False
    built.save()
    assert client.get("/campaigns/asean-1000/la/").status_code == 404
    assert "asean-1000" not in client.get("/campaigns/").content.decode()
    assert login(campaign_broker).get("/campaigns/asean-1000/la/").status_code == 200


def test_offer_page_counts_a_view_and_sends_an_attributed_interest(built, lao_seeker, offers):
    client = login(lao_seeker)
    page = client.get("/campaigns/asean-1000/la/OF-DRY/")
    assert page.status_code == 200
    assert "ເຄື່ອງອົບມັນຕົ້ນ" in page.content.decode()
    assert not any(s in page.content.decode() for s in SECRETS)
    assert CampaignView.objects.get(profile=offers["dryer"]).count == 1
    sent = client.post(
        "/campaigns/asean-1000/la/OF-DRY/", {"message": "We would like a trial in Vientiane."}
    )
    ci = CampaignInterest.objects.get()
    assert sent.status_code == 302 and sent["Location"] == ci.deal.get_absolute_url()
    assert (ci.campaign, ci.country, ci.deal.profile) == (built, "LA", offers["dryer"])
    # A second visit shows the open deal instead of the form.
    again = client.get("/campaigns/asean-1000/la/OF-DRY/").content.decode()
    assert "interest-form" not in again and ci.deal.get_absolute_url() in again


def test_empty_interest_is_refused_and_nothing_attributed(built, lao_seeker):
    response = login(lao_seeker).post("/campaigns/asean-1000/la/OF-DRY/", {"message": ""})
    assert response.status_code == 400
    assert not CampaignInterest.objects.exists()


def test_visitor_is_invited_to_sign_in(client, built):
    body = client.get("/campaigns/asean-1000/la/OF-DRY/").content.decode()
    assert "signin-to-ask" in body
    assert client.post("/campaigns/asean-1000/la/OF-DRY/", {"message": "x"}).status_code == 403


def test_offer_not_in_that_country_is_not_found(client, built):
    assert client.get("/campaigns/asean-1000/th/OF-DRY/").status_code == 404


def test_printable_catalogue_in_lao_one_section_per_technology(client, built):
    response = client.get("/campaigns/asean-1000/la/catalogue/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="lo">' in body
    assert body.count('class="technology"') == 2
    assert "ເຄື່ອງອົບມັນຕົ້ນດ້ວຍຄວາມຮ້ອນຊີວະມວນ" in body
    assert "/campaigns/asean-1000/la/OF-DRY/" in body  # the contact route through the platform
    assert not any(s in body for s in SECRETS)


def test_catalogue_pdf_has_the_lao_text_and_no_secrets(client, built):
    from pypdf import PdfReader

    response = client.get("/campaigns/asean-1000/la/catalogue.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 3  # the cover and one page per technology
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "ເຕັກໂນໂລຊີສຳລັບລາວ" in text
    assert "Solar irrigation pump" in text
    assert not any(s in text for s in SECRETS)


def test_broker_pages_need_a_runner(client, built, other_broker, lao_seeker):
    for path in ("/campaigns/asean-1000/edit/", "/campaigns/asean-1000/search/",
                 "/campaigns/asean-1000/la/suggestions/", "/campaigns/asean-1000/la/brief/"):  # fmt: skip
        assert login(other_broker).get(path).status_code == 403
        assert login(lao_seeker).get(path).status_code == 403
    assert login(lao_seeker).get("/campaigns/asean-1000/reach/").status_code == 403
    assert login(lao_seeker).get("/campaigns/asean-1000/reach.csv").status_code == 403
    response = login(other_broker).post("/campaigns/asean-1000/offers/add/", {"ref": "OF-CLINIC"})
    assert response.status_code == 403


def test_broker_builds_from_suggestions_page(built, campaign_broker, matches):
    client = login(campaign_broker)
    page = client.get("/campaigns/asean-1000/la/suggestions/").content.decode()
    assert 'data-suggestion="OF-DRY"' in page and 'data-suggestion="OF-CLINIC"' not in page
    assert "cassava ↔ cassava" in page  # the engine's explanation
    client.post(
        "/campaigns/asean-1000/offers/add/",
        {"ref": "OF-CLINIC", "countries": "LA", "source": "suggestion"},
    )
    entry = built.entries.get(profile__ref="OF-CLINIC")
    assert (entry.countries, entry.source) == (["LA"], "suggestion")


def test_create_and_edit_campaign_pages(campaign_broker, agri):
    client = login(campaign_broker)
    response = client.post(
        "/campaigns/new/",
        {"name": "Green Mekong", "slug": "green-mekong", "goal": 50, "countries": ["KH", "LA"],
         "starts_on": "2026-03-01", "ends_on": "2026-12-31", "sectors": [agri.pk],
         "brokers": [campaign_broker.pk]},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/campaigns/green-mekong/"
    bad = client.post(
        "/campaigns/green-mekong/edit/",
        {"name": "Green Mekong", "goal": 50, "countries": ["KH"], "starts_on": "2026-03-01",
         "ends_on": "2025-12-31"},
    )  # fmt: skip
    assert bad.status_code == 400
    assert "cannot end before it starts" in bad.content.decode()


def test_brief_page_saves_each_language(campaign_broker, campaign):
    campaign.countries = ["MY"]
    campaign.save()
    client = login(campaign_broker)
    response = client.post(
        "/campaigns/asean-1000/my/brief/",
        {"ms-title": "Teknologi untuk Malaysia", "ms-introduction": "Teknologi terpilih.",
         "en-title": "", "en-introduction": ""},
    )  # fmt: skip
    assert response.status_code == 302
    assert list(campaign.briefs.values_list("language", "title")) == [
        ("ms", "Teknologi untuk Malaysia")
    ]


def test_reach_page_and_exports(built, campaign_broker, lao_seeker):
    from openpyxl import load_workbook

    login(lao_seeker).post("/campaigns/asean-1000/la/OF-DRY/", {"message": "Hello"})
    client = login(campaign_broker)
    page = client.get("/campaigns/asean-1000/reach/").content.decode()
    assert 'data-row="LA-OF-DRY"' in page
    csv_text = client.get("/campaigns/asean-1000/reach.csv").content.decode("utf-8-sig")
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("Country,Offer,Title,Organisation,Views,Interests")
    assert "Laos,OF-DRY,Cassava chip dryer using biomass heat,Guangxi University,0,1,0,0,0" in lines
    book = load_workbook(io.BytesIO(client.get("/campaigns/asean-1000/reach.xlsx").content))
    assert book.sheetnames == ["Offers", "Countries"]
    rows = list(book["Countries"].values)
    assert rows[-1][0] == "Total" and rows[-1][4] == 1  # one interest in all
    assert client.get("/campaigns/asean-1000/reach.pdf").status_code == 404


def test_dashboard_shows_campaign_progress_and_attributed_interests(
    built, lao_seeker, campaign_broker
):
    login(lao_seeker).post("/campaigns/asean-1000/la/OF-DRY/", {"message": "Hello"})
    page = login(campaign_broker).get("/insights/").content.decode()
    assert 'data-campaign="asean-1000"' in page
    assert "2 of 1,000 technologies" in page
    assert "Interests from campaigns" in page


def test_insights_figure_counts_campaign_interests(built, lao_seeker):
    from lintas.insights.domain import dashboard, engine, summary

    login(lao_seeker).post("/campaigns/asean-1000/la/OF-DRY/", {"message": "Hello"})
    summary.refresh_summary()
    [card] = dashboard.cards(engine.NO_FILTERS, ("campaign_interests",), summary.latest())
    assert card["value"] == 1
    by_country = engine.Filters(country="LA")
    [card] = dashboard.cards(by_country, ("campaign_interests",), summary.latest())
    assert card["value"] == 1


def test_catalogue_pdf_is_reused_until_the_catalogue_changes(built, campaign_broker):
    from django.core.cache import cache

    from lintas.campaigns.domain import printing

    cache.clear()
    first = printing.render_pdf(built, "LA", "lo")
    html = printing.render_html(built, "LA", "lo", for_pdf=True)
    assert cache.get(printing.pdf_cache_key(html)) == first
    assert printing.render_pdf(built, "LA", "lo") == first
    campaigns.save_brief(
        user=campaign_broker,
        campaign=built,
        country="LA",
        language="lo",
        title="ຫົວຂໍ້ໃໝ່",
        introduction="ຄຳນຳໃໝ່.",
    )
    changed = printing.render_html(built, "LA", "lo", for_pdf=True)
    assert cache.get(printing.pdf_cache_key(changed)) is None
    assert printing.render_pdf(built, "LA", "lo") != first


@pytest.mark.parametrize("n", [1, 3])
def test_country_page_queries_do_not_grow_with_offers(
    client, campaign, campaign_broker, cn_org, django_assert_max_num_queries, n
):
    from lintas.catalogue.models import ProfileTranslation
    from tests.factories import ProfileFactory

    for i in range(n):
        offer = ProfileFactory(
            ref=f"OF-N-{i}", kind="offer", organisation=cn_org, status="published"
        )
        ProfileTranslation.objects.create(
            profile=offer, language="lo", title=f"ລາວ {i}", summary="ສະຫຼຸບ"
        )
        campaigns.add_offer(user=campaign_broker, campaign=campaign, profile=offer)
    with django_assert_max_num_queries(14):
        body = client.get("/campaigns/asean-1000/la/").content.decode()
    assert body.count('class="card"') == n
    with django_assert_max_num_queries(14):
        assert client.get("/campaigns/").status_code == 200


def _interest_from_profile_page(client, ref, message="Please introduce us."):
    return client.post(f"/deals/interest/{ref}/", {"message": message})


def test_profile_page_interest_after_a_campaign_link_is_the_campaigns(built, lao_seeker, offers):
    from lintas.campaigns.domain.attribution import MARK_COOKIE

    client = login(lao_seeker)
    client.get("/campaigns/asean-1000/la/OF-DRY/")
    mark = client.cookies[MARK_COOKIE]
    # Only the campaign's tag and the country, signed; no user, no offer.
    assert mark.value.startswith("asean-1000:LA:") and "seeker" not in mark.value
    assert mark["httponly"] and mark["max-age"] == 30 * 24 * 3600
    # Another offer of the campaign for Laos, sent from its ordinary profile page.
    sent = _interest_from_profile_page(client, "OF-PUMP")
    assert sent.status_code == 302
    ci = CampaignInterest.objects.get()
    assert (ci.campaign, ci.country, ci.deal.profile, ci.via_profile_page) == (
        built, "LA", offers["pump"], True,
    )  # fmt: skip
    # An offer outside the campaign is not attributed.
    _interest_from_profile_page(client, "OF-CLINIC")
    assert CampaignInterest.objects.count() == 1


def test_profile_page_interest_without_a_valid_mark_is_not_attributed(built, lao_seeker):
    import time

    from django.core import signing
    from django.http import HttpResponse
    from django.test import RequestFactory

    from lintas.campaigns.domain import attribution

    client = login(lao_seeker)
    assert _interest_from_profile_page(client, "OF-PUMP").status_code == 302
    assert not CampaignInterest.objects.exists()
    # A mark from a visit longer ago than the window (signed then, as that visit did).
    signer = signing.get_cookie_signer(salt=attribution.MARK_COOKIE + attribution.MARK_SALT)
    then = signing.b62_encode(int(time.time()) - (attribution.ATTRIBUTION_DAYS + 1) * 86400)
    client.cookies[attribution.MARK_COOKIE] = signing.Signer.sign(signer, f"asean-1000:LA:{then}")
    assert _interest_from_profile_page(client, "OF-DRY").status_code == 302
    assert not CampaignInterest.objects.exists()
    # A fresh mark reads back; the same value altered does not.
    response = HttpResponse()
    attribution.set_mark(response, campaign=built, country="LA")
    fresh = response.cookies[attribution.MARK_COOKIE].value
    request = RequestFactory().get("/")
    request.COOKIES[attribution.MARK_COOKIE] = fresh
    assert attribution.read_mark(request) == ("asean-1000", "LA")
    request.COOKIES[attribution.MARK_COOKIE] = fresh.replace("asean-1000:LA", "asean-1000:TH")
    assert attribution.read_mark(request) is None


def test_first_pdf_is_made_by_a_task_and_then_served_from_the_cache(client, built):
    from django.core.cache import cache

    from lintas.campaigns.domain import printing

    url = "/campaigns/asean-1000/la/catalogue.pdf"
    # A worker is already making it: the page says so, refreshes itself, queues nothing more.
    cache.set(printing._preparing_key(built, "LA", "lo"), 1, 60)
    waiting = client.get(url)
    body = waiting.content.decode()
    assert waiting.status_code == 202 and waiting["Retry-After"] == "5"
    assert "The catalogue is being prepared" in body and 'http-equiv="refresh"' in body
    assert printing.cached_pdf(built, "LA", "lo") is None
    # The worker finished (here: no broker, the task runs in this process when queued).
    cache.delete(printing._preparing_key(built, "LA", "lo"))
    made = client.get(url)
    assert made.status_code == 200 and made["Content-Type"] == "application/pdf"
    assert printing.cached_pdf(built, "LA", "lo") == made.content
    assert cache.get(printing._preparing_key(built, "LA", "lo")) is None
    assert client.get(url).content == made.content
