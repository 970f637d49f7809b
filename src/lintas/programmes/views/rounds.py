"""Officers run a round: background assignment runs and their progress and result pages,
decisions with a confirmation step, certificates, placements' dates."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.core.pages import domain_call
from lintas.programmes.domain import certificates, placements, review, runs
from lintas.programmes.enums import RunKind
from lintas.programmes.forms_officer import DecisionForm, PlacementDatesForm
from lintas.programmes.models import (
    Application,
    AssignmentRun,
    Call,
    Certificate,
    Participant,
    Placement,
)
from lintas.programmes.views.officer import officer_required


def _start(request, slug, kind):
    call = get_object_or_404(Call, slug=slug)
    started = domain_call(request, runs.start_run, user=request.user, call=call, kind=kind)
    if not started:
        return redirect("programmes:manage", slug=slug)
    return redirect(started.value)


@officer_required
@require_POST
def assign_reviewers(request, slug):
    return _start(request, slug, RunKind.REVIEWERS)


@officer_required
@require_POST
def match_hosts(request, slug):
    return _start(request, slug, RunKind.HOSTS)


@officer_required
def run_detail(request, pk):
    """Progress while the run works (the page reloads itself every two seconds, no script),
    then the result: what was assigned with why, each reviewer's or host's load, what
    changed since the last run, and what could not be assigned with the reason."""
    run = get_object_or_404(AssignmentRun.objects.select_related("call", "requested_by"), pk=pk)
    return render(
        request,
        "programmes/run.html",
        {
            "run": run,
            "call": run.call,
            "previous": run.call.runs.filter(kind=run.kind, pk__lt=run.pk).first(),
        },
    )


@officer_required
@require_POST
def decisions(request, slug):
    """Step 1 (no ``confirm``): the preview of each applicant's e-mail; step 2: decide."""
    call = get_object_or_404(Call.objects.select_related("programme"), slug=slug)
    form = DecisionForm(request.POST, call=call)
    if not form.is_valid():
        messages.error(request, _("Choose a decision and at least one application."))
        return redirect("programmes:manage", slug=slug)
    chosen = (
        Application.objects.filter(call=call, pk__in=form.cleaned_data["applications"])
        .select_related("applicant", "call")
        .prefetch_related("reviews")
        .order_by("full_name")
    )
    decision = form.cleaned_data["decision"]
    if request.POST.get("confirm") == "1":
        done = domain_call(
            request,
            review.decide_batch,
            user=request.user,
            applications=chosen,
            decision=decision,
            override_reason=form.cleaned_data["override_reason"],
        )
        if done:
            messages.success(
                request,
                _("%(n)d decisions saved; the applicants are being told by e-mail.")
                % {"n": len(done.value)},
            )
            return redirect("programmes:manage", slug=slug)
    rows = review.preview_decisions(user=request.user, applications=chosen, decision=decision)
    return render(
        request,
        "programmes/decisions.html",
        {
            "call": call,
            "rows": rows,
            "decision": decision,
            "decision_label": dict(form.fields["decision"].choices)[decision],
            "any_unreviewed": any(r["needs_override"] for r in rows),
            "any_refused": any(r["refused"] for r in rows),
            "override_reason": form.cleaned_data["override_reason"],
        },
    )


@officer_required
@require_POST
def certificate_issue(request, pk):
    application = get_object_or_404(Application.objects.select_related("call__programme"), pk=pk)
    done = domain_call(
        request,
        certificates.issue_for_application,
        user=request.user,
        application=application,
    )
    if done:
        messages.success(request, _("Certificate %s issued.") % done.value.number)
    return redirect(application.get_absolute_url())


@officer_required
@require_POST
def trainee_certificate_issue(request, pk):
    participant = get_object_or_404(Participant.objects.select_related("programme"), pk=pk)
    done = domain_call(
        request, certificates.issue_for_trainee, user=request.user, participant=participant
    )
    if done:
        messages.success(request, _("Certificate %s issued.") % done.value.number)
    return redirect("programmes:certificate", pk=pk)


@officer_required
def certificate_list(request):
    return render(
        request,
        "programmes/certificates.html",
        {"certificates": Certificate.objects.select_related("programme")},
    )


@officer_required
@require_POST
def certificate_revoke(request, number):
    item = get_object_or_404(Certificate, number=number)
    domain_call(
        request,
        certificates.revoke,
        success=_("Certificate revoked."),
        user=request.user,
        certificate=item,
        reason=request.POST.get("reason", ""),
    )
    return redirect(item.get_absolute_url())


def certificate_verify(request, number):
    """Public: anyone holding the paper (or scanning its QR code) checks it here."""
    item = certificates.lookup(number)
    if item is None:
        raise Http404
    return render(
        request,
        "programmes/certificate_verify.html",
        {
            "certificate": item,
            "qr": mark_safe(certificates.qr_svg(item)),  # noqa: S308 - segno's own SVG
            "url": certificates.verification_url(item),
            "is_officer": request.user.has_perm("programmes.manage_programmes"),
        },
    )


@officer_required
@require_POST
def placement_dates(request, pk):
    placement = get_object_or_404(Placement, pk=pk)
    form = PlacementDatesForm(request.POST)
    if form.is_valid():
        domain_call(
            request,
            placements.change_dates,
            success=_("Dates changed."),
            user=request.user,
            placement=placement,
            **form.cleaned_data,
        )
    else:
        messages.error(
            request,
            format_html("{}", " ".join(str(e) for errs in form.errors.values() for e in errs)),
        )
    return redirect("programmes:placement", pk=pk)
