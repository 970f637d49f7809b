from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.catalogue.domain.queries import lists_version
from lintas.catalogue.enums import ProfileStatus
from lintas.catalogue.filters import ProfileFilter
from lintas.core.pagecache import anonymous_page
from lintas.core.pages import domain_call
from lintas.matching.domain import decisions, recommend, search_index
from lintas.matching.domain.search import search
from lintas.matching.models import Match, MatchSettings

PAGE = 20


def _search_version(request):
    """The lists' version and the search index's stamp: a published profile is found as soon as
    its vector is indexed (by a worker, after the publication moved the lists' version on)."""
    seen, count = search_index.stamp()
    return f"{lists_version()}|{seen.isoformat() if seen else ''}|{count}"


@anonymous_page(_search_version)
def search_page(request):
    kind = request.GET.get("kind") if request.GET.get("kind") in ("offer", "need") else None
    try:
        page = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        page = 1
    filterset = ProfileFilter(request.GET or None)
    result = search(
        query=request.GET.get("q", ""),
        kind=kind,
        filters=request.GET.dict(),
        k=PAGE,
        offset=(page - 1) * PAGE,
    )
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "result": result,
        "filter": filterset,
        "kind": kind or "",
        "page": page,
        "params": params.urlencode(),
        "has_next": len(result.hits) == PAGE,
        "q": request.GET.get("q", ""),
    }
    template = "matching/_search_results.html" if request.htmx else "matching/search.html"
    return render(request, template, context, status=400 if result.errors else 200)


def matches_extra(request, profile):
    """The matches panel on a profile page: for the owner's organisation and brokers."""
    user = request.user
    if not profile.is_published or not user.has_perm("matching.view_matches", profile):
        return None
    matches = list(
        recommend.visible_matches(
            profile=profile, include_dismissed=user.has_perm("matching.view_dismissed_matches")
        )[:10]
    )
    return {"template": "matching/_matches.html", "matches": matches, "profile": profile}


@login_required
def for_you(request):
    org = request.user.organisation_id
    matches = (
        (
            Match.objects.filter(
                Q(offer__organisation_id=org) | Q(need__organisation_id=org),
                dismissed=False,
                offer__status=ProfileStatus.PUBLISHED,
                need__status=ProfileStatus.PUBLISHED,
            )
            .select_related("offer__organisation", "need__organisation")
            .prefetch_related(
                "offer__sectors", "need__sectors", "offer__translations", "need__translations"
            )
            .order_by("-pinned", "-score")[:50]
        )
        if org
        else []
    )
    return render(request, "matching/for_you.html", {"matches": matches})


@login_required
@require_POST
def decide(request, pk, action):
    match = get_object_or_404(Match.objects.select_related("offer", "need"), pk=pk)
    noted = _("Thank you, noted.")
    if action in ("pin", "unpin"):
        domain_call(
            request,
            decisions.pin,
            success=noted,
            user=request.user,
            match=match,
            pinned=action == "pin",
        )
    elif action == "dismiss":
        domain_call(request, decisions.dismiss, success=noted, user=request.user, match=match)
    elif action in ("relevant", "irrelevant"):
        domain_call(
            request,
            decisions.give_feedback,
            success=noted,
            user=request.user,
            match=match,
            relevant=action == "relevant",
            comment=request.POST.get("comment", ""),
        )
    else:
        return redirect(match.need)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = match.need.get_absolute_url()
    return redirect(back)


@login_required
def digest_settings(request):
    prefs, _created = MatchSettings.objects.get_or_create(user=request.user)
    if request.method == "POST":
        frequency = request.POST.get("frequency")
        if frequency not in MatchSettings.Frequency.values:
            messages.error(request, _("Choose daily, weekly or never."))
        else:
            prefs.frequency = frequency
            prefs.save(update_fields=["frequency"])
            messages.success(request, _("Your settings are saved."))
            return redirect("matching:settings")
    return render(
        request,
        "matching/settings.html",
        {"prefs": prefs, "choices": MatchSettings.Frequency.choices},
    )
