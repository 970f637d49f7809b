"""Webhook deliveries, sent by Celery: late acknowledgement (a killed worker's delivery is
sent again; receivers de-duplicate by ``X-Lintas-Delivery``) and retries with back-off."""

import logging

from celery import shared_task

from lintas.integrations.domain import webhooks
from lintas.integrations.enums import DeliveryStatus
from lintas.integrations.models import Delivery

logger = logging.getLogger(__name__)


@shared_task(name="lintas.integrations.deliver", bind=True, acks_late=True, max_retries=None)
def deliver(self, delivery_id: int) -> str:
    delivery = Delivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.status in (DeliveryStatus.DELIVERED, DeliveryStatus.FAILED):
        return "gone"
    if webhooks.attempt(delivery):
        return "delivered"
    if delivery.status == DeliveryStatus.FAILED:
        logger.warning(
            "webhook delivery %s to %s failed after %d attempts",
            delivery.uuid,
            delivery.webhook.url,
            delivery.attempts,
        )
        return "failed"
    # throw=False: this attempt ends normally and the retry is its own message, sent after the
    # back-off. Eager Celery (development, tests) propagates the Retry exception instead of
    # running it, so there the next attempt runs at once, in process.
    retry = self.retry(countdown=webhooks.backoff(delivery.attempts), throw=False)
    if self.request.is_eager:
        return retry.sig.apply(retries=self.request.retries + 1).result
    return "retrying"
