"""The site's own 403, 404 and 500 pages: styled like every page, in the reader's language,
with the menu and a useful next step (``handler403/404/500`` in ``lintas.urls``)."""

from __future__ import annotations

import logging

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _api(request) -> bool:
    """Under /api/ every answer is JSON, in the API's one error shape (docs/api.md)."""
    return request.path.startswith("/api/")


def _json(detail: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail, "errors": {}}, status=status)


def permission_denied(request, exception=None):
    if _api(request):
        return _json(_("You do not have permission to perform this action."), 403)
    return render(request, "errors/403.html", {"path": request.path}, status=403)


def page_not_found(request, exception=None):
    if _api(request):
        return _json(_("Not found: no API endpoint at this address (see /api/docs/)."), 404)
    return render(request, "errors/404.html", {"path": request.path}, status=404)


def server_error(request):
    """The full page when it can be drawn; when drawing it fails too (the database is down,
    say), the same words on a page that needs nothing but the template."""
    if _api(request):
        return _json(_("Server error: it is logged and will be looked into."), 500)
    try:
        return render(request, "errors/500.html", status=500)
    except Exception:  # noqa: BLE001 - the error page must not fail in turn
        logger.exception("the 500 page could not be rendered with its context")
        return HttpResponseServerError(loader.get_template("errors/500_plain.html").render())
