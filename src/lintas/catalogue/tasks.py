"""Catalogue Celery tasks."""

from celery import shared_task


@shared_task(name="lintas.catalogue.expire_and_remind")
def expire_and_remind() -> dict:
    """Daily: expire profiles past their date and remind owners before expiry."""
    from lintas.catalogue.domain import lifecycle

    return {"expired": lifecycle.expire_due(), "reminded": lifecycle.send_renewal_reminders()}
