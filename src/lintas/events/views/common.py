from django.http import Http404
from django.shortcuts import get_object_or_404

from lintas.events.models import Event, Participant


def get_event(request, slug) -> Event:
    event = get_object_or_404(Event, slug=slug)
    if not request.user.has_perm("events.view_event", event):
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
