"""Pages of organisation membership: the organisation picker, "My organisation" for its admins,
the broker queue, and the actions behind their buttons. Every page asks the ``core.*`` rules
(:mod:`lintas.core.rules`); every action calls :mod:`lintas.core.domain.membership`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.core.domain import membership
from lintas.core.forms import DecisionForm, MembershipRequestForm
from lintas.core.models import MembershipRequest, Organisation, User
from lintas.core.pages import domain_call

SEARCH_LIMIT = 10
MIN_QUERY = 2


def search_organisations(query: str):
    query = " ".join((query or "").split())
    if len(query) < MIN_QUERY:
        return []
    return list(
        Organisation.objects.filter(Q(name__icontains=query) | Q(name_local__icontains=query))
        .order_by("name")
        .only("slug", "name", "name_local", "country", "type")[:SEARCH_LIMIT]
    )


def organisation_search(request):
    """The picker's results as a fragment (HTMX), so sign-up never ships every organisation."""
    query = request.GET.get("organisation_query") or request.GET.get("q") or ""
    return render(
        request,
        "core/_organisation_choices.html",
        {"results": search_organisations(query), "query": query, "min_query": MIN_QUERY},
    )


def _next(request, fallback):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
def my_organisation(request):
    """Organisation admins land on their organisation's members; brokers on the queue."""
    user = request.user
    if user.organisation_id and user.has_perm("core.manage_members", user.organisation):
        return redirect("core:organisation_members", slug=user.organisation.slug)
    if user.has_perm("core.view_membership_queue"):
        return redirect("core:membership_queue")
    raise PermissionDenied


@login_required
def organisation_members(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not request.user.has_perm("core.manage_members", organisation):
        raise PermissionDenied
    return render(
        request,
        "core/organisation_members.html",
        {
            "org": organisation,
            "members": membership.members_of(organisation),
            "requests": membership.pending().filter(organisation=organisation),
            "decision_form": DecisionForm(),
        },
    )


@login_required
def membership_queue(request):
    if not request.user.has_perm("core.view_membership_queue"):
        raise PermissionDenied
    page = Paginator(membership.pending(), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/membership_queue.html",
        {"page": page, "decision_form": DecisionForm()},
    )


DECISIONS = {
    "approve": (membership.approve, lambda: _("Membership approved.")),
    "refuse": (membership.refuse, lambda: _("Request refused.")),
    "validate": (membership.validate_organisation, lambda: _("Organisation validated.")),
}


@login_required
@require_POST
def membership_decide(request, pk, decision):
    if decision not in DECISIONS:
        raise PermissionDenied
    membership_request = get_object_or_404(
        MembershipRequest.objects.select_related("organisation", "user"), pk=pk
    )
    if not request.user.has_perm("core.decide_membership", membership_request):
        raise PermissionDenied
    func, success = DECISIONS[decision]
    kwargs = {"actor": request.user, "membership_request": membership_request}
    if decision == "refuse":
        form = DecisionForm(request.POST)
        kwargs["reason"] = form.cleaned_data["reason"] if form.is_valid() else ""
    domain_call(request, func, success=success(), **kwargs)
    return redirect(_next(request, "core:members"))


@login_required
@require_POST
def membership_cancel(request, pk):
    membership_request = get_object_or_404(MembershipRequest, pk=pk)
    if not request.user.has_perm("core.cancel_membership_request", membership_request):
        raise PermissionDenied
    domain_call(
        request,
        membership.cancel,
        success=_("Your request is withdrawn."),
        user=request.user,
        membership_request=membership_request,
    )
    return redirect("core:account")


@login_required
@require_POST
def membership_request(request):
    """Ask to join, or propose, from the account page (people who belong nowhere)."""
    if not request.user.has_perm("core.request_membership"):
        raise PermissionDenied
    form = MembershipRequestForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("core:account")
    if form.cleaned_data.get("organisation") is not None:
        domain_call(
            request,
            membership.request_membership,
            success=_("Your request is sent; you will receive an e-mail when it is decided."),
            user=request.user,
            organisation=form.cleaned_data["organisation"],
        )
    else:
        domain_call(
            request,
            membership.propose_organisation,
            success=_(
                "Your proposal is sent to the brokers; you will receive an e-mail when it is decided."
            ),
            user=request.user,
            **form.cleaned_data["proposal"],
        )
    return redirect("core:account")


MEMBER_ACTIONS = {
    "remove": (membership.remove_member, lambda: _("Member removed.")),
    "hand-over": (membership.hand_over_admin, lambda: _("The admin role is handed over.")),
}


@login_required
@require_POST
def member_action(request, pk, action):
    if action not in MEMBER_ACTIONS:
        raise PermissionDenied
    member = get_object_or_404(User.objects.select_related("organisation"), pk=pk)
    if not request.user.has_perm("core.manage_member", member):
        raise PermissionDenied
    func, success = MEMBER_ACTIONS[action]
    kwargs = {"actor": request.user, "member": member}
    if action == "remove":
        form = DecisionForm(request.POST)
        kwargs["reason"] = form.cleaned_data["reason"] if form.is_valid() else ""
    organisation = member.organisation
    domain_call(request, func, success=success(), **kwargs)
    if organisation and request.user.has_perm("core.manage_members", organisation):
        return redirect("core:organisation_members", slug=organisation.slug)
    return redirect("core:account")
