"""What insights adds to lower apps through their signals (connected when InsightsConfig is
ready): writes that change a figure schedule a debounced refresh of the summary."""

from django.dispatch import receiver

from lintas.core.signals import data_changed
from lintas.insights.domain import refresh


@receiver(data_changed, dispatch_uid="insights.refresh")
def refresh_after_write(sender, topics=(), ids=None, **kwargs):
    """Note the topics (and records) a committed write changed; queue one refresh if none is
    pending."""
    refresh.request(topics=topics, ids=ids)
