from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from lintas.catalogue.domain import queries as profile_queries
from lintas.catalogue.enums import ProfileKind
from lintas.core.domain import membership
from lintas.core.models import Organisation
from lintas.core.pagecache import anonymous_page
from lintas.insights.domain import dashboard as insights_dashboard
from lintas.pages.figures import definitions, headline_figures


def _home_version(request):
    """The recent profiles follow the lists' version; the outcome figures follow insights'
    summary (a refresh shows at once). Without a summary they are counted live: not cached."""
    stamp = insights_dashboard.summary_stamp()
    return f"{profile_queries.lists_version()}|{stamp}" if stamp else None


# A minute at most: the organisations' figures follow no version.
@anonymous_page(_home_version, seconds=60)
def home(request):
    """The front page: what the platform is, its headline figures, a search box and the most
    recently published profiles."""
    recent = profile_queries.for_list()[:6]
    return render(
        request,
        "pages/home.html",
        {"figures": headline_figures(), "definitions": definitions(), "recent": recent},
    )


@login_required
def dashboard(request):
    """My workspace: the profiles of the person's organisation (drafts included), or the
    membership request they are waiting on when they have no organisation yet."""
    own = (
        profile_queries.visible_to(request.user)
        .filter(organisation_id=request.user.organisation_id)
        .select_related("organisation")
        .prefetch_related("sectors")
        .order_by("-updated_at")
        if request.user.organisation_id
        else []
    )
    waiting = membership.current_request(request.user) if not request.user.organisation_id else None
    return render(
        request, "pages/dashboard.html", {"own_profiles": own, "membership_request": waiting}
    )


def organisation_detail(request, slug):
    """An organisation's page: who it is and its published offers and needs."""
    org = get_object_or_404(Organisation, slug=slug)
    profiles = profile_queries.for_list().filter(organisation=org)
    return render(
        request,
        "pages/organisation_detail.html",
        {
            "org": org,
            "can_edit": request.user.has_perm("core.change_organisation", org),
            "offers": [p for p in profiles if p.kind == ProfileKind.OFFER],
            "needs": [p for p in profiles if p.kind == ProfileKind.NEED],
        },
    )
