from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from lintas.events.domain.permissions import can_organise
from lintas.events.models import Event, Participant


def get_event(request, slug) -> Event:
    event = get_object_or_404(Event, slug=slug)
    if not event.published and not can_organise(request.user):
        raise Http404
    return event


def me(request, event) -> Participant | None:
    if not request.user.is_authenticated:
        return None
    return (
        Participant.objects.filter(event=event, user=request.user)
        .prefetch_related("profiles__sectors")
        .first()
    )


def run(request, func, success, /, **kwargs):
    """Call a domain function; turn its errors into messages. Returns the result or None."""
    try:
        result = func(**kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    except PermissionDenied as error:
        if str(error):
            messages.error(request, str(error))
            return None
        raise
    if success:
        messages.success(request, success)
    return result
