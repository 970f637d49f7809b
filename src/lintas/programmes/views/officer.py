"""Officer workspace: calls, reviewer assignment, ranking, decisions, host matching,
placements and extension requests."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.core.pages import domain_call
from lintas.programmes.domain import hosts, placements, queries, review
from lintas.programmes.enums import PlacementStatus
from lintas.programmes.models import Application, Call, ExtensionRequest, Placement


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
    return render(request, "programmes/workspace.html", {"calls": calls, "pending": pending})


@officer_required
def call_manage(request, slug):
    call = get_object_or_404(Call.objects.select_related("programme"), slug=slug)
    return render(
        request,
        "programmes/manage.html",
        {
            "call": call,
            "ranking": review.ranking(call),
            "pool": call.pool.select_related("user__organisation"),
            "placements": queries.placements().filter(application__call=call),
            "hosts": call.programme.hosts.select_related("organisation"),
        },
    )


@officer_required
@require_POST
def assign_reviewers(request, slug):
    call = get_object_or_404(Call, slug=slug)
    done = domain_call(request, review.assign_reviewers, user=request.user, call=call)
    if done:
        messages.success(request, _("%d reviews assigned.") % len(done.value))
    return redirect("programmes:manage", slug=slug)


@officer_required
@require_POST
def match_hosts(request, slug):
    call = get_object_or_404(Call.objects.select_related("programme"), slug=slug)
    done = domain_call(request, hosts.match_hosts, user=request.user, call=call)
    if done:
        messages.success(request, _("%d researchers placed.") % len(done.value))
    return redirect("programmes:manage", slug=slug)


@officer_required
@require_POST
def decide(request, pk):
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    domain_call(
        request,
        review.decide,
        success=_("Decision saved; the applicant has been told."),
        user=request.user,
        application=application,
        decision=request.POST.get("decision", ""),
    )
    return redirect("programmes:manage", slug=application.call.slug)


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
