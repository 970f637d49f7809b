"""The printable catalogue of a campaign for one target country: one page per technology (title,
summary, TRL, IPR, cooperation modes, sectors, the owner's name and country, and the contact
route through the platform), in the country's language, as HTML for print and as a PDF made
offline by WeasyPrint.

Never confidential fields: the pages are built from :func:`items`, which copies only public
fields (the profile's text goes through ``display_text``, the same rule as every page), and the
contact route is the campaign's page of the offer, where interest is expressed through the
platform and contacts are shared only after consent.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from django_countries import countries as all_countries

from lintas.campaigns.domain import queries
from lintas.campaigns.models import Campaign
from lintas.catalogue.domain.translations import display_text
from lintas.catalogue.enums import TRL_LABELS, IPRStatus
from lintas.core import readable

STYLESHEET = "lintas/catalogue.css"


def ui_language(content_language: str) -> str:
    """The interface language that prints a content language's labels ("zh" → "zh-hans");
    English for a language the interface does not have."""
    code = "zh-hans" if content_language == "zh" else content_language
    return code if code in dict(settings.LANGUAGES) else "en"


@dataclass(frozen=True)
class Item:
    ref: str
    title: str
    summary: str
    language: str
    translated: bool
    trl: str
    ipr: str
    modes: list
    sectors: list
    organisation: str
    organisation_country: str
    contact_url: str


def items(campaign: Campaign, country: str, language: str) -> list[Item]:
    """The public facts of each offer shown to ``country``, in ``language`` where a translation
    exists (labels are translated by the caller's active language)."""
    return items_for(queries.offers_for(campaign, country), campaign, country, language)


def items_for(profiles, campaign: Campaign, country: str, language: str) -> list[Item]:
    out = []
    for profile in profiles:
        text = display_text(profile, language)
        out.append(
            Item(
                ref=profile.ref,
                title=text.title,
                summary=text.summary,
                language=text.language,
                translated=text.is_translation,
                trl=str(TRL_LABELS.get(profile.trl, "")) if profile.trl else "",
                ipr=str(IPRStatus(profile.ipr_status).label)
                if profile.ipr_status in IPRStatus.values
                else "",
                modes=readable.mode_list(profile.cooperation_modes),
                sectors=[s.name for s in profile.sectors.all()],
                organisation=profile.organisation.name,
                organisation_country=readable.country(profile.organisation.country),
                contact_url=settings.SITE_URL + campaign.offer_url(country, profile.ref),
            )
        )
    return out


def context(campaign: Campaign, country: str, language: str) -> dict:
    """What the print template needs; call inside ``translation.override(ui_language(...))``."""
    return {
        "campaign": campaign,
        "country": country,
        "country_name": str(dict(all_countries).get(country, country)),
        "language": language,
        "brief": queries.brief_for(campaign, country, language),
        "items": items(campaign, country, language),
        "page_url": settings.SITE_URL + campaign.country_url(country),
    }


def render_html(campaign: Campaign, country: str, language: str, *, for_pdf: bool = False) -> str:
    with translation.override(ui_language(language)):
        ctx = context(campaign, country, language)
        ctx["for_pdf"] = for_pdf
        return render_to_string("campaigns/catalogue_print.html", ctx)


def _no_fetch(url, *args, **kwargs):
    """Nothing is fetched while making a PDF: no network, no files beyond the stylesheet."""
    raise ValueError(f"not fetched while printing: {url}")


PDF_CACHE_SECONDS = 24 * 3600


def pdf_cache_key(html: str) -> str:
    return "campaigns:pdf:" + hashlib.sha256(html.encode("utf-8")).hexdigest()


# How long a catalogue stays "being prepared" at most: a worker that died while making it
# leaves the mark, and the next visitor queues it again after this.
PREPARING_SECONDS = 10 * 60


def cached_pdf(campaign: Campaign, country: str, language: str) -> bytes | None:
    """The catalogue's PDF when it is made already (the HTML's fingerprint is in the cache)."""
    return cache.get(pdf_cache_key(render_html(campaign, country, language, for_pdf=True)))


def _preparing_key(campaign: Campaign, country: str, language: str) -> str:
    return f"campaigns:pdf-preparing:{campaign.pk}:{country}:{language}"


def request_pdf(campaign: Campaign, country: str, language: str) -> bytes | None:
    """The PDF if it is made; otherwise queue the Celery task that makes it (once: a mark in the
    cache says it is being prepared) and return None, or the PDF when the task ran at once
    (no broker configured: tasks run in the calling process)."""
    pdf = cached_pdf(campaign, country, language)
    if pdf is not None:
        return pdf
    if cache.add(_preparing_key(campaign, country, language), 1, PREPARING_SECONDS):
        from lintas.campaigns.tasks import make_catalogue_pdf

        make_catalogue_pdf.delay(campaign.pk, country, language)
        return cached_pdf(campaign, country, language)
    return None


def make_pdf(campaign: Campaign, country: str, language: str) -> bytes:
    """What the task runs: make the PDF (cached) and clear the "being prepared" mark."""
    try:
        return render_pdf(campaign, country, language)
    finally:
        cache.delete(_preparing_key(campaign, country, language))


def render_pdf(campaign: Campaign, country: str, language: str) -> bytes:
    """The catalogue as PDF bytes, made in this process (no browser, no network). Fonts come
    from the system (Noto for Lao, Khmer, Burmese, Thai and Chinese).

    Why cached by the HTML's fingerprint: WeasyPrint takes seconds (about 5 s for 40 offers,
    12 s for 100 on a loaded 2-core machine) while the HTML takes a tenth of a second; the same
    HTML always prints the same PDF, and any change (an offer, a translation, the brief, a
    label's language) changes the HTML, so a stale PDF is never served."""
    import weasyprint

    html = render_html(campaign, country, language, for_pdf=True)
    key = pdf_cache_key(html)
    pdf = cache.get(key)
    if pdf is None:
        css = weasyprint.CSS(filename=finders.find(STYLESHEET))
        pdf = weasyprint.HTML(string=html, url_fetcher=_no_fetch).write_pdf(stylesheets=[css])
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf
