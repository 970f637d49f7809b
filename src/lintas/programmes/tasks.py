"""Celery tasks of programmes: take ids, return quietly when the object is gone, call the domain."""

from __future__ import annotations

import logging

from celery import shared_task

log = logging.getLogger(__name__)


@shared_task(name="lintas.programmes.run_assignment")
def run_assignment(run_id: int) -> str | None:
    """Reviewer assignment or host matching for one ``AssignmentRun`` (domain/runs.py)."""
    from lintas.programmes.domain.runs import execute
    from lintas.programmes.models import AssignmentRun

    run = AssignmentRun.objects.select_related("call", "requested_by").filter(pk=run_id).first()
    if run is None:
        log.info("run_assignment: run %s is gone", run_id)
        return None
    return execute(run).status
