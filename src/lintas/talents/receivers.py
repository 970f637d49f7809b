"""What talents add to the catalogue through its signals (connected when TalentsConfig is
ready): the "Experts for this" panel on a published offer or need."""

from django.dispatch import receiver

from lintas.catalogue.signals import profile_panels
from lintas.talents.hooks import experts_extra


@receiver(profile_panels, dispatch_uid="talents.experts_panel")
def experts_panel(sender, request, profile, **kwargs):
    """Talents whose own words cover the profile (talents.hooks.experts_extra)."""
    return experts_extra(request, profile)
