"""Domain errors as API errors: one translation for every endpoint."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError

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
        raise ApiValidationError(error.messages) from error
