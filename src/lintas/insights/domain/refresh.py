"""Keep the summary within a minute of the records: debounced, coalesced refreshes.

Domain functions that change what a figure counts call ``core.domain.refresh.schedule_refresh``
with a topic; after commit core sends ``core.signals.data_changed`` and :func:`request` (called
by ``insights/receivers.py``) records the topic in ``PendingRefresh``. The first write of a topic
creates its row and queues :func:`run_due` through Celery ``DELAY_SECONDS`` later; writes in the
meantime find the row and queue nothing, so a burst causes one refresh. ``run_due`` takes every
pending topic (deleting the rows *before* reading the records, so a write that commits later
queues its own refresh) and rebuilds only the figures those topics feed
(``summary.refresh_figures``). The hourly full rebuild stays as a safety net (and brings in
records whose date has come, such as a meeting slot that has just ended).

Without a Celery broker (tasks run eagerly) each write refreshes at once, in the request.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from lintas.insights.domain import figures, summary
from lintas.insights.models import PendingRefresh

DELAY_SECONDS = 20

ALL = tuple(figures.FIGURES)
# topic -> (figures it feeds, whether the funnel rows are rebuilt too)
TOPICS: dict[str, tuple[tuple[str, ...], bool]] = {
    "publications": (("promoted",), True),
    # A published profile's sectors, organisation or broker: any figure's dimensions.
    "profiles": (ALL, True),
    "organisations": (ALL, False),
    "matches": (("matches",), True),
    "deals": (("interests", "introductions", "enterprises"), True),
    "agreements": (("agreements", "enterprises"), True),
    "meetings": (("meetings", "enterprises"), False),
    "participants": (("promoted",), False),
    "consultations": (("consulted",), False),
    "declines": (("declines",), False),
    "campaigns": (("campaign_interests",), False),
    "competitions": (("competition_entries",), False),
}


def affected(topics) -> tuple[list[str], bool]:
    keys: set[str] = set()
    rebuild_funnel = False
    for topic in topics:
        fed, funnel_rows = TOPICS[topic]
        keys.update(fed)
        rebuild_funnel = rebuild_funnel or funnel_rows
    return [k for k in figures.FIGURES if k in keys], rebuild_funnel


def request(*, topics=()) -> bool:
    """Note the topics a committed write changed; queue one refresh if none is pending.
    Returns whether a refresh was queued."""
    from lintas.insights import tasks

    now = timezone.now()
    created = False
    for topic in topics:
        if topic not in TOPICS:
            continue
        try:
            with transaction.atomic():
                _row, new = PendingRefresh.objects.get_or_create(
                    topic=topic, defaults={"since": now}
                )
        except IntegrityError:  # another writer created it between our get and create
            new = False
        created = created or new
    if created:
        tasks.refresh_due.apply_async(countdown=DELAY_SECONDS)
    return created


def run_due():
    """Refresh the figures of every pending topic (the Celery task's body). Returns the summary
    run, or None if another task already took the topics."""
    with transaction.atomic():
        topics = list(PendingRefresh.objects.select_for_update().values_list("topic", flat=True))
        PendingRefresh.objects.filter(topic__in=topics).delete()
    if not topics:
        return None
    keys, rebuild_funnel = affected(topics)
    return summary.refresh_figures(keys, funnel_rows=rebuild_funnel)
