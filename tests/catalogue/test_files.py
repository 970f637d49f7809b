"""Profile attachments are served by a view that applies the profile's own rules."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from lintas.catalogue.domain import attachments
from tests.conftest import login
from tests.factories import OrganisationFactory, ProfileFactory, UserFactory

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def attach(user, profile, title, *, confidential=False):
    return attachments.add_attachment(
        user=user,
        profile=profile,
        upload=SimpleUploadedFile(f"{title}.pdf", PDF),
        title=title,
        confidential=confidential,
    )


@pytest.fixture
def files(offer, provider):
    """A published offer with a public and a confidential file, added while it was a draft."""
    offer.status = "draft"
    offer.save()
    public = attach(provider, offer, "Public brochure")
    secret = attach(provider, offer, "Price list", confidential=True)
    offer.status = "published"
    offer.save()
    return {"public": public, "secret": secret}


def page(client, profile):
    response = client.get(profile.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_public_attachment_downloads_for_anyone(files, offer):
    client = Client()
    html = page(client, offer)
    assert "Salt-tolerant rice variety" in html
    assert files["public"].get_download_url() in html
    response = client.get(files["public"].get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Public brochure.pdf"'


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "outsider", "seeker"])
def test_confidential_attachment_refused_to_the_unentitled(files, offer, who, outsider, seeker):
    client = {"anonymous": Client(), "outsider": login(outsider), "seeker": login(seeker)}[who]
    html = page(client, offer)
    assert "Public brochure" in html
    assert "Price list" not in html
    assert files["secret"].get_download_url() not in html
    assert client.get(files["secret"].get_download_url()).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["owner", "colleague", "broker"])
def test_confidential_attachment_opens_for_the_entitled(files, offer, who, provider, broker):
    user = {
        "owner": provider,
        "colleague": UserFactory(organisation=offer.organisation, role="provider"),
        "broker": broker,
    }[who]
    client = login(user)
    html = page(client, offer)
    assert files["secret"].get_download_url() in html
    response = client.get(files["secret"].get_download_url())
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Price list.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_draft_profile_attachment_only_for_its_organisation(provider, outsider, sector):
    draft = ProfileFactory(organisation=provider.organisation, status="draft", sectors=[sector])
    item = attach(provider, draft, "Draft sheet")
    assert login(provider).get(item.get_download_url()).status_code == 200
    assert login(outsider).get(item.get_download_url()).status_code == 404
    assert Client().get(item.get_download_url()).status_code == 404


@pytest.mark.django_db
def test_attachment_url_must_name_its_own_profile(files, sector):
    other = ProfileFactory(organisation=OrganisationFactory(), status="published", sectors=[sector])
    url = reverse("catalogue:attachment", kwargs={"ref": other.ref, "pk": files["public"].pk})
    assert Client().get(url).status_code == 404


@pytest.mark.django_db
def test_api_detail_lists_only_the_files_you_may_open(files, offer, provider):
    from rest_framework.test import APIClient

    public = APIClient().get(f"/api/v1/profiles/{offer.ref}/")
    assert public.status_code == 200
    assert [a["title"] for a in public.json()["attachments"]] == ["Public brochure"]
    assert public.json()["attachments"][0]["url"] == files["public"].get_download_url()
    owner = APIClient()
    owner.force_authenticate(provider)
    listed = owner.get(f"/api/v1/profiles/{offer.ref}/").json()["attachments"]
    assert [(a["title"], a["confidential"]) for a in listed] == [
        ("Public brochure", False),
        ("Price list", True),
    ]
