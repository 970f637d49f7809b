"""#14 §4 in real Chromium on a 360 px phone: a broker uploads a file with problems, reads them
by row and column, uploads the corrected file, imports it; nothing scrolls sideways."""

import pytest

from lintas.catalogue.models import Profile
from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, SectorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL = {"width": 360, "height": 740}
HEADER = "ref,kind,organisation,title,summary,sectors,trl,target_countries\n"
GOOD = (
    "OF-BR-1,offer,gxu,Solar rice dryer,Dries two tonnes of seed a day.,agriculture,6,ID; TH\n"
    "ND-BR-1,need,gxu,Cold storage for fruit,We need cold storage.,agriculture,,VN\n"
)
BAD = GOOD + "OF-BR-2,offer,gxu,,No title here.,astrology,11,Atlantis\n"


@pytest.fixture
def phone(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, viewport=SMALL)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def _upload(page, tmp_path, name, text):
    path = tmp_path / name
    path.write_text(HEADER + text, encoding="utf-8")
    page.goto("/data/")
    page.select_option("#id_dataset", "profiles")
    page.set_input_files("#id_file", str(path))
    page.locator("#import-form button").click()
    page.wait_for_selector("#job[data-status='done']")


def test_broker_checks_corrects_and_imports_on_a_phone(phone, tmp_path, shoot):
    SectorFactory(slug="agriculture", names={"en": "Modern agriculture"})
    OrganisationFactory(slug="gxu", name="Guangxi University")
    UserFactory(username="broker", role="broker")
    sign_in(phone, "broker")
    phone.goto("/data/")
    assert phone.evaluate("document.documentElement.scrollWidth") == SMALL["width"]
    phone.locator("#columns-profiles summary").click()
    assert phone.evaluate("document.documentElement.scrollWidth") == SMALL["width"]

    _upload(phone, tmp_path, "catalogue.csv", BAD)
    problems = phone.locator("#problems tbody tr")
    found = {(r.get_attribute("data-row"), r.get_attribute("data-column")) for r in problems.all()}
    assert found == {("4", "title"), ("4", "sectors"), ("4", "trl"), ("4", "target_countries")}
    assert phone.locator("#commit-form").count() == 0
    assert phone.evaluate("document.documentElement.scrollWidth") == SMALL["width"]
    shoot(phone, "problems")
    assert Profile.objects.count() == 0

    _upload(phone, tmp_path, "catalogue-fixed.csv", GOOD)
    assert "2 records will be imported" in phone.locator("#verdict").inner_text()
    phone.locator("#commit-form button").click()
    phone.wait_for_selector("#job[data-status='done'] #verdict")
    assert "2 records imported." in phone.locator("#verdict").inner_text()
    shoot(phone, "imported")
    assert sorted(Profile.objects.values_list("ref", "status")) == [
        ("ND-BR-1", "draft"),
        ("OF-BR-1", "draft"),
    ]
