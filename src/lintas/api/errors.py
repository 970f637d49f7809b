"""API errors: domain errors translated for every endpoint, and one shape for every error.

Every error under /api/ is ``{"detail": "<one sentence>", "errors": {"<field>": ["…"]}}``:
``detail`` always says what went wrong in words; ``errors`` names the fields at fault (empty
when the error is not about a field). Nested fields are joined with dots
(``attachments.0.name``). The 404, 403 and 500 answers that Django itself gives under /api/
(unknown path, CSRF refusal, crash) take the same shape (``lintas.core.errors``).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.views import exception_handler as drf_exception_handler

from lintas.catalogue.domain.lifecycle import StaleEdit


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Someone else changed this meanwhile. Reload it and try again.")
    default_code = "conflict"


def domain_call(func, **kwargs):
    """Call a domain function; PermissionDenied becomes 403, a stale edit 409 and any other
    ValidationError 400, with the domain's own (translated) message, so the API says exactly
    what the pages say."""
    try:
        return func(**kwargs)
    except PermissionDenied as error:
        raise ApiPermissionDenied(str(error) or None) from error
    except StaleEdit as error:
        raise Conflict(" ".join(error.messages)) from error
    except ValidationError as error:
        raise ApiValidationError(
            error.message_dict if hasattr(error, "error_dict") else error.messages
        ) from error


def _flatten(detail, prefix: str, into: dict) -> None:
    if isinstance(detail, dict):
        for key, value in detail.items():
            _flatten(value, f"{prefix}.{key}" if prefix else str(key), into)
    elif isinstance(detail, list) and detail and all(isinstance(v, str) for v in detail):
        into.setdefault(prefix, []).extend(str(v) for v in detail)
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if value:
                _flatten(value, f"{prefix}.{index}" if prefix else str(index), into)
    else:
        into.setdefault(prefix, []).append(str(detail))


def error_body(detail) -> dict:
    """The one error shape from a DRF ``detail`` (a string, a list or a dict of fields)."""
    if isinstance(detail, dict) and set(detail) == {"detail"}:
        detail = detail["detail"]
    if isinstance(detail, str):
        return {"detail": str(detail), "errors": {}}
    errors: dict[str, list[str]] = {}
    _flatten(detail, "", errors)
    general = [*errors.pop("non_field_errors", []), *errors.pop("__all__", []), *errors.pop("", [])]
    message = " ".join(general) if general else str(_("Some fields are not valid; see errors."))
    return {"detail": message, "errors": errors}


def exception_handler(exc, context):
    """DRF's handler (status, headers such as ``WWW-Authenticate`` and ``Retry-After``), with
    the body in the one shape."""
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = error_body(response.data)
    return response
