"""Someone who named an organisation at sign-up but is not approved yet opens none of its files:
not the profile's confidential attachment, not the deal's message attachment, not the
agreement document. Approval (by a broker here) opens them, so the refusals are the rule."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lintas.brokerage.domain import agreements, conversations
from lintas.catalogue.domain import attachments
from lintas.core.domain import membership
from tests.accounts import sign_up_and_verify

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(offer, provider, introduced, seeker, broker, provider_org, seeker_org):
    offer.status = "draft"
    offer.save()
    secret = attachments.add_attachment(
        user=provider,
        profile=offer,
        upload=SimpleUploadedFile("prices.pdf", PDF),
        title="Price list",
        confidential=True,
    )
    offer.status = "published"
    offer.save()
    message = conversations.post_message(
        user=provider,
        deal=introduced,
        body="Terms attached",
        upload=SimpleUploadedFile("terms.pdf", PDF),
    )
    agreement = agreements.record_agreement(
        user=broker,
        data={"title": "Licence", "type": "transfer", "signed_on": "2026-05-01"},
        parties=[provider_org, seeker_org],
        document=SimpleUploadedFile("signed.pdf", PDF),
    )
    return [secret, message, agreement]


@pytest.mark.parametrize("org", ["gxu", "tani"])
def test_pending_member_opens_no_file_until_approved(files, offer, org, broker):
    client, user = sign_up_and_verify("mallory", org)
    page = client.get(offer.get_absolute_url())
    assert page.status_code == 200
    assert "Salt-tolerant rice variety" in page.content.decode()
    assert "Price list" not in page.content.decode()
    urls = [item.get_download_url() for item in files]
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    membership.approve(actor=broker, membership_request=user.membership_requests.get())
    opened = [client.get(url).status_code for url in urls]
    # gxu owns the offer; tani is the introduced counterpart, which sees confidential data too.
    assert opened == [200, 200, 200]
