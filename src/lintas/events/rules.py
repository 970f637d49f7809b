"""Who may do what around events (django-rules). Organisers are brokers and administrators;
participants are people registered for the event, validated by an organiser.

Pages ask ``request.user.has_perm("events.organise_event", event)``; the API names the same
permission per action with :class:`lintas.api.permissions.RulePermission`; the domain
functions check it again with :func:`require_organiser` (``rules.has_perm``) before they
change anything.
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from lintas.core.rules import is_broker


@rules.predicate
def is_validated_participant(user, event) -> bool:
    from lintas.events.domain.queries import participant_of

    mine = participant_of(user, event) if event is not None else None
    return mine is not None and mine.is_validated


@rules.predicate
def is_published(user, event) -> bool:
    return event is not None and event.published


# Create events, add sessions, validate registrations, run the scheduler, the table plan,
# check-in, no-shows and the outcome report. Object: the Event (or none, to create one).
rules.add_perm("events.organise_event", is_broker)
# An unpublished event is seen only by its organisers.
rules.add_perm("events.view_event", is_published | is_broker)
# The participant list: organisers, and validated participants (ranked for them; see
# lintas.events.domain.queries.directory). Object: the Event.
rules.add_perm("events.view_participants", is_broker | is_validated_participant)


def require_organiser(user, event=None) -> None:
    """The domain's check before an organiser's change (the rule itself, no superuser
    shortcut, like every domain check)."""
    if not rules.has_perm("events.organise_event", user, event):
        raise PermissionDenied(_("Only the event's organisers (brokers) may do this."))
