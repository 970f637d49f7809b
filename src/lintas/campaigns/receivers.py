"""What campaigns add to lower apps through their signals (connected when CampaignsConfig is
ready): an interest sent from the ordinary profile page by a visitor who came through a
campaign's offer page is attributed to the campaign."""

from django.dispatch import receiver

from lintas.brokerage.signals import interest_sent_from_page


@receiver(interest_sent_from_page, dispatch_uid="campaigns.attribute_marked_interest")
def attribute_marked_interest(sender, request, deal, **kwargs):
    """campaigns.domain.attribution.attribute_marked_interest (the visitor's signed mark)."""
    from lintas.campaigns.domain.attribution import attribute_marked_interest as attribute

    attribute(request=request, deal=deal)
