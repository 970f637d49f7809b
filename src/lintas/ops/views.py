"""The import and export page (/data/): brokers upload a file, read the dry run's report, and
commit; everyone downloads what they may export, and the templates.

Between the preview and the commit the uploaded file waits in the default storage (under
``imports/``, never served by any route) and the page carries a signed token naming it, the
dataset and the person; the commit re-reads it and imports it for real, checking everything
again (the database may have changed since the preview). The file is deleted after the commit,
and files left by previews nobody committed are deleted after a day.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lintas.catalogue.domain import datasets as transfer
from lintas.core.domain.transfer import run_import, template
from lintas.core.tabular import CONTENT_TYPES, FORMATS
from lintas.ops.forms import ImportForm

PENDING_FOLDER = "imports"
TOKEN_SALT = "lintas.ops.import"
TOKEN_MAX_AGE = 24 * 3600


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
        **extra,
    }


def index(request):
    """What this person may take out, and, for brokers, the import form."""
    return render(request, "ops/transfer.html", _context(request))


def _clean_old_pending() -> None:
    try:
        _dirs, files = default_storage.listdir(PENDING_FOLDER)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - dt.timedelta(seconds=TOKEN_MAX_AGE)
    for name in files:
        path = f"{PENDING_FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
        except (FileNotFoundError, NotImplementedError):
            continue


@login_required
@require_POST
def upload(request):
    """The dry run: read the uploaded file, import it inside a transaction that is rolled back,
    and show every problem; keep the file for the commit when there is none."""
    names = importable(request.user)
    if not names:
        raise PermissionDenied
    form = ImportForm(request.POST, request.FILES, datasets=names)
    if not form.is_valid():
        return render(request, "ops/transfer.html", _context(request, form=form), status=400)
    dataset = transfer.DATASETS[form.cleaned_data["dataset"]]
    upload = form.cleaned_data["file"]
    data = upload.read()
    try:
        report = run_import(
            dataset=dataset, actor=request.user, data=data, filename=upload.name, dry_run=True
        )
    except ValidationError as error:
        form.add_error("file", " ".join(error.messages))
        return render(request, "ops/transfer.html", _context(request, form=form), status=400)
    token = ""
    if report.ok and report.accepted:
        _clean_old_pending()
        stored = default_storage.save(
            f"{PENDING_FOLDER}/{secrets.token_hex(16)}.upload", ContentFile(data)
        )
        token = signing.dumps(
            {"path": stored, "dataset": dataset.name, "user": request.user.pk, "name": upload.name},
            salt=TOKEN_SALT,
        )
    return render(
        request,
        "ops/preview.html",
        {"report": report, "dataset": dataset, "filename": upload.name, "token": token},
        status=200 if report.ok else 400,
    )


@login_required
@require_POST
def commit(request):
    """Import the file the preview checked, all rows or none."""
    try:
        pending = signing.loads(
            request.POST.get("token", ""), salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE
        )
    except signing.BadSignature:
        messages.error(request, _("This preview has expired; upload the file again."))
        return redirect("ops:transfer")
    if pending.get("user") != request.user.pk:
        raise PermissionDenied
    dataset = transfer.DATASETS[pending["dataset"]]
    try:
        with default_storage.open(pending["path"], "rb") as stored:
            data = stored.read()
    except FileNotFoundError:
        messages.error(
            request, _("This file was imported already or has expired; upload it again.")
        )
        return redirect("ops:transfer")
    report = run_import(
        dataset=dataset, actor=request.user, data=data, filename=pending["name"], dry_run=False
    )
    if not report.ok:
        return render(
            request,
            "ops/preview.html",
            {"report": report, "dataset": dataset, "filename": pending["name"], "token": ""},
            status=400,
        )
    default_storage.delete(pending["path"])
    messages.success(
        request,
        _("%(count)s rows of %(name)s imported.")
        % {"count": len(report.accepted), "name": pending["name"]},
    )
    return redirect("ops:transfer")


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
