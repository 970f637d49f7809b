"""Reviewer assignment and host matching as background runs with a progress page.

Why: at demo size they take seconds inside a request (2.5–6.6 s measured), more on a busy
machine. ``start_run`` records an ``AssignmentRun`` and queues the task after commit (so a
real worker finds the row); the task calls ``execute``, which writes the stage and progress
as it goes and, at the end, the report or the reason nothing could be assigned.
"""

from __future__ import annotations

import logging

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from lintas.programmes.domain import hosts, review
from lintas.programmes.enums import RunKind, RunStatus
from lintas.programmes.models import AssignmentRun

log = logging.getLogger(__name__)


@transaction.atomic
def start_run(*, user, call, kind: str) -> AssignmentRun:
    """Queue a run unless one of the same kind is already waiting or running for the call."""
    if not rules.has_perm("programmes.manage_programmes", user):
        raise PermissionDenied(_("Only programme officers can assign reviewers or hosts."))
    if kind not in RunKind.values:
        raise ValidationError(_("Unknown kind of run."))
    busy = AssignmentRun.objects.filter(
        call=call, kind=kind, status__in=(RunStatus.QUEUED, RunStatus.RUNNING)
    ).first()
    if busy is not None:
        return busy
    run = AssignmentRun.objects.create(
        call=call, kind=kind, requested_by=user, stage=_("Waiting for a worker")
    )
    from lintas.programmes import tasks

    transaction.on_commit(lambda: tasks.run_assignment.delay(run.pk))
    return run


def _progress(run_id: int):
    def tell(percent: int, stage: str) -> None:
        AssignmentRun.objects.filter(pk=run_id).update(progress=percent, stage=str(stage)[:200])

    return tell


def execute(run: AssignmentRun) -> AssignmentRun:
    """Do the run's work as the officer who asked, in their language, and record the outcome.
    A domain refusal (nothing to assign, no feasible assignment) is an outcome, not a crash."""
    if run.finished:
        return run
    user = run.requested_by
    AssignmentRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started_at=timezone.now()
    )
    tell = _progress(run.pk)
    language = getattr(user, "language", "") or "en"
    with override(language):
        try:
            if user is None:
                raise PermissionDenied(_("The officer who asked for this run is gone."))
            if run.kind == RunKind.REVIEWERS:
                report = review.assign_reviewers_report(user=user, call=run.call, progress=tell)
            else:
                report = hosts.match_hosts_report(user=user, call=run.call, progress=tell)
                report.pop("placements")
        except (ValidationError, PermissionDenied) as error:
            messages = getattr(error, "messages", None) or [str(error)]
            AssignmentRun.objects.filter(pk=run.pk).update(
                status=RunStatus.FAILED,
                finished_at=timezone.now(),
                progress=100,
                stage=_("Could not finish"),
                error=" ".join(messages),
                result={"assigned": [], "unassigned": getattr(error, "unassigned", [])},
            )
            log.info("assignment run %s failed: %s", run.pk, messages)
        else:
            AssignmentRun.objects.filter(pk=run.pk).update(
                status=RunStatus.DONE,
                finished_at=timezone.now(),
                progress=100,
                stage=_("Finished"),
                result=report,
            )
    run.refresh_from_db()
    return run
