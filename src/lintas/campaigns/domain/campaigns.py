"""Building a campaign: its settings, its curated offers and its briefs per target country.

Why functions: pages, the API and the demo loader change campaigns the same way, each write
checked (only the brokers who run a campaign curate it; only published offers go in), audited,
and announced to the insights summary (``schedule_refresh("campaigns")``), whose campaign
figures count them.
"""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_countries import countries as all_countries

from lintas.campaigns.domain import access
from lintas.campaigns.models import Campaign, CampaignBrief, CampaignOffer
from lintas.campaigns.models.campaign import INTRODUCTION_MAX, NAME_MAX
from lintas.catalogue.domain.translations import country_languages
from lintas.catalogue.enums import ProfileKind, ProfileStatus
from lintas.core.domain import audit
from lintas.core.domain.refresh import schedule_refresh
from lintas.core.enums import AuditAction

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")


def clean_countries(codes) -> list[str]:
    """Upper-case ISO 3166 codes without repeats, in the given order; unknown codes refused."""
    known = dict(all_countries)
    out: list[str] = []
    for code in codes or []:
        code = str(code).strip().upper()
        if code not in known:
            raise ValidationError(
                {"countries": _("%(code)s is not a country code.") % {"code": code}}
            )
        if code not in out:
            out.append(code)
    return out


def _check(*, name, slug, goal, countries, starts_on, ends_on) -> None:
    errors = {}
    if not (name or "").strip() or len(name) > NAME_MAX:
        errors["name"] = _("Give the campaign a name (at most %(max)d characters).") % {
            "max": NAME_MAX
        }
    if not SLUG.match(slug or ""):
        errors["slug"] = _(
            "The campaign tag is 2 to 40 lower-case letters, digits and hyphens (it appears in links)."
        )
    if not isinstance(goal, int) or goal < 1:
        errors["goal"] = _("The goal is a number of technologies, at least 1.")
    if not countries:
        errors["countries"] = _("Choose at least one target country.")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The campaign cannot end before it starts.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_campaign(
    *,
    user,
    name: str,
    slug: str,
    goal: int,
    countries,
    starts_on,
    ends_on,
    sectors=(),
    brokers=(),
    published: bool = False,
) -> Campaign:
    """A broker starts a campaign; they run it, with the other brokers named."""
    if not access.is_broker(user):
        raise PermissionDenied(_("Only brokers start campaigns."))
    countries = clean_countries(countries)
    _check(
        name=name, slug=slug, goal=goal, countries=countries, starts_on=starts_on, ends_on=ends_on
    )
    if Campaign.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("Another campaign already uses this tag.")})
    campaign = Campaign.objects.create(
        name=name.strip(),
        slug=slug,
        goal=goal,
        countries=countries,
        starts_on=starts_on,
        ends_on=ends_on,
        published=bool(published),
        created_by=user,
    )
    campaign.sectors.set(sectors)
    campaign.brokers.set({user, *[b for b in brokers if b.is_broker]})
    audit.record(actor=user, target=campaign, action=AuditAction.CREATE, summary=campaign.name)
    schedule_refresh("campaigns")
    return campaign


