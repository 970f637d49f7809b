"""Reviewer pages: score an assigned application, declare a conflict."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.core.pages import domain_call
from lintas.programmes.domain import review as review_domain
from lintas.programmes.forms import ConflictForm, ReviewForm
from lintas.programmes.models import Application, Review


@login_required
def review_form(request, pk):
    review = get_object_or_404(
        Review.objects.select_related("application__call", "application__applicant"), pk=pk
    )
    if review.reviewer_id != request.user.pk:
        raise Http404
    criteria = review.application.call.criteria_list
    initial = {f"score_{k}": v for k, v in review.scores.items()} | {"comment": review.comment}
    form = ReviewForm(request.POST or None, criteria=criteria, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and domain_call(
            request,
            review_domain.submit_review,
            form=form,
            success=_("Thank you: your review has been saved."),
            user=request.user,
            review=review,
            scores=form.scores(),
            comment=form.cleaned_data["comment"],
        )
    ):
        return redirect("programmes:mine")
    return render(
        request,
        "programmes/review.html",
        {
            "review": review,
            "application": review.application,
            "form": form,
            "conflict_form": ConflictForm(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def declare_conflict(request, pk):
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    form = ConflictForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say briefly why there is a conflict."))
        return redirect("programmes:mine")
    domain_call(
        request,
        review_domain.declare_conflict,
        success=_("Conflict recorded; you will not review this application."),
        user=request.user,
        application=application,
        reason=form.cleaned_data["reason"],
    )
    return redirect("programmes:mine")
