"""Tell derived data (the insights summary) that a write changed what it is built from.

Why: the dashboard, the impact page, the home page and the API read figures from a summary so they
stay fast at 100,000 profiles; it must follow the records within a minute. Domain functions that
change what a figure counts call :func:`schedule_refresh` with the *topic* they changed
("deals", "agreements", ...). Core sits at the bottom floor and knows nothing of insights, so it
only announces the topics (and, when it knows them, the ids of the records it wrote), once the transaction
commits, through the documented signal ``core.signals.data_changed``; ``insights`` listens (``insights/receivers.py``), coalesces the
topics and queues one debounced refresh (``insights.domain.refresh``). No ``post_save`` handlers: a write
that should move a figure says so in its domain function.

Topics: ``publications`` (a profile became published), ``profiles`` (a published profile's
sectors, organisation or broker changed), ``organisations``, ``matches``, ``deals``, ``agreements``, ``meetings``,
``participants``, ``consultations`` (a talent answered one), ``declines`` (a match or an interest
was turned down), ``campaigns`` (a campaign, its offers or an interest attributed to it),
``competitions`` (an entry was submitted or its eligibility checked). A new
topic needs an entry in ``insights.domain.refresh.TOPICS``.
"""

from __future__ import annotations

from django.db import transaction

from lintas.core.signals import data_changed

TOPICS = (
    "publications",
    "profiles",
    "organisations",
    "matches",
    "deals",
    "agreements",
    "meetings",
    "participants",
    "consultations",
    "declines",
    "campaigns",
    "competitions",
)


def schedule_refresh(*topics: str, ids=None) -> None:
    """Announce, when the current transaction commits (at once outside one), that records of
    ``topics`` changed. ``ids``: the primary keys of the records written (of the one topic
    named: profiles for "publications" and "profiles", organisations, matches, deals,
    agreements, meetings), so only the summary rows built from them are replaced; without
    them, every figure the topic feeds is rebuilt. A rolled-back write announces nothing."""
    unknown = set(topics) - set(TOPICS)
    if unknown:
        raise ValueError(f"unknown refresh topics: {sorted(unknown)}")
    if ids is not None:
        if len(topics) != 1:
            raise ValueError("ids name the records of one topic")
        ids = tuple(int(i) for i in ids)
    transaction.on_commit(lambda: data_changed.send(sender=None, topics=tuple(topics), ids=ids))
