"""Domain errors as API errors: one translation for every endpoint."""

from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError


def domain_call(func, **kwargs):
    """Call a domain function; PermissionDenied becomes 403 and ValidationError 400, with the
    domain's own (translated) message, so the API says exactly what the pages say."""
    try:
        return func(**kwargs)
    except PermissionDenied as error:
        raise ApiPermissionDenied(str(error) or None) from error
    except ValidationError as error:
        raise ApiValidationError(error.messages) from error
