"""Background jobs of the insights app."""

from celery import shared_task


@shared_task(name="lintas.insights.refresh_summary")
def refresh_summary() -> int:
    """Rebuild the dashboard summary; returns the number of fact rows."""
    from lintas.insights.domain.summary import refresh_summary as refresh

    return refresh().rows


@shared_task(name="lintas.insights.refresh_due")
def refresh_due() -> int:
    """Refresh the figures that writes changed since the last refresh (queued, debounced, by
    ``insights.domain.refresh.request``); returns the number of fact rows, 0 if nothing was
    pending."""
    from lintas.insights.domain.refresh import run_due

    run = run_due()
    return run.rows if run else 0
