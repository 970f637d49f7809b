"""Reviewer pages: score an assigned application, declare a conflict."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.programmes.domain import review as review_domain
from lintas.programmes.forms import ConflictForm, ReviewForm
from lintas.programmes.models import Application, Review
from lintas.programmes.views.common import error_text, flash_error


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
    if request.method == "POST" and form.is_valid():
        try:
            review_domain.submit_review(
                user=request.user,
                review=review,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as e:
            form.add_error(None, error_text(e))
        else:
            messages.success(request, _("Thank you: your review has been saved."))
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
    try:
        if not form.is_valid():
            raise ValidationError(_("Say briefly why there is a conflict."))
        review_domain.declare_conflict(
            user=request.user, application=application, reason=form.cleaned_data["reason"]
        )
    except ValidationError as e:
        flash_error(request, e)
    else:
        messages.success(request, _("Conflict recorded; you will not review this application."))
    return redirect("programmes:mine")
