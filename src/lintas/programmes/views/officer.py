"""Officer workspace: calls, reviewer assignment, ranking, decisions, host matching,
placements and extension requests."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from lintas.core.pages import domain_call
from lintas.programmes.domain import placements, queries, review
from lintas.programmes.enums import DECISIONS, PlacementStatus, RunKind
from lintas.programmes.models import Call, ExtensionRequest, Placement, Programme


def officer_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm("programmes.manage_programmes"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@officer_required
def workspace(request):
    calls = Call.objects.select_related("programme").order_by("-deadline")
    pending = ExtensionRequest.objects.filter(status="pending").select_related(
        "placement__application", "placement__host"
    )
    return render(
        request,
        "programmes/workspace.html",
        {"calls": calls, "pending": pending, "programmes": Programme.objects.all()},
    )


@officer_required
def call_manage(request, slug):
    call = get_object_or_404(Call.objects.select_related("programme"), slug=slug)
    return render(
        request,
        "programmes/manage.html",
        {
            "call": call,
            "ranking": review.ranking(call),
            "pool": call.pool.select_related("user__organisation").annotate(
                load=Count(
                    "user__programme_reviews",
                    filter=Q(user__programme_reviews__application__call=call),
                )
            ),
            "placements": queries.placements().filter(application__call=call),
            "hosts": call.programme.hosts.select_related("organisation"),
            "decisions": [(d.value, d.label) for d in DECISIONS],
            "last_reviewer_run": call.runs.filter(kind=RunKind.REVIEWERS).first(),
            "last_host_run": call.runs.filter(kind=RunKind.HOSTS).first(),
        },
    )


@officer_required
def placement_list(request):
    return render(
        request,
        "programmes/placements.html",
        {"placements": queries.placements(), "statuses": PlacementStatus.choices},
    )


@officer_required
@require_POST
def placement_status(request, pk):
    placement = get_object_or_404(Placement, pk=pk)
    domain_call(
        request,
        placements.set_status,
        user=request.user,
        placement=placement,
        status=request.POST.get("status", ""),
    )
    return redirect("programmes:placement", pk=pk)


@officer_required
@require_POST
def extension_decide(request, pk):
    ext = get_object_or_404(ExtensionRequest.objects.select_related("placement"), pk=pk)
    domain_call(
        request,
        placements.decide_extension,
        user=request.user,
        request=ext,
        approve=request.POST.get("approve") == "1",
    )
    return redirect("programmes:placement", pk=ext.placement_id)
