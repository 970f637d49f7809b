"""The attacker walk-through of issue 10: sign up naming Guangxi University, confirm the address,
then try every path that leaked before. Each is refused (asserted by status code; pages also by
a positive marker of what they should show). Then the university's admin approves the same
account and the same paths open, which shows the refusals come from the missing membership.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from lintas.brokerage.domain import deals
from lintas.catalogue.domain import attachments
from lintas.catalogue.domain.access import CONFIDENTIAL_FIELDS
from lintas.core.domain import membership
from tests.accounts import sign_up_and_verify
from tests.factories import ProfileFactory, UserFactory

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
SECRETS = ("SECRET-PRICE-TERMS", "secret.contact@example.org", "Dr Secret Contact")


@pytest.fixture
def guangxi(provider_org, provider, seeker, sector, settings):
    """Guangxi University with a published offer, a confidential file, an admin, and an
    interest from an Indonesian seeker waiting for the university's answer."""
    settings.LINTAS = {**settings.LINTAS, "BROKER_APPROVAL_REQUIRED": False}
    admin = UserFactory(username="gxu-admin", organisation=provider_org, is_organisation_admin=True)
    offer = ProfileFactory(
        kind="offer",
        ref="OF-T-77777",
        organisation=provider_org,
        created_by=provider,
        title="Salt-tolerant rice variety",
        status="draft",  # the file goes in before publication (later files wait for review)
        sectors=[sector],
    )
    need = ProfileFactory(
        kind="need",
        ref="ND-T-77777",
        organisation=seeker.organisation,
        created_by=seeker,
        title="Rice for brackish fields",
        status="published",
        sectors=[sector],
    )
    file = attachments.add_attachment(
        user=provider,
        profile=offer,
        upload=SimpleUploadedFile("licence-terms.pdf", PDF, content_type="application/pdf"),
        title="Licence terms",
        confidential=True,
    )
    offer.status = "published"
    offer.published_at = timezone.now()
    offer.save(update_fields=["status", "published_at"])
    deal = deals.express_interest(
        user=seeker, profile=offer, message="We farm near the coast.", counterpart=need
    )
    return {"admin": admin, "offer": offer, "file": file, "deal": deal}


def api(client: Client) -> APIClient:
    """An API client sharing the browser's session (the attacker uses both)."""
    other = APIClient()
    other.cookies = client.cookies
    return other


@pytest.mark.django_db
def test_attacker_walkthrough(guangxi):
    offer, deal, file = guangxi["offer"], guangxi["deal"], guangxi["file"]

    # The picker finds the university by name; the attacker names it.
    found = Client().get(reverse("core:organisation_search"), {"q": "Guangxi"}).content.decode()
    assert re.findall(r'value="([^"]+)"', found) == ["gxu"]
    browser, mallory = sign_up_and_verify("mallory", "gxu")
    assert mallory.organisation is None

    # The workspace says what is going on.
    dashboard = browser.get(reverse("pages:dashboard"))
    assert dashboard.status_code == 200
    assert "Your request to join Guangxi University is waiting" in dashboard.content.decode()

    # 1. Profile API detail: public fields only.
    detail = api(browser).get(f"/api/v1/profiles/{offer.ref}/")
    assert detail.status_code == 200
    assert detail.json()["title"] == "Salt-tolerant rice variety"
    assert set(CONFIDENTIAL_FIELDS) & set(detail.json()) == set()
    page = browser.get(offer.get_absolute_url())
    assert page.status_code == 200
    assert "Salt-tolerant rice variety" in page.content.decode()
    assert not any(s in page.content.decode() for s in SECRETS)
    assert "Licence terms" not in page.content.decode()

    # 2. Deal API and page.
    assert api(browser).get(f"/api/v1/deals/{deal.pk}/").status_code == 404
    assert browser.get(deal.get_absolute_url()).status_code == 403

    # 3. Accepting the interest on the university's behalf (forged consent).
    assert api(browser).post(f"/api/v1/interests/{deal.pk}/accept/", {}).status_code == 404
    assert (
        browser.post(reverse("brokerage:deal_respond", args=[deal.pk, "accept"])).status_code == 403
    )
    deal.refresh_from_db()
    assert (deal.stage, deal.introduced_at) == ("interest", None)

    # 4. PATCH of the published profile (a changed contact_email would stay published).
    patch = api(browser).patch(
        f"/api/v1/profiles/{offer.ref}/",
        {"contact_email": "mallory@example.net", "version": offer.version},
        format="json",
    )
    assert patch.status_code == 403
    offer.refresh_from_db()
    assert offer.contact_email == "secret.contact@example.org"

    # 5. The confidential attachment: its download view and the storage path behind it.
    assert browser.get(file.get_download_url()).status_code == 404
    assert browser.get(file.file.url).status_code == 404

    # Control: once the university's admin approves, the same account is a member.
    membership.approve(actor=guangxi["admin"], membership_request=mallory.membership_requests.get())
    member = api(browser).get(f"/api/v1/profiles/{offer.ref}/")
    assert member.json()["contact_email"] == "secret.contact@example.org"
    assert api(browser).get(f"/api/v1/deals/{deal.pk}/").status_code == 200
    download = browser.get(file.get_download_url())
    assert (download.status_code, download["Content-Type"]) == (200, "application/pdf")
