"""The OpenAPI schema at ``/api/schema/``, generated once per language and release and then
answered from Django's cache.

Generating it walks every endpoint (seconds of CPU; over 30 s on a loaded machine), and what
it produces only changes with the code, the translations, the libraries that build it and a few
settings, never with the data or the reader. So the rendered bytes are kept in the cache under
a key of the *release* (:func:`release`), the language and the format (YAML or JSON).

Every reader gets the public schema, generated as for an anonymous reader, which is what
``lintas spectacular`` writes to ``docs/api/schema.yml`` (the committed contract): a few
viewsets pick a staff serializer for officers and brokers, and the schema of whoever asked
first must not be what everyone else is served. The answer is byte for byte the uncached one.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import drf_spectacular
import rest_framework
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SCHEMA_KWARGS, SpectacularAPIView
from rest_framework.response import Response

import lintas

# Long, because the key changes with everything the schema is built from; a day keeps the
# entries of past releases from piling up in a shared cache.
SCHEMA_CACHE_SECONDS = 24 * 60 * 60


@functools.cache
def _code_digest() -> str:
    """A digest of the installed code and compiled translations: releases keep the package
    version between commits, and a deploy must not be served the schema of the one before."""
    root = Path(lintas.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*root.rglob("*.py"), *root.rglob("*.mo")]):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def release() -> str:
    """What the schema is built from, as one string: the package version with a digest of its
    code and translations, the versions of drf-spectacular and DRF, and the settings they read
    (``SPECTACULAR_SETTINGS``, ``REST_FRAMEWORK``, ``LANGUAGES``)."""
    read = repr(
        (settings.SPECTACULAR_SETTINGS, settings.REST_FRAMEWORK, settings.LANGUAGES)
    ).encode()
    return "-".join(
        (
            f"{lintas.__version__}+{_code_digest()}",
            f"spectacular{drf_spectacular.__version__}",
            f"drf{rest_framework.VERSION}",
            hashlib.sha256(read).hexdigest()[:12],
        )
    )


def cache_key(*, language: str, media_type: str) -> str:
    return f"lintas:api-schema:{release()}:{language}:{media_type}"


def _language(request) -> str:
    """The language to build in: ``?lang=`` (drf-spectacular's parameter) or the request's,
    as a code of ``LANGUAGES``; an unknown one gives the default, as its (empty) catalogue
    would. Keys never hold a code a client made up."""
    asked = request.GET.get("lang") or translation.get_language() or settings.LANGUAGE_CODE
    try:
        return translation.get_supported_language_variant(asked)
    except LookupError:
        return settings.LANGUAGE_CODE


class CachedSchemaView(SpectacularAPIView):
    """drf-spectacular's schema view, answered from the cache (see the module docstring)."""

    @extend_schema(**SCHEMA_KWARGS)  # as drf-spectacular's: the schema leaves itself out
    def get(self, request, *args, **kwargs):
        version = self.api_version or request.version or self._get_version_parameter(request)
        language = _language(request)
        renderer = request.accepted_renderer
        media_type = request.accepted_media_type
        if version or media_type != renderer.media_type:
            # A version asked for, or media-type parameters (``; indent=2``): rare, and the
            # client chooses them freely, so they are built afresh rather than kept.
            return Response(
                self._schema(version, language),
                headers={"Content-Disposition": self._disposition(request, version)},
            )
        key = cache_key(language=language, media_type=media_type)
        body = cache.get(key)
        if body is None:
            schema = self._schema(None, language)
            body = renderer.render(schema, media_type, self.get_renderer_context())
            cache.set(key, body, SCHEMA_CACHE_SECONDS)
        content_type = (
            f"{media_type}; charset={renderer.charset}" if renderer.charset else media_type
        )
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = self._disposition(request, None)
        return response

    def _schema(self, version, language) -> dict:
        """Generated as ``lintas spectacular`` does: for an anonymous reader (no request)."""
        with translation.override(language):
            generator = self.generator_class(
                urlconf=self.urlconf, api_version=version, patterns=self.patterns
            )
            return generator.get_schema(request=None, public=self.serve_public)

    def _disposition(self, request, version) -> str:
        return f'inline; filename="{self._get_filename(request, version)}"'
