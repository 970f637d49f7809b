"""Imports run in the background: start, read, commit.

Why: an import writes each row through the same domain functions as the forms, about 10–40 ms a
row (``benchmarks/bench_import.py``), so a catalogue of thousands of rows takes minutes, longer
than a web worker may spend on one request (``LINTAS_SERVE_TIMEOUT``). The page and the API
therefore store the uploaded file, create an :class:`ImportJob` and queue the task
``lintas.catalogue.run_import_job``; the person reads the job (the page refreshes itself until it
has finished). With eager Celery (no broker configured) the job has finished by the time the
answer is sent.

The file waits in the default storage under ``imports/`` (never served by any route) until the
commit has run, or is deleted at once when the dry run found problems; files nobody committed
are deleted after :data:`KEEP_SECONDS`. A job and its file belong to the person who uploaded it.

A commit job runs the whole import inside one transaction that also marks the job finished,
with the job's row locked: a worker killed midway leaves nothing behind and the redelivered task
(late acknowledgement) runs it again; a duplicate delivery finds the job finished and does
nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lintas.catalogue.domain.datasets import DATASETS
from lintas.catalogue.models import ImportJob
from lintas.catalogue.models.import_job import ImportJobStatus
from lintas.core.domain.transfer import run_import

log = logging.getLogger(__name__)
FOLDER = "imports"
KEEP_SECONDS = 24 * 3600


def size_message(size: int) -> str | None:
    """Why a file of ``size`` bytes is refused, or None."""
    if size <= settings.MAX_UPLOAD_BYTES:
        return None
    return _("The file is %(size)s MB; at most %(max)s MB are accepted.") % {
        "size": round(size / (1024 * 1024), 1),
        "max": settings.MAX_UPLOAD_BYTES // (1024 * 1024),
    }


def _queue(job: ImportJob) -> None:
    from lintas.catalogue.tasks import run_import_job

    transaction.on_commit(lambda: run_import_job.delay(job.pk))


def clean_old_files() -> int:
    """Delete uploaded files older than KEEP_SECONDS (previews nobody committed)."""
    cutoff = timezone.now() - dt.timedelta(seconds=KEEP_SECONDS)
    removed = 0
    for job in ImportJob.objects.filter(created_at__lt=cutoff).exclude(stored=""):
        default_storage.delete(job.stored)
        ImportJob.objects.filter(stored=job.stored).update(stored="")
        removed += 1
    return removed


@transaction.atomic
def start(*, user, dataset: str, data: bytes, filename: str, dry_run: bool = True) -> ImportJob:
    """Store the file and queue its import (a dry run unless ``dry_run`` is False)."""
    chosen = DATASETS.get(dataset)
    if chosen is None:
        raise ValidationError(_("Choose what the file holds."))
    if not user.has_perm(chosen.permission):
        raise PermissionDenied(_("You may not import %(what)s.") % {"what": chosen.label})
    refusal = size_message(len(data))
    if refusal:
        raise ValidationError(refusal)
    clean_old_files()
    stored = default_storage.save(f"{FOLDER}/{secrets.token_hex(16)}.upload", ContentFile(data))
    job = ImportJob.objects.create(
        dataset=dataset, filename=filename[:200], stored=stored, user=user, dry_run=dry_run
    )
    _queue(job)
    return job


@transaction.atomic
def commit(*, user, job: ImportJob) -> ImportJob:
    """Import for real the file a finished dry run found in order (once: a second call returns
    the commit already started)."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.user_id != user.pk:
        raise PermissionDenied(_("Only the person who uploaded the file imports it."))
    existing = job.commits.order_by("id").first()
    if existing is not None:
        return existing
    if not job.can_commit:
        raise ValidationError(_("Only a checked file without problems can be imported."))
    if not job.stored or not default_storage.exists(job.stored):
        raise ValidationError(_("This file was imported already or has expired; upload it again."))
    commit_job = ImportJob.objects.create(
        dataset=job.dataset,
        filename=job.filename,
        stored=job.stored,
        user=user,
        dry_run=False,
        checked=job,
    )
    _queue(commit_job)
    return commit_job


def run(job_id: int) -> str:
    """The task's body: run the job once and store its report. Returns the status."""
    with transaction.atomic():
        try:
            job = ImportJob.objects.select_for_update().select_related("user").get(pk=job_id)
        except ImportJob.DoesNotExist:
            return "gone"
        if job.finished:
            return job.status
        with translation.override(job.user.language or settings.LANGUAGE_CODE):
            _run(job)
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "report", "error", "finished_at", "stored"])
    return job.status


def _run(job: ImportJob) -> None:
    try:
        if not job.stored:
            raise FileNotFoundError(job.pk)
        with default_storage.open(job.stored, "rb") as handle:
            data = handle.read()
    except OSError:
        job.status, job.error = (
            ImportJobStatus.FAILED,
            _("This file was imported already or has expired; upload it again."),
        )
        return
    try:
        report = run_import(
            dataset=DATASETS[job.dataset],
            actor=job.user,
            data=data,
            filename=job.filename,
            dry_run=job.dry_run,
        )
    except ValidationError as error:
        job.status, job.error = ImportJobStatus.FAILED, " ".join(error.messages)
    except PermissionDenied as error:
        job.status, job.error = ImportJobStatus.FAILED, str(error)
    else:
        job.status, job.report = ImportJobStatus.DONE, report.as_dict()
        log.info(
            "import job %s: %s %s, %s rows, %s problems, committed=%s",
            job.pk, job.dataset, "dry run" if job.dry_run else "commit", report.rows,
            len(report.problems), report.committed,
        )  # fmt: skip
    keep = job.status == ImportJobStatus.DONE and job.dry_run and job.can_commit
    if not keep:
        stored = job.stored
        transaction.on_commit(lambda: default_storage.delete(stored))
        job.stored = ""
        if job.checked_id:
            ImportJob.objects.filter(pk=job.checked_id).update(stored="")
