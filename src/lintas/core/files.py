"""Uploaded files: stored under random names, served only after a permission check.

Why: a file under MEDIA_ROOT that a web server hands out by URL skips every rule the pages
enforce, and a browser that is told (or guesses) that a file is HTML or SVG runs it in the
site's origin. So every file field is a :class:`ProtectedFileField`:

* the stored name is random, in a folder per kind, and its extension comes from the detected
  content (``filetype``, the same check uploads pass), never from the uploaded name;
* ``fieldfile.url`` is the owning model's ``get_download_url()`` — a view that checks the same
  permission as the object the file belongs to — so nothing ever links to MEDIA_URL;
* :func:`serve_protected_file` answers that view: always ``Content-Disposition: attachment``,
  a content type derived from the bytes, ``X-Content-Type-Options: nosniff``, and, when
  configured, an ``X-Accel-Redirect`` or ``X-Sendfile`` header so a reverse proxy streams the
  file after Django has checked the permission.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from pathlib import PurePath

import filetype
from django.conf import settings
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header

# What uploads may be (checked by content in the domain) and the extension each is stored and
# downloaded with. Anything else is served as an opaque download.
SAFE_TYPES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/webp": ".webp",
}
OPAQUE_TYPE = "application/octet-stream"
OPAQUE_EXTENSION = ".bin"
NAME_MAX = 80


def detect_type(head: bytes) -> str:
    """The content type the bytes prove, limited to :data:`SAFE_TYPES`; otherwise opaque."""
    kind = filetype.guess(head) if head else None
    return kind.mime if kind is not None and kind.mime in SAFE_TYPES else OPAQUE_TYPE


def extension_for(mime: str) -> str:
    return SAFE_TYPES.get(mime, OPAQUE_EXTENSION)


def _read_head(fileobj) -> bytes:
    position = fileobj.tell() if hasattr(fileobj, "tell") else 0
    fileobj.seek(0)
    head = fileobj.read(2048)
    fileobj.seek(position)
    return head


def display_name(uploaded: str) -> str:
    """The uploaded name made harmless for showing and for a download name: no folders, no
    control characters or quotes, at most NAME_MAX characters, and no extension (the
    extension a file is downloaded with comes from its content)."""
    name = PurePath(str(uploaded).replace("\\", "/")).name
    name = unicodedata.normalize("NFC", name)
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name.lstrip(".")
    stem = "".join(ch for ch in stem if unicodedata.category(ch)[0] != "C")
    stem = re.sub(r"[\"'<>:/\\|?*;%]+", " ", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" .-")
    return stem[:NAME_MAX].strip() or "file"


def download_name(name: str, mime: str) -> str:
    return f"{display_name(name)}{extension_for(mime)}"


@deconstructible
class RandomName:
    """``upload_to`` that keeps nothing of the uploaded name but the extension the field put
    there after checking the content: ``<folder>/<yyyy>/<random><ext>``."""

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        from django.utils import timezone

        suffix = PurePath(filename).suffix.lower()
        if suffix not in (*SAFE_TYPES.values(), OPAQUE_EXTENSION):
            suffix = OPAQUE_EXTENSION
        token = secrets.token_urlsafe(18)
        return f"{self.folder}/{timezone.now():%Y}/{token}{suffix}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


class ProtectedFieldFile(FieldFile):
    @property
    def url(self) -> str:
        """The checked download view of the owning object, never a MEDIA_URL address."""
        self._require_file()
        return self.instance.get_download_url()


class ProtectedFileField(models.FileField):
    """A FileField whose files are named by content and reached only through a checked view.
    The model must define ``get_download_url()``."""

    attr_class = ProtectedFieldFile

    def __init__(self, *args, folder: str = "files", **kwargs):
        kwargs.setdefault("upload_to", RandomName(folder))
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            # The storage name is chosen from the content; upload_to adds the random part.
            mime = detect_type(_read_head(file.file))
            file.save(f"upload{extension_for(mime)}", file.file, save=False)
            return file
        return super().pre_save(model_instance, add)


def serve_protected_file(request, fieldfile, name: str) -> HttpResponse:
    """Answer a download whose permission the caller has already checked.

    ``name`` is what the person called the file (a title or the uploaded name); the download
    name is that, sanitised, with the extension of the detected content. The response never
    lets a browser render the file in the site's origin.
    """
    with fieldfile.open("rb") as handle:
        head = handle.read(2048)
    mime = detect_type(head)
    filename = download_name(name or fieldfile.name, mime)
    accel = settings.LINTAS.get("FILE_ACCEL_REDIRECT", "")
    if accel:
        response = HttpResponse(content_type=mime)
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + fieldfile.name
    elif settings.LINTAS.get("FILE_SENDFILE"):
        response = HttpResponse(content_type=mime)
        response["X-Sendfile"] = fieldfile.path
    else:
        response = FileResponse(fieldfile.open("rb"), content_type=mime)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
