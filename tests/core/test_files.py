"""The shared file rules: names from content, never a MEDIA_URL route, safe download headers."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory, override_settings
from django.urls import clear_url_caches, reverse

from lintas.catalogue.domain import attachments
from lintas.core.files import RandomName, display_name, download_name, serve_protected_file
from tests.conftest import login

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
HTML = b"<!doctype html><html><script>alert(document.cookie)</script></html>"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    ("uploaded", "shown"),
    [
        ("brochure.pdf", "brochure"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\耐盐水稻.pdf", "耐盐水稻"),
        ('a"b<script>.html', "a b script"),
        ("line\r\nbreak.pdf", "linebreak"),
        (".htaccess", "htaccess"),
        ("...", "file"),
    ],
)
def test_display_name_strips_folders_extension_and_control_characters(uploaded, shown):
    assert display_name(uploaded) == shown


def test_download_name_takes_extension_from_content_type():
    assert download_name("report.html", "application/pdf") == "report.pdf"
    assert download_name("logo.svg", "image/png") == "logo.png"
    assert download_name("page.html", "text/html") == "page.bin"


def test_random_name_keeps_only_a_known_extension():
    name = RandomName("attachments")(None, "upload.pdf")
    assert name.startswith("attachments/") and name.endswith(".pdf")
    assert RandomName("attachments")(None, "upload.html").endswith(".bin")
    assert RandomName("x")(None, "upload.pdf") != RandomName("x")(None, "upload.pdf")


@pytest.mark.django_db
@pytest.mark.parametrize("uploaded", ["report.html", "drawing.svg", "../../evil.html"])
def test_pdf_named_html_or_svg_is_stored_and_served_as_pdf(offer, provider, uploaded):
    # A draft so the file is visible at once (published profiles hold new files for review).
    offer.status = "draft"
    offer.save()
    attachment = attachments.add_attachment(
        user=provider,
        profile=offer,
        upload=SimpleUploadedFile(uploaded, PDF, content_type="text/html"),
    )
    assert attachment.file.name.startswith("attachments/")
    assert attachment.file.name.endswith(".pdf")
    assert "evil" not in attachment.file.name and "report" not in attachment.file.name
    response = login(provider).get(attachment.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".html" not in response["Content-Disposition"]
    assert ".svg" not in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == PDF


@pytest.mark.django_db
def test_html_content_already_stored_is_served_as_opaque_download(offer, provider):
    # A file that predates the upload check (or was put there by hand) is never rendered.
    from lintas.catalogue.models import Attachment

    attachment = Attachment(profile=offer, title="page.html", content_type="text/html", size=10)
    attachment.file.save("page.html", ContentFile(HTML), save=False)
    attachment.save()
    request = RequestFactory().get("/")
    response = serve_protected_file(request, attachment.file, "page.html")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="page.bin"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_file_url_is_the_checked_view_not_media_url(offer, provider):
    offer.status = "draft"
    offer.save()
    attachment = attachments.add_attachment(
        user=provider, profile=offer, upload=SimpleUploadedFile("a.png", PNG)
    )
    assert attachment.file.url == reverse(
        "catalogue:attachment", kwargs={"ref": offer.ref, "pk": attachment.pk}
    )
    assert not attachment.file.url.startswith("/media/")


def _reload_urls():
    import lintas.urls

    importlib.reload(lintas.urls)
    clear_url_caches()


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [True, False])
def test_media_folder_is_not_reachable_by_url_whatever_debug_says(offer, provider, debug):
    offer.status = "draft"
    offer.save()
    attachment = attachments.add_attachment(
        user=provider, profile=offer, upload=SimpleUploadedFile("a.pdf", PDF)
    )
    with override_settings(DEBUG=debug):
        _reload_urls()
        try:
            client = login(provider)
            assert client.get(f"/media/{attachment.file.name}").status_code == 404
            # The owner opens it through the checked view, DEBUG on or off.
            response = client.get(attachment.get_download_url())
            assert response.status_code == 200
            assert body(response) == PDF
        finally:
            _reload_urls()
    _reload_urls()


@pytest.mark.django_db
def test_accel_redirect_hands_the_checked_file_to_the_proxy(offer, provider, settings):
    offer.status = "draft"
    offer.save()
    attachment = attachments.add_attachment(
        user=provider, profile=offer, upload=SimpleUploadedFile("a.pdf", PDF)
    )
    settings.LINTAS = {**settings.LINTAS, "FILE_ACCEL_REDIRECT": "/_protected/"}
    response = login(provider).get(attachment.get_download_url())
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected/{attachment.file.name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content == b""
    # Not entitled: no header at all, so the proxy serves nothing.
    refused = Client().get(attachment.get_download_url())
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused


@pytest.mark.django_db
def test_sendfile_names_the_absolute_path(offer, provider, settings):
    offer.status = "draft"
    offer.save()
    attachment = attachments.add_attachment(
        user=provider, profile=offer, upload=SimpleUploadedFile("a.pdf", PDF)
    )
    settings.LINTAS = {**settings.LINTAS, "FILE_SENDFILE": True}
    response = login(provider).get(attachment.get_download_url())
    assert response["X-Sendfile"] == attachment.file.path
    assert response.content == b""
