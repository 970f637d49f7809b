"""Pages for the brokers who run a campaign: settings, building the set of offers from search
and from per-country suggestions, briefs per country, reach and its export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.campaigns.domain import campaigns as domain
from lintas.campaigns.domain import exports
from lintas.campaigns.domain import suggestions as suggestion_domain
from lintas.campaigns.domain.reach import reach
from lintas.campaigns.forms import AddOfferForm, CampaignForm, SearchForm, brief_forms
from lintas.campaigns.models import Campaign, CampaignBrief, CampaignOffer
from lintas.campaigns.views.public import _country, _country_name, get_campaign
from lintas.catalogue.enums import ProfileKind, ProfileStatus
from lintas.catalogue.models import Profile
from lintas.core.pages import domain_call


def _managed(request, slug) -> Campaign:
    campaign = get_campaign(request, slug)
    if not request.user.has_perm("campaigns.change_campaign", campaign):
        raise PermissionDenied(_("Only the brokers who run this campaign change it."))
    return campaign


def _settings(form) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "goal": data["goal"],
        "countries": data["countries"],
        "starts_on": data["starts_on"],
        "ends_on": data["ends_on"],
        "sectors": list(data["sectors"]),
        "brokers": list(data["brokers"]),
        "published": data["published"],
    }


@login_required
def campaign_create(request):
    if not request.user.has_perm("campaigns.add_campaign"):
        raise PermissionDenied(_("Only brokers start campaigns."))
    form = CampaignForm(request.POST or None, initial={"brokers": [request.user]})
    if request.method == "POST" and form.is_valid():
        made = domain_call(
            request,
            domain.create_campaign,
            form=form,
            success=_(
                "Campaign created. Add offers from search or from the suggestions per country."
            ),
            user=request.user,
            slug=form.cleaned_data["slug"],
            **_settings(form),
        )
        if made:
            return redirect(made.value)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "campaigns/form.html", {"form": form, "campaign": None}, status=status)


@login_required
def campaign_edit(request, slug):
    campaign = _managed(request, slug)
    initial = {
        "name": campaign.name,
        "goal": campaign.goal,
        "countries": campaign.countries,
        "starts_on": campaign.starts_on,
        "ends_on": campaign.ends_on,
        "sectors": list(campaign.sectors.all()),
        "brokers": list(campaign.brokers.all()),
        "published": campaign.published,
    }
    form = CampaignForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        done = domain_call(
            request,
            domain.update_campaign,
            form=form,
            success=_("Saved."),
            user=request.user,
            campaign=campaign,
            **_settings(form),
        )
        if done:
            return redirect(campaign)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "campaigns/form.html", {"form": form, "campaign": campaign}, status=status
    )


def _back(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@login_required
@require_POST
def add_offer(request, slug):
    campaign = _managed(request, slug)
    profile = get_object_or_404(
        Profile,
        ref=request.POST.get("ref", ""),
        kind=ProfileKind.OFFER,
        status=ProfileStatus.PUBLISHED,
    )
    form = AddOfferForm(request.POST, campaign=campaign)
    countries = form.cleaned_data["countries"] if form.is_valid() else []
    source = request.POST.get("source")
    domain_call(
        request,
        domain.add_offer,
        success=_("%(ref)s is in the campaign.") % {"ref": profile.ref},
        user=request.user,
        campaign=campaign,
        profile=profile,
        countries=countries,
        source=source if source in CampaignOffer.Source.values else CampaignOffer.Source.SEARCH,
    )
    return redirect(_back(request, campaign.get_absolute_url()))


@login_required
@require_POST
def remove_offer(request, slug, ref):
    campaign = _managed(request, slug)
    profile = get_object_or_404(Profile, ref=ref)
    domain_call(
        request,
        domain.remove_offer,
        success=_("%(ref)s was taken out of the campaign.") % {"ref": profile.ref},
        user=request.user,
        campaign=campaign,
        profile=profile,
        country=request.POST.get("country") or None,
    )
    return redirect(_back(request, campaign.get_absolute_url()))


@login_required
def search(request, slug):
    """Find published offers by words (the cross-lingual engine) and sector, and add them."""
    from lintas.matching.domain.search import search as run_search

    campaign = _managed(request, slug)
    form = SearchForm(request.GET or None)
    hits = []
    if form.is_valid() and (form.cleaned_data["q"] or form.cleaned_data["sector"]):
        sector = form.cleaned_data["sector"]
        result = run_search(
            query=form.cleaned_data["q"],
            kind=ProfileKind.OFFER,
            filters={"sector": sector.slug if sector else ""},
            k=30,
        )
        hits = [h.profile for h in result.hits]
    chosen = dict(
        CampaignOffer.objects.filter(campaign=campaign).values_list("profile_id", "countries")
    )
    return render(
        request,
        "campaigns/search.html",
        {
            "campaign": campaign,
            "form": form,
            "hits": [(p, p.pk in chosen) for p in hits],
            "add_form": AddOfferForm(campaign=campaign),
        },
    )


@login_required
def suggestions(request, slug, country):
    """Offers that best match the published needs of organisations in ``country``."""
    campaign = _managed(request, slug)
    country = _country(campaign, country)
    return render(
        request,
        "campaigns/suggestions.html",
        {
            "campaign": campaign,
            "country": country,
            "country_name": _country_name(country),
            "suggestions": suggestion_domain.for_country(campaign, country),
        },
    )


@login_required
def brief_edit(request, slug, country):
    """The campaign's title and introduction for ``country``, one form per language it reads."""
    campaign = _managed(request, slug)
    country = _country(campaign, country)
    briefs = {
        b.language: b for b in CampaignBrief.objects.filter(campaign=campaign, country=country)
    }
    forms = brief_forms(country, briefs, request.POST or None)
    status = 200
    if request.method == "POST":
        saved = 0
        for code, _name, form in forms:
            if not (form.data.get(f"{code}-title") or form.data.get(f"{code}-introduction")):
                continue  # a language left empty is not written yet
            if form.is_valid() and domain_call(
                request,
                domain.save_brief,
                form=form,
                user=request.user,
                campaign=campaign,
                country=country,
                language=code,
                title=form.cleaned_data["title"],
                introduction=form.cleaned_data["introduction"],
            ):
                saved += 1
            else:
                status = 400
        if status == 200 and saved:
            from django.contrib import messages

            messages.success(request, _("Brief saved."))
            return redirect(campaign.country_url(country))
        status = 400
    return render(
        request,
        "campaigns/brief.html",
        {
            "campaign": campaign,
            "country": country,
            "country_name": _country_name(country),
            "forms": forms,
        },
        status=status,
    )


@login_required
def reach_page(request, slug):
    campaign = get_campaign(request, slug)
    if not request.user.has_perm("campaigns.view_reach", campaign):
        raise PermissionDenied(_("Reach is for brokers."))
    r = reach(campaign)
    countries = [
        {
            "code": c,
            "name": _country_name(c),
            "counts": counts,
            "page_views": r.page_views.get(c, 0),
        }
        for c, counts in r.countries.items()
    ]
    return render(
        request,
        "campaigns/reach.html",
        {
            "campaign": campaign,
            "reach": r,
            "countries": countries,
            "rows": [(c, _country_name(c), p, counts) for c, p, counts in r.rows],
        },
    )


@login_required
def reach_export(request, slug, fmt):
    campaign = get_campaign(request, slug)
    if not request.user.has_perm("campaigns.view_reach", campaign):
        raise PermissionDenied(_("Reach is for brokers."))
    r = reach(campaign)
    name = f"{campaign.slug}-reach"
    if fmt == "csv":
        response = HttpResponse(exports.as_csv(r), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.as_xlsx(r),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
