"""What talents add to lower apps through their signals (connected when TalentsConfig is
ready): the "Experts for this" panel on a published offer or need, and the broker inbox's
section of consultations waiting for an answer."""

from django.dispatch import receiver

from lintas.brokerage.signals import inbox_sections
from lintas.catalogue.signals import profile_panels
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
