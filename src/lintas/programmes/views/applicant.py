"""Applicant pages: apply, documents, submit, my programmes, my placement."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.core.files import serve_protected_file
from lintas.core.pages import domain_call
from lintas.programmes.domain import applications, calls, placements, queries
from lintas.programmes.enums import PlacementStatus
from lintas.programmes.forms import ApplicationForm, DocumentForm, ExtensionForm, ReportForm
from lintas.programmes.forms_officer import PlacementDatesForm
from lintas.programmes.models import (
    Application,
    ApplicationDocument,
    Call,
    Certificate,
    Placement,
    PlacementReport,
)


@login_required
def apply(request, slug):
    call = get_object_or_404(queries.public_calls(), slug=slug)
    application = Application.objects.filter(call=call, applicant=request.user).first()
    if application and not request.user.has_perm("programmes.change_application", application):
        return redirect(application.get_absolute_url())
    if not applications.is_open(call):
        return render(request, "programmes/apply.html", {"call": call, "closed": True}, status=400)
    form = ApplicationForm(request.POST or None, instance=application, call=call)
    if request.method == "POST" and form.is_valid():
        saved = domain_call(
            request,
            applications.save_draft,
            form=form,
            success=_("Saved. Add your documents, then submit."),
            user=request.user,
            call=call,
            data=form.domain_data(),
            preferred_hosts=form.cleaned_data["preferred_hosts"],
            application=application,
        )
        if saved:
            return redirect(saved.value.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "programmes/apply.html", {"form": form, "call": call}, status=status)


def _get_application(request, pk) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("call__programme", "applicant"), pk=pk
    )
    if not request.user.has_perm("programmes.view_application", application):
        raise Http404
    return application


@login_required
def application_detail(request, pk):
    application = _get_application(request, pk)
    is_officer = request.user.has_perm("programmes.manage_programmes")
    own = application.applicant_id == request.user.pk
    context = {
        "application": application,
        "documents": application.documents.all(),
        "can_edit": request.user.has_perm("programmes.change_application", application),
        "problems": applications.problems(application) if own else [],
        "document_form": DocumentForm(),
        "is_officer": is_officer,
        "own": own,
        "reviews": application.reviews.select_related("reviewer") if is_officer else [],
        "my_review": application.reviews.filter(reviewer=request.user).first(),
        "placement": Placement.objects.filter(application=application).first(),
        "eligibility": calls.evaluation(application) if own or is_officer else [],
        "certificate": Certificate.objects.filter(application=application).first(),
    }
    return render(request, "programmes/application.html", context)


@login_required
@require_POST
def application_document(request, pk):
    application = _get_application(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a kind and a file."))
        return redirect(application.get_absolute_url())
    domain_call(
        request,
        applications.add_document,
        success=_("Document added."),
        user=request.user,
        application=application,
        kind=form.cleaned_data["kind"],
        upload=form.cleaned_data["file"],
    )
    return redirect(application.get_absolute_url())


@login_required
@require_POST
def application_submit(request, pk):
    application = _get_application(request, pk)
    domain_call(
        request,
        applications.submit,
        success=_("Your application has been submitted."),
        user=request.user,
        application=application,
    )
    return redirect(application.get_absolute_url())


@login_required
def mine(request):
    return render(
        request,
        "programmes/mine.html",
        {
            "applications": queries.my_applications(request.user),
            "reviews": queries.my_reviews(request.user),
            "is_officer": request.user.has_perm("programmes.manage_programmes"),
        },
    )


def _get_placement(request, pk) -> Placement:
    placement = get_object_or_404(queries.placements(), pk=pk)
    if not request.user.has_perm("programmes.view_placement", placement):
        raise Http404
    return placement


@login_required
def placement_detail(request, pk):
    placement = _get_placement(request, pk)
    own = placement.application.applicant_id == request.user.pk
    form_report = ReportForm(prefix="report")
    form_ext = ExtensionForm(prefix="ext")
    if request.method == "POST":
        if "report-title" in request.POST:
            form_report = ReportForm(request.POST, request.FILES, prefix="report")
            if form_report.is_valid() and domain_call(
                request,
                placements.add_report,
                success=_("Report added."),
                user=request.user,
                placement=placement,
                title=form_report.cleaned_data["title"],
                upload=form_report.cleaned_data["file"],
            ):
                return redirect("programmes:placement", pk=pk)
        else:
            form_ext = ExtensionForm(request.POST, prefix="ext")
            if form_ext.is_valid() and domain_call(
                request,
                placements.request_extension,
                success=_("Extension requested."),
                user=request.user,
                placement=placement,
                new_end=form_ext.cleaned_data["new_end"],
                reason=form_ext.cleaned_data["reason"],
            ):
                return redirect("programmes:placement", pk=pk)
    return render(
        request,
        "programmes/placement.html",
        {
            "placement": placement,
            "own": own,
            "is_officer": request.user.has_perm("programmes.manage_programmes"),
            "reports": placement.reports.all(),
            "extensions": placement.extensions.all(),
            "report_form": form_report,
            "extension_form": form_ext,
            "statuses": PlacementStatus.choices,
            "dates_form": PlacementDatesForm(
                initial={"start": placement.start, "end": placement.end}
            ),
            "changes": placement.changes.select_related("changed_by"),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def document_file(request, pk, document):
    """An application's CV or other document, for whoever may see the application."""
    application = _get_application(request, pk)
    item = get_object_or_404(ApplicationDocument, pk=document, application=application)
    return serve_protected_file(request, item.file, item.file_name or item.get_kind_display())


@login_required
def report_file(request, pk, report):
    """A placement report, for whoever may see the placement."""
    placement = _get_placement(request, pk)
    item = get_object_or_404(PlacementReport, pk=report, placement=placement)
    return serve_protected_file(request, item.file, item.title)


def call_or_404(slug) -> Call:
    return get_object_or_404(Call.objects.select_related("programme"), slug=slug)
