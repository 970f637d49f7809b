"""Issue 14 §5 in real Chromium on a 390 px phone: a partner creates a named API token (shown
once), uses it with the API, revokes it (the API then answers 401); registers a webhook and
reads its delivery log after an event reached a local receiver."""

import json
import urllib.error
import urllib.request

import pytest

from lintas.brokerage.domain import deals
from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, ProfileFactory, UserFactory
from tests.integrations.receiver import Receiver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="en-GB", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def api_get(url, token):
    request = urllib.request.Request(url, headers={"Authorization": f"Token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def fits(phone):
    return phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_token_is_shown_once_works_and_revoked_is_refused(phone, live_server, shoot):
    UserFactory(username="crm-owner", role="provider", organisation=OrganisationFactory())
    sign_in(phone, "crm-owner")
    phone.goto("/account/tokens/")
    phone.fill("input[name=name]", "Partner CRM")
    phone.get_by_role("button", name="Create token").click()
    phone.wait_for_selector("#new-token")
    token = phone.locator("#new-token code").inner_text().strip()
    assert token.startswith("lintas_")
    row = phone.locator("#tokens tbody tr", has_text="Partner CRM")
    assert row.locator("code").inner_text().rstrip("…") in token  # the prefix, to tell apart
    assert fits(phone)
    shoot(phone, "token-created")

    status, body = api_get(f"{live_server.url}/api/v1/tokens/", token)
    assert status == 200
    assert [t["name"] for t in body["results"]] == ["Partner CRM"]

    phone.goto("/account/tokens/")  # shown once: not on the page any more
    assert phone.locator("#new-token").count() == 0
    assert token not in phone.content()
    assert "never" not in phone.locator("#tokens tbody tr").inner_text()  # last use is shown

    phone.locator("#tokens tbody tr", has_text="Partner CRM").get_by_role(
        "button", name="Revoke"
    ).click()
    phone.wait_for_selector("text=is revoked")
    assert "Revoked on" in phone.locator("#tokens tbody tr").inner_text()
    assert fits(phone)
    shoot(phone, "token-revoked")
    status, body = api_get(f"{live_server.url}/api/v1/tokens/", token)
    assert status == 401 and body["detail"]


def test_webhook_registered_on_the_page_logs_its_delivery(phone, live_server, shoot, settings):
    settings.LINTAS = {**settings.LINTAS, "WEBHOOK_ALLOW_PRIVATE": True}  # receiver on 127.0.0.1
    provider_org = OrganisationFactory(name="Guangxi University", country="CN")
    provider = UserFactory(username="hook-owner", role="provider", organisation=provider_org)
    seeker = UserFactory(username="hook-seeker", role="seeker",
                         organisation=OrganisationFactory(country="ID"))  # fmt: skip
    offer = ProfileFactory(kind="offer", organisation=provider_org, created_by=provider,
                           status="published", title="Salt-tolerant rice")  # fmt: skip
    receiver = Receiver().start()
    try:
        sign_in(phone, "hook-owner")
        phone.goto("/account/webhooks/")
        assert "You have no webhooks yet." in phone.locator("#webhooks").inner_text()
        phone.fill("input[name=name]", "Our CRM")
        phone.fill("input[name=url]", receiver.url)
        phone.get_by_label("Interest expressed").check()
        phone.get_by_role("button", name="Register webhook").click()
        phone.wait_for_selector("text=The webhook is registered.")
        assert fits(phone)
        shoot(phone, "webhook-registered")

        deals.express_interest(user=seeker, profile=offer, message="We need rice.")
        assert len(receiver.received) == 1
        phone.reload()
        row = phone.locator("tr[data-delivery]")
        assert row.count() == 1
        text = row.inner_text()
        assert "Interest expressed" in text and "Delivered" in text and "HTTP 200" in text
        assert fits(phone)
        shoot(phone, "webhook-log")
    finally:
        receiver.stop()
