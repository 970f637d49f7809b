"""Message attachments and agreement documents: served only to those who see the deal or the
agreement, always as a download whose type comes from the content."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from lintas.brokerage.domain import agreements, conversations
from tests.conftest import login
from tests.factories import UserFactory

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def message(introduced, seeker):
    return conversations.post_message(
        user=seeker,
        deal=introduced,
        body="Our terms",
        upload=SimpleUploadedFile("terms & prices.svg", PDF, content_type="image/svg+xml"),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["seeker", "provider", "broker"])
def test_message_attachment_opens_for_deal_parties(message, introduced, who, request):
    client = login(request.getfixturevalue(who))
    page = client.get(introduced.get_absolute_url())
    assert page.status_code == 200
    assert "Our terms" in page.content.decode()
    assert message.get_download_url() in page.content.decode()
    response = client.get(message.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="terms & prices.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert message.attachment.name.endswith(".pdf") and "terms" not in message.attachment.name


@pytest.mark.django_db
def test_message_attachment_refused_to_others(message, outsider):
    assert login(outsider).get(message.get_download_url()).status_code == 404
    assert Client().get(message.get_download_url()).status_code == 302  # to sign in
    colleague_elsewhere = UserFactory(role="seeker")
    assert login(colleague_elsewhere).get(message.get_download_url()).status_code == 404


@pytest.fixture
def agreement(broker, provider_org, seeker_org):
    return agreements.record_agreement(
        user=broker,
        data={"title": "Licence of rice variety", "type": "transfer", "signed_on": "2026-05-01"},
        parties=[provider_org, seeker_org],
        document=SimpleUploadedFile("signed.html", PDF),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["provider", "seeker", "broker"])
def test_agreement_document_opens_for_parties_and_brokers(agreement, who, request):
    client = login(request.getfixturevalue(who))
    page = client.get(agreement.get_absolute_url())
    assert page.status_code == 200
    assert "Licence of rice variety" in page.content.decode()
    response = client.get(reverse("brokerage:agreement_document", args=[agreement.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="signed.pdf"'


@pytest.mark.django_db
def test_agreement_document_refused_to_outsiders(agreement, outsider):
    assert login(outsider).get(agreement.get_download_url()).status_code == 404
