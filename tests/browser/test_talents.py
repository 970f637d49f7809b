"""Acceptance (issue 15): an Indonesian seeker searches the talent directory in Indonesian for a
salt-tolerant rice breeder, finds a Chinese researcher whose publications are in Chinese and
English (the explanation shows his matching text), asks for a consultation; the researcher
accepts in Chinese; both see each other's contact details only then."""

import pytest
from playwright.sync_api import expect

from lintas.talents.domain.indexing import index_talents
from lintas.talents.models import Consultation, Talent
from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, PublicationFactory, TalentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHEN_TEXTS = [
    "耐盐水稻新品种选育及沿海盐碱地示范种植",
    "Marker-assisted introgression of Saltol into elite indica rice for coastal saline soils",
    "广西农业科学院水稻研究所研究员，二十年来从事耐盐碱水稻育种。",
]


def _context(chromium, live_server, language):
    context = chromium.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        extra_http_headers={"Accept-Language": language},
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    return context, page


def test_indonesian_seeker_finds_chinese_breeder_and_consults_in_chromium(
    chromium, live_server, shoot
):
    gxaas = OrganisationFactory(slug="gxaas", name="广西农业科学院", country="CN")
    chen_user = UserFactory(username="chen", organisation=gxaas, language="zh-hans",
                            email="chen.xiaoming@gxaas.example")  # fmt: skip
    chen = TalentFactory(
        user=chen_user, slug="chen-xiaoming", name="陈晓明 Chen Xiaoming", country="CN",
        languages=["zh", "en"], members_only=[], keywords=["耐盐水稻", "salt-tolerant rice"],
        bio=CHEN_TEXTS[2] + "可为东盟种业企业提供咨询。", bio_language="zh",
        contact_email="chen.xiaoming@gxaas.example", contact_phone="+86 771 555 0101",
    )  # fmt: skip
    PublicationFactory(talent=chen, title=CHEN_TEXTS[0],
                       abstract="通过分子标记辅助回交把耐盐基因导入优质籼稻。")  # fmt: skip
    PublicationFactory(talent=chen, title=CHEN_TEXTS[1],
                       abstract="The lines kept yield under salinity stress in field trials.")  # fmt: skip
    other = TalentFactory(name="Nguyen Van Hai", slug="hai", country="VN", members_only=[],
                          bio="Giảng viên nghiên cứu tái chế pin lithium-ion.")  # fmt: skip
    PublicationFactory(talent=other, title="Hydrometallurgical recovery of cobalt from batteries")
    index_talents(Talent.objects.values_list("pk", flat=True))
    tani = OrganisationFactory(slug="tani", name="PT Tani Makmur", country="ID")
    UserFactory(username="sari", first_name="Sari", last_name="Dewi", organisation=tani,
                role="seeker", language="id", email="sari@tanimakmur.example",
                phone="+62 21 555 0199")  # fmt: skip

    # The seeker searches in Indonesian.
    seeker_context, seeker = _context(chromium, live_server, "id")
    sign_in(seeker, "sari")
    seeker.goto("/talents/")
    assert seeker.get_attribute("html", "lang") == "id"
    seeker.fill("textarea[name=expertise]", "pemulia padi toleran garam")
    seeker.click("form.filters button.btn")
    card = seeker.locator("#talent-chen-xiaoming")
    expect(card).to_be_visible()
    why = card.locator(".match-why q").inner_text()
    assert why in CHEN_TEXTS or why.startswith(CHEN_TEXTS[2][:10])
    assert seeker.locator("#talents li").first.get_attribute("id") == "talent-chen-xiaoming"
    shoot(seeker, "search-id")

    # His page: publications in Chinese and English, no contact details yet.
    card.locator("h3 a").click()
    expect(seeker.locator("#talent-publications")).to_contain_text(CHEN_TEXTS[0])
    expect(seeker.locator("#talent-publications")).to_contain_text(CHEN_TEXTS[1])
    expect(seeker.locator("#contacts-hidden")).to_be_visible()
    assert "chen.xiaoming@gxaas.example" not in seeker.content()
    seeker.fill("input[name=topic]", "Benih padi toleran garam untuk sawah pesisir")
    seeker.fill("textarea[name=message]", "Kami ingin menguji varietas toleran garam di Demak.")
    seeker.click("#send-consultation")
    expect(seeker.locator("#consultation-status")).to_have_text("Menunggu jawaban")
    expect(seeker.locator("#contacts-hidden")).to_be_visible()
    assert "chen.xiaoming@gxaas.example" not in seeker.content()
    consultation = Consultation.objects.get()
    shoot(seeker, "asked-id")

    # The researcher answers in Chinese; before accepting he does not see her contacts.
    talent_context, researcher = _context(chromium, live_server, "zh-hans")
    sign_in(researcher, "chen")
    researcher.goto("/talents/consultations/")
    assert researcher.get_attribute("html", "lang") == "zh-hans"
    researcher.click(f"a[href='{consultation.get_absolute_url()}']")
    expect(researcher.locator("#consultation-status")).to_have_text("等待答复")
    assert "sari@tanimakmur.example" not in researcher.content()
    researcher.fill("textarea[name=answer]", "很乐意帮忙，我们可以先交流田间试验数据。")
    researcher.click("#accept-consultation")
    expect(researcher.locator("#consultation-status")).to_have_text("已接受")
    expect(researcher.locator("#consultation-contacts")).to_contain_text("sari@tanimakmur.example")
    expect(researcher.locator("#consultation-contacts")).to_contain_text("+62 21 555 0199")
    shoot(researcher, "accepted-zh")

    # Now the seeker sees his contact details, on the consultation and on his page.
    seeker.goto(consultation.get_absolute_url())
    expect(seeker.locator("#consultation-status")).to_have_text("Diterima")
    expect(seeker.locator("#consultation-answer")).to_contain_text("很乐意帮忙")
    expect(seeker.locator("#consultation-contacts")).to_contain_text("chen.xiaoming@gxaas.example")
    seeker.goto("/talents/chen-xiaoming/")
    expect(seeker.locator("#talent-contacts")).to_contain_text("+86 771 555 0101")
    shoot(seeker, "contacts-id")
    seeker_context.close()
    talent_context.close()


def test_talent_pages_fit_a_phone(chromium, live_server, shoot):
    talent = TalentFactory(
        slug="long", name="Pengiran Haji Muhammad Hakim bin Pengiran Haji Abdul Rahman",
        members_only=[], keywords=["aquaculture", "grouper hatchery", "recirculating systems"],
        bio="Research officer working on grouper hatchery technology. " * 8,
    )  # fmt: skip
    PublicationFactory(talent=talent, title="Grouper larval rearing in Brunei: " + "survival " * 12)
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.set_default_timeout(60_000)
    for path in ("/talents/", "/talents/long/"):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        shoot(page, path.strip("/").replace("/", "-"))
        assert (path, width) == (path, 360)
    context.close()
