"""Suggestions for a campaign's target country: the published offers that best match the
published needs of organisations in that country, through the matching engine's matches, each
with the explanation the match panels show (shared sectors, matching terms, TRL and country
fit) and the needs it answers.

Why from stored matches: the engine already scores every published need against every offer
(hubness-reduced, cross-lingual, ``matching.domain.recommend``) and keeps brokers' pins and
dismissals; a campaign reuses that judgement instead of re-ranking on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lintas.campaigns.models import Campaign, CampaignOffer
from lintas.catalogue.enums import ProfileKind, ProfileStatus
from lintas.catalogue.models import Profile
from lintas.matching.models import Match


@dataclass
class Suggestion:
    offer: Profile
    match: Match  # the best match (its explanation is shown)
    needs: list = field(default_factory=list)  # the country's needs it matches, best first
    in_campaign: bool = False

    @property
    def score(self) -> float:
        return self.match.score


def for_country(campaign: Campaign, country: str, *, limit: int = 30) -> list[Suggestion]:
    """Offers best matching the published needs of ``country``, best first. Offers already in
    the campaign for that country are marked (``in_campaign``), not hidden; an offer outside
    the campaign's sectors (when it names any) is left out, as are dismissed matches."""
    country = country.upper()
    qs = (
        Match.objects.filter(
            dismissed=False,
            need__kind=ProfileKind.NEED,
            need__status=ProfileStatus.PUBLISHED,
            need__organisation__country=country,
            offer__status=ProfileStatus.PUBLISHED,
        )
        .exclude(offer__organisation__country=country)  # introduce from abroad
        .select_related("offer__organisation", "need__organisation")
        .prefetch_related("offer__sectors", "offer__translations", "need__translations")
        .order_by("-pinned", "-score", "id")
    )
    sector_ids = set(campaign.sectors.values_list("id", flat=True))
    if sector_ids:
        qs = qs.filter(offer__sectors__in=sector_ids).distinct()
    chosen = {
        e.profile_id: e
        for e in CampaignOffer.objects.filter(campaign=campaign).only("profile_id", "countries")
    }
    out: dict[int, Suggestion] = {}
    for match in qs[: limit * 10]:
        found = out.get(match.offer_id)
        if found is None:
            if len(out) >= limit:
                continue
            entry = chosen.get(match.offer_id)
            found = out[match.offer_id] = Suggestion(
                offer=match.offer,
                match=match,
                in_campaign=bool(entry and entry.serves(country)),
            )
        if match.need not in found.needs:
            found.needs.append(match.need)
    return list(out.values())
