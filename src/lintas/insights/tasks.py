"""Background jobs of the insights app."""

from celery import shared_task


@shared_task(name="lintas.insights.refresh_summary")
def refresh_summary() -> int:
    """Rebuild the dashboard summary; returns the number of fact rows."""
    from lintas.insights.domain.summary import refresh_summary as refresh

    return refresh().rows
