"""Attribution: what a campaign's public pages start is counted for the campaign.

- A view of a country page, or of an offer shown from it, adds one to that day's counter
  (:func:`record_view`); nobody's identity is kept.
- An interest sent from a campaign page goes through brokerage's own
  :func:`lintas.brokerage.domain.deals.express_interest` (same rules, notifications and deal)
  and is recorded, in the same transaction, as a :class:`CampaignInterest` naming the campaign
  and the country page. Brokerage knows nothing of campaigns: campaigns sit above it and call
  it, so no signal is needed. Introductions, meetings and agreements that follow the deal are
  then the campaign's too (:mod:`lintas.campaigns.domain.reach`).
- A visitor who opened an offer's campaign page carries a signed mark (a cookie naming only the
  campaign and the country, :func:`set_mark`) for :data:`ATTRIBUTION_DAYS` days; an interest
  they send in that offer, or another of the campaign's offers for that country, from the
  ordinary profile page in that window is attributed to the campaign too
  (:func:`attribute_marked_interest`, run on brokerage's ``interest_sent_from_page`` signal).
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
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

# How long after opening an offer's campaign page an interest sent from the ordinary profile
# page still counts for the campaign (last campaign page opened wins).
ATTRIBUTION_DAYS = 30
MARK_COOKIE = "lintas_campaign"
MARK_SALT = "lintas.campaigns.attribution"


def set_mark(response, *, campaign: Campaign, country: str) -> None:
    """Mark the visitor as arrived through ``campaign``'s page for ``country``: a signed cookie
    with the campaign's tag and the country only (no identity, no offer), dated by the
    signature, kept ATTRIBUTION_DAYS days."""
    response.set_signed_cookie(
        MARK_COOKIE,
        f"{campaign.slug}:{country}",
        salt=MARK_SALT,
        max_age=ATTRIBUTION_DAYS * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def read_mark(request) -> tuple[str, str] | None:
    """(campaign tag, country) of a valid mark set less than ATTRIBUTION_DAYS days ago; None
    when there is none, it was tampered with, or it is older (checked here by the signature's
    date, not only by the browser's expiry)."""
    try:
        value = request.get_signed_cookie(
            MARK_COOKIE, salt=MARK_SALT, max_age=ATTRIBUTION_DAYS * 24 * 3600
        )
    except (KeyError, signing.BadSignature):
        return None
    slug, _sep, country = value.partition(":")
    return (slug, country) if slug and len(country) == 2 else None


def attribute_marked_interest(*, request, deal) -> CampaignInterest | None:
    """Attribute an interest sent from the ordinary profile page to the campaign whose page the
    visitor came through (their valid mark), when the offer is in that campaign for that
    country and the campaign is public. Nothing else about the visitor is read or kept."""
    mark = read_mark(request)
    if mark is None or CampaignInterest.objects.filter(deal=deal).exists():
        return None
    campaign = Campaign.objects.filter(slug=mark[0], published=True).first()
    if campaign is None:
        return None
    try:
        _check_shown(campaign, mark[1], deal.profile)
    except ValidationError:
        return None
    found = CampaignInterest.objects.create(
        campaign=campaign, country=mark[1], deal=deal, via_profile_page=True
    )
    schedule_refresh("campaigns")
    return found


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
