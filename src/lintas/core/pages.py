"""Domain errors as page errors: the pages' counterpart of :func:`lintas.api.errors.domain_call`.

A page calls a domain function through :func:`domain_call` instead of writing its own
``try/except ValidationError``::

    done = domain_call(request, deals.respond, success=_("Saved."), user=request.user, deal=deal)
    return redirect(deal)

    outcome = domain_call(request, lifecycle.create_profile, form=form, user=..., kind=...)
    if outcome:
        return redirect(outcome.value)

What the person sees is the domain's own (translated) message, exactly what the API answers:

* ``ValidationError`` — with ``form``: the form's errors (a message naming a field of the form
  goes to that field, the rest above the form, or to ``field`` when given); without a form: an
  error message on the next page.
* ``PermissionDenied`` — not caught: Django answers 403, as the API does.
* Anything else is a bug and propagates.

The domain has already refused before changing anything, so nothing needs undoing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


@dataclass(frozen=True)
class Outcome:
    """What :func:`domain_call` did: ``ok`` (and truthiness), the domain's return ``value`` or
    the ``error`` it raised."""

    ok: bool
    value: Any = None
    error: ValidationError | None = None

    def __bool__(self) -> bool:
        return self.ok


def error_text(error: ValidationError) -> str:
    """All of an error's messages as one sentence-separated line."""
    return " ".join(error.messages)


def _to_form(form, error: ValidationError, field: str | None) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = name if name in form.fields else field
            if target == NON_FIELD_ERRORS:
                target = None
            form.add_error(target, ValidationError(errors).messages)
        return
    form.add_error(field, error_text(error))


def domain_call(
    request, func, /, *, form=None, field: str | None = None, success: str = "", **kwargs
) -> Outcome:
    """Call ``func(**kwargs)`` for a page and report a refusal where the person looks.

    ``form``: put a ValidationError on this form (``field``: on this field) instead of a
    message. ``success``: a message shown when the call succeeded. PermissionDenied is left
    to Django (403). Returns an :class:`Outcome`, true when the call succeeded."""
    try:
        value = func(**kwargs)
    except ValidationError as error:
        if form is not None:
            _to_form(form, error, field)
        else:
            messages.error(request, error_text(error))
        return Outcome(ok=False, error=error)
    if success:
        messages.success(request, success)
    return Outcome(ok=True, value=value)