@transaction.atomic
def update_campaign(
    *,
    user,
    campaign: Campaign,
    name: str,
    goal: int,
    countries,
    starts_on,
    ends_on,
    sectors=(),
    brokers=(),
    published: bool = False,
) -> Campaign:
    """Change a campaign's settings (its tag stays: printed links carry it)."""
    if not access.can_manage(user, campaign):
        raise PermissionDenied(_("Only the brokers who run this campaign change it."))
    countries = clean_countries(countries)
    _check(
        name=name,
        slug=campaign.slug,
        goal=goal,
        countries=countries,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    before = {"name": campaign.name, "goal": campaign.goal, "countries": campaign.countries}
    campaign.name, campaign.goal, campaign.countries = name.strip(), goal, countries
    campaign.starts_on, campaign.ends_on, campaign.published = starts_on, ends_on, bool(published)
    campaign.save()
    campaign.sectors.set(sectors)
    runners = {b for b in brokers if b.is_broker}
    campaign.brokers.set(runners or {user})
    audit.record(
        actor=user,
        target=campaign,
        action=AuditAction.UPDATE,
        summary="settings",
        changes={
            k: [v, getattr(campaign, k)] for k, v in before.items() if v != getattr(campaign, k)
        },
    )
    schedule_refresh("campaigns")
    return campaign


@transaction.atomic
def add_offer(
    *, user, campaign: Campaign, profile, countries=(), source: str = CampaignOffer.Source.SEARCH
) -> CampaignOffer:
    """Put a published offer into the campaign for ``countries`` (campaign countries; none:
    all of them). Adding an offer that is already in adds the countries to it."""
    if not access.can_manage(user, campaign):
        raise PermissionDenied(_("Only the brokers who run this campaign curate its offers."))
    if profile.kind != ProfileKind.OFFER or profile.status != ProfileStatus.PUBLISHED:
        raise ValidationError(_("Only published technology offers go into a campaign."))
    countries = clean_countries(countries)
    outside = [c for c in countries if c not in campaign.countries]
    if outside:
        raise ValidationError(
            {"countries": _("%(code)s is not a target country of this campaign.")
             % {"code": ", ".join(outside)}}
        )  # fmt: skip
    entry, created = CampaignOffer.objects.select_for_update().get_or_create(
        campaign=campaign,
        profile=profile,
        defaults={"countries": countries, "source": source, "added_by": user},
    )
    if not created:
        if not countries or not entry.countries:
            entry.countries = []  # all countries
        else:
            entry.countries = entry.countries + [c for c in countries if c not in entry.countries]
        entry.save(update_fields=["countries"])
    audit.record(
        actor=user,
        target=campaign,
        action=AuditAction.UPDATE,
        summary=f"offer {profile.ref} added"
        + (f" for {', '.join(countries)}" if countries else ""),
    )
    schedule_refresh("campaigns")
    return entry


@transaction.atomic
def remove_offer(*, user, campaign: Campaign, profile, country: str | None = None) -> None:
    """Take an offer out of the campaign (or only out of one country's set)."""
    if not access.can_manage(user, campaign):
        raise PermissionDenied(_("Only the brokers who run this campaign curate its offers."))
    entry = CampaignOffer.objects.filter(campaign=campaign, profile=profile).first()
    if entry is None:
        raise ValidationError(_("This offer is not in the campaign."))
    if country:
        remaining = [c for c in (entry.countries or campaign.countries) if c != country.upper()]
        if remaining:
            entry.countries = remaining
            entry.save(update_fields=["countries"])
        else:
            entry.delete()
    else:
        entry.delete()
    audit.record(
        actor=user,
        target=campaign,
        action=AuditAction.UPDATE,
        summary=f"offer {profile.ref} removed" + (f" for {country.upper()}" if country else ""),
    )
    schedule_refresh("campaigns")


@transaction.atomic
def save_brief(
    *, user, campaign: Campaign, country: str, language: str, title: str, introduction: str
) -> CampaignBrief:
    """Write (or rewrite) the campaign's title and introduction for one target country, in
    one of that country's languages."""
    if not access.can_manage(user, campaign):
        raise PermissionDenied(_("Only the brokers who run this campaign write its briefs."))
    country = (country or "").upper()
    if country not in campaign.countries:
        raise ValidationError(
            _("%(code)s is not a target country of this campaign.") % {"code": country}
        )
    if language not in country_languages(country):
        raise ValidationError({"language": _("Write the brief in a language of that country.")})
    title, introduction = (title or "").strip(), (introduction or "").strip()
    if not title or not introduction:
        raise ValidationError(_("A brief needs a title and an introduction."))
    if len(title) > NAME_MAX or len(introduction) > INTRODUCTION_MAX:
        raise ValidationError(
            _("A brief's title is at most %(t)d characters and its introduction %(i)d.")
            % {"t": NAME_MAX, "i": INTRODUCTION_MAX}
        )
    brief, _created = CampaignBrief.objects.update_or_create(
        campaign=campaign,
        country=country,
        language=language,
        defaults={"title": title, "introduction": introduction, "written_by": user},
    )
    audit.record(
        actor=user,
        target=campaign,
        action=AuditAction.UPDATE,
        summary=f"brief {country} [{language}]",
    )
    return brief
