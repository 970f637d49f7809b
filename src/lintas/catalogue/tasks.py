"""Catalogue Celery tasks."""

from celery import shared_task


@shared_task(name="lintas.catalogue.expire_and_remind")
def expire_and_remind() -> dict:
    """Daily: expire profiles past their date and remind owners before expiry."""
    from lintas.catalogue.domain import lifecycle

    return {"expired": lifecycle.expire_due(), "reminded": lifecycle.send_renewal_reminders()}


@shared_task(name="lintas.catalogue.send_search_alerts")
def send_search_alerts(frequency: str = "daily") -> dict:
    """Daily and weekly (beat): new results of saved searches, by e-mail and in the bell."""
    from lintas.catalogue.domain import saved_searches

    return saved_searches.send_alerts(frequency=frequency)


@shared_task(name="lintas.catalogue.run_import_job")
def run_import_job(job_id: int) -> str:
    """Run one import (dry run or commit) of an uploaded file; idempotent (a finished job is
    left alone), so a redelivered task after a killed worker is safe."""
    from lintas.catalogue.domain import import_jobs

    return import_jobs.run(job_id)
