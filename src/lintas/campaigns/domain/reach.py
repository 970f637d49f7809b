"""Reach and follow-up of a campaign, per offer and per target country: views of its pages, and
the interests started there followed through brokerage and events.

Definitions (docs/campaigns.md):
- *views*: views of the country page's offer (or of the country page itself, in the country's
  page views) counted by :func:`lintas.campaigns.domain.attribution.record_view`;
- *interests*: deals started from the campaign's page for that country;
- *introductions*: those deals in which both sides consented (``introduced_at`` set);
- *meetings*: those deals that reached the *meeting* stage, or whose two organisations then met
  at an event (a meeting held, ``events.domain.outcome.held``);
- *agreements*: agreements signed (date come) that record one of those deals.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils import timezone

from lintas.brokerage.enums import Stage
from lintas.brokerage.models import Agreement, DealStageChange
from lintas.campaigns.domain import queries
from lintas.campaigns.models import Campaign, CampaignInterest, CampaignView
from lintas.events.domain.outcome import held
from lintas.events.models import Meeting

MEASURES = ("views", "interests", "introductions", "meetings", "agreements")


@dataclass
class Counts:
    views: int = 0
    interests: int = 0
    introductions: int = 0
    meetings: int = 0
    agreements: int = 0

    def add(self, other: Counts) -> None:
        for name in MEASURES:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in MEASURES}


@dataclass
class Reach:
    campaign: Campaign
    rows: list = field(default_factory=list)  # (country, profile, Counts), country then offer
    countries: dict = field(default_factory=dict)  # country -> Counts (page views in views)
    page_views: dict = field(default_factory=dict)  # country -> views of the country page
    total: Counts = field(default_factory=Counts)


def _met(interests) -> set[int]:
    """Deal ids (of ``interests``) that reached a meeting stage or whose organisations met at
    an event after the deal began."""
    deal_ids = [ci.deal_id for ci in interests]
    met = set(
        DealStageChange.objects.filter(deal_id__in=deal_ids, to_stage=Stage.MEETING).values_list(
            "deal_id", flat=True
        )
    )
    orgs = {o for ci in interests for o in (ci.deal.requester_org_id, ci.deal.owner_org_id)}
    if not orgs:
        return met
    held_meetings = Meeting.objects.filter(
        held(),
        request__sender__organisation_id__in=orgs,
        request__receiver__organisation_id__in=orgs,
    ).values_list(
        "request__sender__organisation_id", "request__receiver__organisation_id", "slot__ends_at"
    )
    pairs: dict = defaultdict(list)
    for a, b, ends in held_meetings:
        pairs[frozenset((a, b))].append(ends)
    for ci in interests:
        deal = ci.deal
        ends = pairs.get(frozenset((deal.requester_org_id, deal.owner_org_id)), [])
        if any(e >= deal.created_at for e in ends):
            met.add(deal.pk)
    return met


def reach(campaign: Campaign, *, today: dt.date | None = None) -> Reach:
    """Every measure per (country, offer), per country and in total, in a handful of queries."""
    today = today or timezone.localdate()
    out = Reach(campaign=campaign)
    cells: dict = defaultdict(Counts)
    views = (
        CampaignView.objects.filter(campaign=campaign)
        .values("country", "profile_id")
        .annotate(n=Sum("count"))
        .order_by()
    )
    for row in views:
        if row["profile_id"] is None:
            out.page_views[row["country"]] = row["n"]
        else:
            cells[(row["country"], row["profile_id"])].views += row["n"]
    interests = list(CampaignInterest.objects.filter(campaign=campaign).select_related("deal"))
    met = _met(interests)
    signed = set(
        Agreement.objects.filter(
            deal_id__in=[ci.deal_id for ci in interests], signed_on__lte=today
        ).values_list("deal_id", flat=True)
    )
    for ci in interests:
        cell = cells[(ci.country, ci.deal.profile_id)]
        cell.interests += 1
        cell.introductions += ci.deal.introduced_at is not None
        cell.meetings += ci.deal_id in met
        cell.agreements += ci.deal_id in signed
    shown = {}
    for country in campaign.countries:
        for profile in queries.offers_for(campaign, country):
            shown[(country, profile.pk)] = profile
    # Offers taken out since keep their history in the figures.
    missing = {pid for (_c, pid) in cells if pid not in {p.pk for p in shown.values()}}
    if missing:
        from lintas.catalogue.models import Profile

        extra = Profile.objects.select_related("organisation").in_bulk(missing)
        for country, pid in cells:
            if pid in extra:
                shown.setdefault((country, pid), extra[pid])
    for country in campaign.countries:
        counts = Counts(views=out.page_views.get(country, 0))
        out.countries[country] = counts
    order = {c: i for i, c in enumerate(campaign.countries)}
    for (country, pid), profile in sorted(
        shown.items(), key=lambda kv: (order.get(kv[0][0], 99), kv[1].ref)
    ):
        counts = cells.get((country, pid), Counts())
        out.rows.append((country, profile, counts))
        out.countries.setdefault(country, Counts()).add(counts)
    for counts in out.countries.values():
        out.total.add(counts)
    return out


def attributed_deals(campaign: Campaign):
    return CampaignInterest.objects.filter(campaign=campaign)


def campaign_of(deal) -> CampaignInterest | None:
    return CampaignInterest.objects.filter(deal=deal).select_related("campaign").first()


def summary(campaigns) -> list[dict]:
    """Per campaign: progress toward the goal and the totals of each measure (insights'
    campaign section and the campaign list)."""
    out = []
    for campaign in campaigns:
        r = reach(campaign)
        out.append({"campaign": campaign, "progress": queries.progress(campaign), "total": r.total})
    return out
