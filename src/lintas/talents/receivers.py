"""What talents add to lower apps through their signals (connected when TalentsConfig is
ready): the "Experts for this" panel on a published offer or need, the broker inbox's
section of consultations waiting for an answer, a forum's call for abstracts and programme
on its event's page, and the programme's sessions in its participants' personal agendas."""

from django.dispatch import receiver

from lintas.brokerage.signals import inbox_sections
from lintas.catalogue.signals import profile_panels
from lintas.core.signals import event_calendar_items, event_panels
from lintas.talents.hooks import experts_extra


@receiver(profile_panels, dispatch_uid="talents.experts_panel")
def experts_panel(sender, request, profile, **kwargs):
    """Talents whose own words cover the profile (talents.hooks.experts_extra)."""
    return experts_extra(request, profile)


@receiver(inbox_sections, dispatch_uid="talents.inbox_section")
def inbox_section(sender, filters, lists=True, **kwargs):
    """Consultations no talent has answered yet (talents/inbox.py)."""
    from lintas.brokerage.domain.inbox import LIST_SIZE
    from lintas.talents.inbox import sections

    return sections(filters, lists=lists, size=LIST_SIZE)


@receiver(event_panels, dispatch_uid="talents.forum_programme")
def forum_panel(sender, request, event, **kwargs):
    """The event's open calls for abstracts and, once published, the forum's programme
    (sessions per topic with their speakers, talents.domain.abstracts.programme)."""
    from django.utils import timezone

    from lintas.talents.domain.abstracts import programme
    from lintas.talents.models import AbstractCall

    calls = list(AbstractCall.objects.filter(event=event).order_by("deadline", "id"))
    now = timezone.now()
    open_calls = [c for c in calls if c.deadline >= now]
    published = [{"call": c, "sessions": programme(c)} for c in calls if c.published_at]
    published = [p for p in published if p["sessions"]]
    if not open_calls and not published:
        return None
    return {
        "template": "talents/_event_abstracts.html",
        "open_calls": open_calls,
        "programmes": published,
    }


@receiver(event_calendar_items, dispatch_uid="talents.forum_sessions")
def forum_sessions(sender, event, participant, **kwargs):
    """The timed sessions of the event's published forum programmes: public, so the same for
    every participant (talents.domain.abstracts.programme_items)."""
    from lintas.talents.domain.abstracts import programme_items
    from lintas.talents.models import AbstractCall

    calls = AbstractCall.objects.filter(event=event, published_at__isnull=False)
    return [item for call in calls.order_by("deadline", "id") for item in programme_items(call)]
