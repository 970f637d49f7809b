"""Pages of the network-wide match view: the list, the actions on a match, manual matches."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.brokerage.domain import matches
from lintas.brokerage.forms import DeclineForm, ManualMatchForm, MatchFilter
from lintas.matching.models import Match

PAGE_SIZE = 20


def _require(request):
    if not request.user.has_perm("brokerage.act_on_matches"):
        raise PermissionDenied


@login_required
def match_list(request):
    _require(request)
    form = MatchFilter(request.GET or None)
    qs = matches.network_matches(**form.filters())
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "brokerage/matches.html",
        {
            "form": form,
            "page": page,
            "params": params.urlencode(),
            "decline_form": DeclineForm(),
            "back": request.get_full_path(),
        },
    )


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "brokerage:matches"


@login_required
@require_POST
def match_action(request, pk, action):
    _require(request)
    match = get_object_or_404(Match.objects.select_related("offer", "need"), pk=pk)
    user, post = request.user, request.POST
    try:
        if action == "introduce":
            deal = matches.introduce(user=user, match=match, message=post.get("message", ""))
            messages.success(
                request, _("Introduction started: both sides are asked to accept (deal #%(id)s).")
                % {"id": deal.pk},
            )  # fmt: skip
            return redirect(deal)
        if action in ("pin", "unpin"):
            matches.pin(user=user, match=match, pinned=action == "pin")
            messages.success(request, _("Pinned.") if action == "pin" else _("Unpinned."))
        elif action == "dismiss":
            matches.dismiss(user=user, match=match, code=post.get("reason", ""),
                            text=post.get("reason_text", ""))  # fmt: skip
            messages.success(
                request, _("Dismissed. Use “Undo” on the dismissed list to bring it back.")
            )
        elif action == "restore":
            matches.restore(user=user, match=match)
            messages.success(request, _("The match is back."))
        elif action == "note":
            matches.add_note(user=user, match=match, text=post.get("text", ""))
            messages.success(request, _("Note added."))
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_back(request))


@login_required
def manual_match(request):
    _require(request)
    form = ManualMatchForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                match = matches.manual_match(
                    user=request.user,
                    offer=form.cleaned_data["offer"],
                    need=form.cleaned_data["need"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(
                    request, _("Match saved: both owners see it, marked as suggested by a broker.")
                )
                return redirect(f"{match.need.get_absolute_url()}#matches")
        status = 400
    return render(request, "brokerage/manual_match.html", {"form": form}, status=status)
