from django.contrib import messages
from django.core.exceptions import ValidationError


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def flash_error(request, error: ValidationError):
    messages.error(request, error_text(error))
