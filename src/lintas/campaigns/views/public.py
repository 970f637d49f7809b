"""Campaign pages everyone may open: the list, a campaign's overview, its page per target
country (light, for phones), an offer as that page shows it (with the attributed interest
form) and the printable catalogue (HTML and PDF)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django_countries import countries as all_countries

from lintas.brokerage.forms import InterestForm
from lintas.campaigns.domain import attribution, printing, queries
from lintas.campaigns.models import Campaign
from lintas.catalogue.domain.translations import country_languages, language_label
from lintas.catalogue.enums import ProfileStatus
from lintas.core.pages import domain_call


def get_campaign(request, slug) -> Campaign:
    campaign = get_object_or_404(Campaign, slug=slug)
    if not request.user.has_perm("campaigns.view_campaign", campaign):
        raise Http404
    return campaign


def _country(campaign: Campaign, country: str) -> str:
    if country not in campaign.countries:
        raise Http404
    return country


def _country_name(code: str) -> str:
    return str(dict(all_countries).get(code, code))


def _languages(country: str, current: str) -> list[dict]:
    return [
        {"code": code, "name": language_label(code), "current": code == current}
        for code in country_languages(country)
    ]


def campaign_list(request):
    rows = [
        {"campaign": c, "progress": queries.progress(c)} for c in queries.visible_to(request.user)
    ]
    return render(
        request,
        "campaigns/list.html",
        {"rows": rows, "can_add": request.user.has_perm("campaigns.add_campaign")},
    )


def campaign_detail(request, slug):
    campaign = get_campaign(request, slug)
    manage = request.user.has_perm("campaigns.change_campaign", campaign)
    progress = queries.progress(campaign)
    countries = [
        {"code": c, "name": _country_name(c), "offers": progress.per_country.get(c, 0)}
        for c in campaign.countries
    ]
    return render(
        request,
        "campaigns/detail.html",
        {
            "campaign": campaign,
            "progress": progress,
            "countries": countries,
            "manage": manage,
            "entries": queries.entries(campaign) if manage else [],
            "can_read_reach": request.user.has_perm("campaigns.view_reach", campaign),
        },
    )


def country_page(request, slug, country):
    """The campaign's public page for one country: its brief and offers in the country's
    language (the reader's, when the country reads it; ``?lang=`` switches)."""
    campaign = get_campaign(request, slug)
    country = _country(campaign, country)
    language = queries.page_language(country, request.GET.get("lang"))
    attribution.record_view(campaign=campaign, country=country)
    return render(
        request,
        "campaigns/country.html",
        {
            "campaign": campaign,
            "country": country,
            "country_name": _country_name(country),
            "language": language,
            "languages": _languages(country, language),
            "brief": queries.brief_for(campaign, country, language),
            "offers": queries.offers_for(campaign, country),
            "progress": queries.progress(campaign),
        },
    )


def offer_page(request, slug, country, ref):
    """An offer as the campaign's country page shows it; its interest form sends an interest
    attributed to the campaign (``attribution.express_interest``)."""
    campaign = get_campaign(request, slug)
    country = _country(campaign, country)
    profile = next((p for p in queries.offers_for(campaign, country) if p.ref == ref), None)
    if profile is None or profile.status != ProfileStatus.PUBLISHED:
        raise Http404
    language = queries.page_language(country, request.GET.get("lang"))
    user = request.user
    may_ask = (
        user.is_authenticated
        and user.has_perm("brokerage.express_interest")
        and profile.organisation_id != user.organisation_id
    )
    form = None
    status = 200
    if request.method == "POST":
        if not may_ask:
            raise PermissionDenied(_("Only technology providers and seekers express interest."))
        form = InterestForm(request.POST, user=user, profile=profile)
        if form.is_valid():
            sent = domain_call(
                request,
                attribution.express_interest,
                form=form,
                success=_("Your interest was sent. We will tell you when the owner answers."),
                user=user,
                campaign=campaign,
                country=country,
                profile=profile,
                message=form.cleaned_data["message"],
                counterpart=form.cleaned_data["counterpart"],
            )
            if sent:
                return redirect(sent.value)
        status = 400
    else:
        attribution.record_view(campaign=campaign, country=country, profile=profile)
        if may_ask:
            form = InterestForm(user=user, profile=profile)
    open_deal = None
    if may_ask:
        from lintas.brokerage.enums import ACTIVE_STAGES

        open_deal = profile.deals.filter(
            requester_org_id=user.organisation_id, stage__in=ACTIVE_STAGES
        ).first()
    response = render(
        request,
        "campaigns/offer.html",
        {
            "campaign": campaign,
            "country": country,
            "country_name": _country_name(country),
            "language": language,
            "profile": profile,
            "item": printing.items_for([profile], campaign, country, language)[0],
            "form": form if not open_deal else None,
            "open_deal": open_deal,
        },
        status=status,
    )
    if request.method == "GET":
        attribution.set_mark(response, campaign=campaign, country=country)
    return response


def catalogue_print(request, slug, country):
    """The printable catalogue (the browser prints it; one technology per page)."""
    campaign = get_campaign(request, slug)
    country = _country(campaign, country)
    language = queries.page_language(
        country, request.GET.get("lang") or country_languages(country)[0]
    )
    return HttpResponse(printing.render_html(campaign, country, language))


REFRESH_SECONDS = 5


def catalogue_pdf(request, slug, country):
    """The same catalogue as a PDF, made on the server by WeasyPrint in a Celery task: the first
    visitor gets a page that says it is being prepared and refreshes itself; the PDF is then
    served from the cache."""
    campaign = get_campaign(request, slug)
    country = _country(campaign, country)
    language = queries.page_language(
        country, request.GET.get("lang") or country_languages(country)[0]
    )
    pdf = printing.request_pdf(campaign, country, language)
    if pdf is None:
        response = render(
            request,
            "campaigns/catalogue_preparing.html",
            {
                "campaign": campaign,
                "country": country,
                "country_name": _country_name(country),
                "language": language,
                "refresh": REFRESH_SECONDS,
            },  # fmt: skip
            status=202,
        )
        response["Retry-After"] = str(REFRESH_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{campaign.slug}-{country.lower()}-{language}.pdf"'
    )
    return response
