import logging

from celery import shared_task

log = logging.getLogger("lintas.brokerage")


@shared_task(name="lintas.brokerage.mark_stalled_deals")
def mark_stalled_deals() -> int:
    """Daily: deals idle for STALLED_DEAL_DAYS become stalled; their brokers get a reminder."""
    from lintas.brokerage.domain.deals import mark_stalled

    count = mark_stalled()
    log.info("marked %d deals stalled", count)
    return count
