"""Pages for revisions: the brokers' review queue, one revision, accept and reject."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.catalogue.domain import revision_diff, revisions
from lintas.catalogue.forms import RejectRevisionForm
from lintas.catalogue.models import Revision
from lintas.core.pages import domain_call


def _items(queryset):
    names = revision_diff.sector_names()
    return [(r, revision_diff.field_changes(r, names)) for r in queryset]


@login_required
def revision_queue(request):
    if not request.user.has_perm("catalogue.review_revision"):
        raise PermissionDenied
    items = _items(revisions.queue())
    stale = sum(1 for revision, _changes in items if revision.is_stale)
    return render(
        request,
        "catalogue/revision_queue.html",
        {"items": items, "stale": stale, "reject_form": RejectRevisionForm()},
    )


@login_required
def revision_detail(request, pk):
    revision = get_object_or_404(revisions.visible_to(request.user), pk=pk)
    if not request.user.has_perm("catalogue.view_revision", revision):
        raise Http404
    [(revision, changes)] = _items([revision])
    return render(
        request,
        "catalogue/revision_detail.html",
        {
            "revision": revision,
            "changes": changes,
            "can_review": request.user.has_perm("catalogue.review_revision", revision),
            "reject_form": RejectRevisionForm(),
        },
    )


@login_required
@require_POST
def revision_decide(request, pk, decision):
    revision = get_object_or_404(Revision.objects.select_related("profile"), pk=pk)
    if decision == "accept":
        action = lambda: revisions.accept(user=request.user, revision=revision)  # noqa: E731
    elif decision == "reject":
        form = RejectRevisionForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        action = lambda: revisions.reject(  # noqa: E731
            user=request.user, revision=revision, reason=reason
        )
    else:
        raise Http404
    if decision == "accept":
        done = _("Accepted: the new text is published.")
    else:
        done = _("Rejected. The author has been told why.")
    domain_call(request, action, success=done)
    if request.POST.get("next") == "queue":
        return redirect("catalogue:revisions")
    return redirect(revision.get_absolute_url())
