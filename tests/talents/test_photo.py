"""The optional photo: images only (checked by content), served to whoever may see the talent."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from lintas.talents.domain import profiles


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 120, 80)).save(buffer, format="PNG")
    return SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")


def test_photo_upload_and_serving(client, talent, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(talent.user)
    client.post(reverse("talents:set_photo"), {"photo": _png()})
    talent.refresh_from_db()
    assert talent.photo
    client.logout()
    page = client.get(reverse("talents:detail", args=[talent.slug])).content.decode()
    assert f'src="{talent.get_download_url()}"' in page
    served = client.get(talent.get_download_url())
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert (
        client.get(reverse("talent-detail", args=[talent.slug])).json()["photo"]
        == talent.get_download_url()
    )
    talent.listed = False
    talent.save()
    assert client.get(talent.get_download_url()).status_code == 404


def test_pdf_is_not_a_photo_and_others_cannot_set_one(talent, seeker, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    with pytest.raises(ValidationError):
        profiles.set_photo(user=talent.user, talent=talent, upload=pdf)
    with pytest.raises(PermissionDenied):
        profiles.set_photo(user=seeker, talent=talent, upload=_png())
    talent.refresh_from_db()
    assert not talent.photo
