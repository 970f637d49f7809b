"""Judges: their entries in a stage (for the final in pitch order, the one pitching now
first), the score form (one column, fits a phone) and declaring a conflict."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.competitions.domain import final, judging
from lintas.competitions.forms import score_form
from lintas.competitions.models import Assignment, Entry, Stage
from lintas.core.pages import domain_call


@login_required
def my_entries(request, pk):
    stage = get_object_or_404(Stage.objects.select_related("competition"), pk=pk)
    if not request.user.has_perm("competitions.judge_stage", stage):
        raise PermissionDenied
    mine = list(
        Assignment.objects.filter(stage=stage, judge__talent__user=request.user).select_related(
            "entry__group", "entry__field__sector", "score"
        )
    )
    slots = {s.entry_id: s for s in final.schedule(stage)} if stage.is_final else {}
    now = timezone.now()
    rows = []
    for a in mine:
        slot = slots.get(a.entry_id)
        rows.append({"assignment": a, "slot": slot,
                     "now": bool(slot and slot.starts_at <= now < slot.ends_at)})  # fmt: skip
    rows.sort(
        key=lambda r: (
            not r["now"],
            r["slot"] is None,
            r["slot"].starts_at.timestamp() if r["slot"] else 0.0,
            r["assignment"].entry.number,
        )
    )
    return render(request, "competitions/judge.html", {"stage": stage, "rows": rows})


@login_required
def score(request, pk):
    assignment = get_object_or_404(
        Assignment.objects.select_related("stage__competition", "entry__field__sector",
                                          "judge__talent"), pk=pk,
    )  # fmt: skip
    if assignment.judge.talent.user_id != request.user.pk:
        raise PermissionDenied
    existing = getattr(assignment, "score", None)
    initial = {**(existing.values if existing else {}),
               "comment": existing.comment if existing else ""}  # fmt: skip
    form = score_form(assignment.stage, data=request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "comment"}
        done = domain_call(
            request,
            judging.submit_score,
            form=form,
            success=_("Score saved."),
            user=request.user,
            assignment=assignment,
            values=values,
            comment=form.cleaned_data.get("comment", ""),
        )
        if done:
            return redirect("competitions:judge", pk=assignment.stage_id)
    return render(
        request,
        "competitions/score.html",
        {
            "assignment": assignment,
            "entry": assignment.entry,
            "form": form,
            "can_score": request.user.has_perm("competitions.score_assignment", assignment),
        },
    )


@login_required
@require_POST
def declare_conflict(request, pk):
    entry = get_object_or_404(Entry, pk=pk)
    if not request.user.has_perm("competitions.declare_conflict", entry):
        raise Http404
    domain_call(
        request,
        judging.declare_conflict,
        success=_("Conflict declared; the entry has been taken off your list."),
        user=request.user,
        entry=entry,
        reason=request.POST.get("reason", ""),
    )
    return redirect("competitions:mine")
