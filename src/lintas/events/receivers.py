"""What events add to lower apps through their signals (connected when EventsConfig is
ready): the broker inbox's section of events waiting for an organiser."""

from django.dispatch import receiver

from lintas.brokerage.signals import inbox_sections


@receiver(inbox_sections, dispatch_uid="events.inbox_section")
def inbox_section(sender, filters, lists=True, **kwargs):
    """Upcoming events with registrations to validate or schedules to run (events/inbox.py)."""
    from lintas.brokerage.domain.inbox import LIST_SIZE
    from lintas.events.inbox import sections

    return sections(filters, lists=lists, size=LIST_SIZE)
