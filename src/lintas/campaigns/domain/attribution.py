"""Attribution: what a campaign's public pages start is counted for the campaign.

- A view of a country page, or of an offer shown from it, adds one to that day's counter
  (:func:`record_view`); nobody's identity is kept.
- An interest sent from a campaign page goes through brokerage's own
  :func:`lintas.brokerage.domain.deals.express_interest` (same rules, notifications and deal)
  and is recorded, in the same transaction, as a :class:`CampaignInterest` naming the campaign
  and the country page. Brokerage knows nothing of campaigns: campaigns sit above it and call
  it, so no signal is needed. Introductions, meetings and agreements that follow the deal are
  then the campaign's too (:mod:`lintas.campaigns.domain.reach`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.brokerage.domain import deals
from lintas.brokerage.enums import Source
from lintas.campaigns.domain import access
from lintas.campaigns.models import Campaign, CampaignInterest, CampaignOffer, CampaignView
from lintas.core.domain.refresh import schedule_refresh


def _check_shown(campaign: Campaign, country: str, profile) -> None:
    if country not in campaign.countries:
        raise ValidationError(
            _("%(code)s is not a target country of this campaign.") % {"code": country}
        )
    if profile is not None:
        entry = CampaignOffer.objects.filter(campaign=campaign, profile=profile).first()
        if entry is None or not entry.serves(country):
            raise ValidationError(_("This offer is not in the campaign for that country."))


def record_view(*, campaign: Campaign, country: str, profile=None) -> None:
    """Count one view of a country page (``profile`` None) or of an offer shown from it."""
    day = timezone.localdate()
    filters = {"campaign": campaign, "country": country, "profile": profile, "day": day}
    if CampaignView.objects.filter(**filters).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            CampaignView.objects.create(**filters, count=1)
    except IntegrityError:  # another request created today's row meanwhile
        CampaignView.objects.filter(**filters).update(count=F("count") + 1)


@transaction.atomic
def express_interest(
    *, user, campaign: Campaign, country: str, profile, message: str, counterpart=None
):
    """Send an interest in an offer shown on the campaign's page for ``country`` and attribute
    it to the campaign. Returns brokerage's deal."""
    if not access.can_view(user, campaign):
        raise PermissionDenied(_("This campaign is not public."))
    country = (country or "").upper()
    _check_shown(campaign, country, profile)
    deal = deals.express_interest(
        user=user,
        profile=profile,
        message=message,
        counterpart=counterpart,
        source=Source.SEARCH,
    )
    CampaignInterest.objects.create(campaign=campaign, country=country, deal=deal)
    schedule_refresh("campaigns")
    return deal
