"""Acceptance in real Chromium (issue 12, section 2): a Thai reader sees a Chinese offer's Thai
translation with the original one click away; a machine-translated conversation message is
labelled as such. Screenshots in test-artifacts/."""

import pytest

from lintas.brokerage.models import Message
from tests.browser.conftest import sign_in
from tests.factories import (
    DealFactory,
    OrganisationFactory,
    ProfileFactory,
    ProfileTranslationFactory,
    UserFactory,
)
from tests.libretranslate_server import FakeLibreTranslate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ZH_TITLE = "耐盐水稻品种"
TH_TITLE = "พันธุ์ข้าวทนเค็ม"


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_thai_reader_sees_the_thai_translation_and_the_original_one_click_away(
    chromium, live_server, shoot
):
    org = OrganisationFactory(slug="gxu-t", name="Guangxi University", country="CN")
    offer = ProfileFactory(
        organisation=org,
        status="published",
        content_language="zh",
        title=ZH_TITLE,
        summary="在盐碱地种植的水稻，亩产450公斤。",
        description="",
    )
    ProfileTranslationFactory(
        profile=offer, language="th", title=TH_TITLE, summary="ข้าวที่ปลูกในดินเค็ม ให้ผลผลิต 450 กก."
    )
    context = chromium.new_context(
        base_url=live_server.url, locale="th-TH", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto("/offers/")
        card = page.locator(f"li.card:has(a[href='{offer.get_absolute_url()}'])").first
        assert TH_TITLE in card.inner_text() and ZH_TITLE not in card.inner_text()
        shoot(page, "list-th-390")
        page.goto(offer.get_absolute_url())
        assert page.locator("h1").inner_text() == TH_TITLE
        assert page.locator("h1").get_attribute("lang") == "th"
        assert "(中文)" in page.locator("#show-original").inner_text()
        assert no_sideways_scroll(page)
        shoot(page, "translation-th-390")
        page.click("#show-original")
        page.wait_for_url("**?lang=zh")
        assert page.locator("h1").inner_text() == ZH_TITLE
        assert page.locator("h1").get_attribute("lang") == "zh"
        assert page.locator("a.read-in[hreflang=th]").is_visible()  # and back
        shoot(page, "original-zh-390")
    finally:
        context.close()


def test_machine_translated_message_is_labelled(chromium, live_server, shoot, settings):
    owner = OrganisationFactory(slug="gxu-m", name="Guangxi University", country="CN")
    provider = UserFactory(username="penyedia-m", organisation=owner, role="provider")
    seeker = UserFactory(
        username="pencari-m",
        role="seeker",
        organisation=OrganisationFactory(slug="tani-m", name="PT Tani", country="ID"),
    )
    broker = UserFactory(username="broker-m", role="broker", organisation=OrganisationFactory())
    offer = ProfileFactory(organisation=owner, status="published", title="Salt-tolerant rice")
    deal = DealFactory(profile=offer, requester=seeker, stage="meeting", broker=broker)
    Message.objects.create(deal=deal, author=provider, body="我们可以下周见面。")
    with FakeLibreTranslate() as server:
        settings.LINTAS = {**settings.LINTAS, "TRANSLATOR_URL": server.url}
        context = chromium.new_context(
            base_url=live_server.url, locale="id-ID", viewport={"width": 390, "height": 844}
        )
        page = context.new_page()
        page.set_default_timeout(60_000)
        try:
            sign_in(page, "pencari-m")
            page.goto(deal.get_absolute_url())
            page.click("a.translate-message")
            page.wait_for_selector(".machine-translation p:not(.meta)")
            block = page.locator("div.machine-translation")
            assert "Kita bisa bertemu minggu depan." in block.inner_text()
            assert "Terjemahan mesin" in block.locator(".tag").inner_text()
            assert "我们可以下周见面。" in page.inner_text(".msg")  # the original stays
            assert page.url.endswith(deal.get_absolute_url())  # htmx: no page change
            assert no_sideways_scroll(page)
            shoot(page, "message-translated-id-390")
        finally:
            context.close()
