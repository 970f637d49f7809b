"""Reading campaigns: which ones a person sees, the offers shown to a country, the brief and the
language a country's page is written in, and the progress toward the goal."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import get_language

from lintas.campaigns.domain import access
from lintas.campaigns.models import Campaign, CampaignBrief, CampaignOffer
from lintas.catalogue.domain.translations import content_language, country_languages
from lintas.catalogue.enums import ProfileStatus
from lintas.catalogue.models import Profile


def visible_to(user):
    """Public campaigns for everyone; brokers see drafts too."""
    qs = Campaign.objects.all()
    if not access.is_broker(user):
        qs = qs.filter(published=True)
    return qs.prefetch_related("sectors", "brokers")


def entries(campaign: Campaign, country: str | None = None):
    """The campaign's offers that are still published (for ``country`` only: those introduced
    to it), in the order they were added."""
    qs = CampaignOffer.objects.filter(campaign=campaign, profile__status=ProfileStatus.PUBLISHED)
    qs = qs.select_related("profile__organisation").prefetch_related(
        "profile__sectors", "profile__translations"
    )
    rows = list(qs)
    if country:
        rows = [e for e in rows if e.serves(country.upper())]
    return rows


def offers_for(campaign: Campaign, country: str) -> list[Profile]:
    return [e.profile for e in entries(campaign, country)]


def page_language(country: str, wanted: str | None = None) -> str:
    """The content language a country's page and catalogue are written in: the reader's (or
    ``wanted``) when the country reads it, else the country's first language."""
    languages = country_languages(country)
    wanted = content_language(wanted or get_language())
    return wanted if wanted in languages else languages[0]


def brief_for(campaign: Campaign, country: str, language: str) -> CampaignBrief | None:
    """The brief in ``language``, else the country's brief in its first language written."""
    briefs = {
        b.language: b for b in CampaignBrief.objects.filter(campaign=campaign, country=country)
    }
    if language in briefs:
        return briefs[language]
    for lang in country_languages(country):
        if lang in briefs:
            return briefs[lang]
    return next(iter(briefs.values()), None)


@dataclass(frozen=True)
class Progress:
    offers: int
    goal: int
    per_country: dict

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.offers / self.goal)) if self.goal else 0


def progress(campaign: Campaign) -> Progress:
    """Technologies in the campaign (published offers) against the goal, and per country."""
    rows = entries(campaign)
    per_country = {c: sum(1 for e in rows if e.serves(c)) for c in campaign.countries}
    return Progress(offers=len(rows), goal=campaign.goal, per_country=per_country)


def campaigns_with_offer(profile: Profile):
    return Campaign.objects.filter(Q(entries__profile=profile)).distinct()
