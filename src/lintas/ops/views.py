"""The import and export page (/data/): brokers upload a file and read the dry run's report,
then commit; everyone downloads what they may export, and the templates.

Imports run in the background (:mod:`lintas.catalogue.domain.import_jobs`): an upload creates a
job and the page of the job refreshes itself until it has finished.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from lintas.catalogue.domain import datasets as transfer
from lintas.catalogue.domain import import_jobs
from lintas.catalogue.models import ImportJob
from lintas.core.domain.transfer import template
from lintas.core.pages import domain_call
from lintas.core.tabular import CONTENT_TYPES, FORMATS
from lintas.ops.forms import ImportForm

REFRESH_SECONDS = 2


def importable(user) -> list[str]:
    return [name for name, ds in transfer.DATASETS.items() if user.has_perm(ds.permission)]


def _context(request, **extra) -> dict:
    user = request.user
    names = importable(user)
    return {
        "datasets": [
            {
                "name": name,
                "label": dataset.label,
                "columns": dataset.columns,
                "exportable": transfer.can_export(user, name),
                "importable": name in names,
            }
            for name, dataset in transfer.DATASETS.items()
        ],
        "formats": FORMATS,
        "staff_export": user.has_perm("catalogue.export_all_profiles"),
        "form": extra.pop("form", None) or (ImportForm(datasets=names) if names else None),
        "max_mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024),
        "jobs": (
            ImportJob.objects.filter(user=user)[:5] if user.is_authenticated and names else []
        ),
        **extra,
    }


def index(request):
    """What this person may take out, and, for brokers, the import form and their last imports."""
    return render(request, "ops/transfer.html", _context(request))


@login_required
@require_POST
def upload(request):
    """Store the file and start its dry run; the job's page shows the report."""
    names = importable(request.user)
    if not names:
        raise PermissionDenied
    form = ImportForm(request.POST, request.FILES, datasets=names)
    if form.is_valid():
        handle = form.cleaned_data["file"]
        outcome = domain_call(
            request,
            import_jobs.start,
            form=form,
            field="file",
            user=request.user,
            dataset=form.cleaned_data["dataset"],
            data=handle.read(),
            filename=handle.name,
        )
        if outcome:
            return redirect(outcome.value)
    return render(request, "ops/transfer.html", _context(request, form=form), status=400)


@login_required
def job(request, pk: int):
    """A job's report: the dry run with its problems or the button to import, or the result."""
    found = get_object_or_404(ImportJob, pk=pk)
    if not request.user.has_perm("catalogue.view_import_job", found):
        raise Http404
    committed = found.commits.order_by("id").first() if found.dry_run else None
    response = render(
        request,
        "ops/preview.html",
        {
            "job": found,
            "report": found.report,
            "dataset": transfer.DATASETS[found.dataset],
            "commit_job": committed,
            "refresh": REFRESH_SECONDS if not found.finished else None,
        },
    )
    return response


@login_required
@require_POST
def commit(request, pk: int):
    """Import the file this dry run checked, all rows or none."""
    found = get_object_or_404(ImportJob, pk=pk)
    if not request.user.has_perm("catalogue.view_import_job", found):
        raise Http404
    outcome = domain_call(request, import_jobs.commit, user=request.user, job=found)
    return redirect(outcome.value if outcome else found)


def _file(data: bytes, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def download(request, dataset: str, fmt: str):
    """The export of ``dataset`` this person may take out (profiles: ``?kind=offer|need``)."""
    if dataset not in transfer.DATASETS or fmt not in FORMATS:
        raise Http404
    if not transfer.can_export(request.user, dataset):
        raise PermissionDenied
    kind = request.GET.get("kind") if request.GET.get("kind") in ("offer", "need") else None
    data = transfer.export(user=request.user, name=dataset, fmt=fmt, kind=kind)
    return _file(data, transfer.filename(dataset, fmt), fmt)


def template_file(request, dataset: str, fmt: str):
    """The empty template of ``dataset``, every column (the XLSX one explains each)."""
    if dataset not in transfer.DATASETS or fmt not in FORMATS:
        raise Http404
    data = template(transfer.DATASETS[dataset], fmt)
    return _file(data, transfer.filename(dataset, fmt, template=True), fmt)
