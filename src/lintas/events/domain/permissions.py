"""Who may do what around events. Organisers are brokers and administrators."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def can_organise(user, event=None) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_broker)


def require_organiser(user, event=None) -> None:
    if not can_organise(user, event):
        raise PermissionDenied(_("Only the event's organisers (brokers) may do this."))


def participant_of(user, event):
    """The user's registration for ``event``, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    from lintas.events.models import Participant

    return Participant.objects.filter(event=event, user=user).first()
