"""Keep the summary within a minute of the records: debounced, coalesced refreshes.

Domain functions that change what a figure counts call ``core.domain.refresh.schedule_refresh``
with a topic, and the ids of the records they wrote when they know them; after commit core
sends ``core.signals.data_changed`` and :func:`request` (called by ``insights/receivers.py``)
records the topic in ``PendingRefresh`` and the records in ``PendingObject``. The first write
of a topic creates its row and queues :func:`run_due` through Celery ``DELAY_SECONDS`` later;
writes in the meantime find the row and queue nothing, so a burst causes one refresh.
``run_due`` takes every pending topic and record (deleting the rows *before* reading the
records, so a write that commits later queues its own refresh) and replaces only the summary
rows built from those records (``summary.refresh_figures``): a few milliseconds per record at
100,000 profiles. A write that named no records rebuilds the figures its topic feeds. The hourly
full rebuild stays as a safety net (and brings in records whose date has come, such as a
meeting slot that has just ended).

Without a Celery broker (tasks run eagerly) each write refreshes at once, in the request.
"""

from __future__ import annotations

from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import timezone

from lintas.insights.domain import figures, summary
from lintas.insights.models import PendingObject, PendingRefresh

DELAY_SECONDS = 20

ALL = tuple(figures.FIGURES)
# topic -> (figures it feeds, whether the funnel rows are rebuilt too)
TOPICS: dict[str, tuple[tuple[str, ...], bool]] = {
    "publications": (("promoted",), True),
    # A published profile's sectors, organisation or broker: any figure's dimensions.
    "profiles": (ALL, True),
    # The funnel rows carry the profile's country.
    "organisations": (ALL, True),
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


# topic -> the model whose primary keys a write passes as ``ids``
MODELS = {
    "publications": "catalogue.Profile",
    "profiles": "catalogue.Profile",
    "organisations": "core.Organisation",
    "matches": "matching.Match",
    "deals": "brokerage.Deal",
    "agreements": "brokerage.Agreement",
    "meetings": "events.Meeting",
    "participants": "events.Participant",
    "consultations": "talents.Consultation",
    "declines": "brokerage.DeclineReason",
    "competitions": "competitions.Entry",
}


def _model(topic):
    label = MODELS.get(topic)
    if label is None:
        return None
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def funnel_profiles(topic: str, ids) -> set:
    """The published profiles whose funnel row or waiting times a write of ``ids`` can move."""
    model, ids = _model(topic), list(ids)
    if model is None or not ids:
        return set()
    label = model._meta.label
    if label == "catalogue.Profile":
        return set(ids)
    from lintas.catalogue.models import Profile

    if label == "core.Organisation":
        return set(Profile.objects.filter(organisation_id__in=ids).values_list("pk", flat=True))
    found: set = set()
    if label == "matching.Match":
        for row in model.objects.filter(pk__in=ids).values_list("offer_id", "need_id"):
            found.update(row)
    elif label == "brokerage.Deal":
        for row in model.objects.filter(pk__in=ids).values_list(
            "profile_id", "counterpart_profile_id"
        ):
            found.update(row)
    elif label == "brokerage.Agreement":
        found.update(
            model.profiles.through.objects.filter(agreement_id__in=ids).values_list(
                "profile_id", flat=True
            )
        )
        for row in model.objects.filter(pk__in=ids, deal__isnull=False).values_list(
            "deal__profile_id", "deal__counterpart_profile_id"
        ):
            found.update(row)
    else:
        return set()
    found.discard(None)
    return found


def affected(topics) -> tuple[list[str], bool]:
    keys: set[str] = set()
    rebuild_funnel = False
    for topic in topics:
        fed, funnel_rows = TOPICS[topic]
        keys.update(fed)
        rebuild_funnel = rebuild_funnel or funnel_rows
    return [k for k in figures.FIGURES if k in keys], rebuild_funnel


def request(*, topics=(), ids=None) -> bool:
    """Note the topics (and the records ``ids`` of the one topic, when given) a committed write
    changed; queue one refresh if none is pending. Returns whether a refresh was queued."""
    from lintas.insights import tasks

    now = timezone.now()
    created = False
    for topic in topics:
        if topic not in TOPICS:
            continue
        whole = ids is None or _model(topic) is None
        with transaction.atomic():
            # Take the topic's row first: a refresh taking the topic (``run_due``) holds it
            # until it has deleted it, and we wait; finding the row it is about to delete, we
            # would queue nothing and our records would wait for the next write or the hourly
            # rebuild. (SQLite: BEGIN IMMEDIATE already makes the two take turns.)
            row = PendingRefresh.objects.select_for_update().filter(topic=topic).first()
            if not whole:
                PendingObject.objects.bulk_create(
                    [PendingObject(topic=topic, obj=i) for i in ids], ignore_conflicts=True
                )
            new = False
            if row is None:
                try:
                    with transaction.atomic():
                        PendingRefresh.objects.create(topic=topic, since=now, whole=whole)
                    new = True
                except IntegrityError:  # another writer created it since we looked
                    pass
            if not new and whole:
                PendingRefresh.objects.filter(topic=topic, whole=False).update(whole=True)
        created = created or new
    if created:
        tasks.refresh_due.apply_async(countdown=DELAY_SECONDS)
    return created


def run_due():
    """Refresh what every pending topic changed (the Celery task's body): the rows of the
    pending records, or the topic's figures whole. Returns the summary run, or None if
    another task already took the topics."""
    with transaction.atomic():
        pending = dict(PendingRefresh.objects.select_for_update().values_list("topic", "whole"))
        found = list(
            PendingObject.objects.filter(topic__in=list(pending)).values_list("pk", "topic", "obj")
        )
        for chunk in summary._chunks([pk for pk, _t, _o in found]):
            PendingObject.objects.filter(pk__in=chunk).delete()
        PendingRefresh.objects.filter(topic__in=list(pending)).delete()
    if not pending:
        return None
    keys, rebuild_funnel = affected([t for t, whole in pending.items() if whole])
    records: dict = {}
    for _pk, topic, obj in found:
        if not pending.get(topic, True):
            records.setdefault(topic, []).append(obj)
    objects, profiles = [], set()
    for topic, ids in records.items():
        fed, funnel_rows = TOPICS[topic]
        model = _model(topic)
        objects += [(kpi, model, ids) for kpi in fed]
        if funnel_rows:
            profiles |= funnel_profiles(topic, ids)
    return summary.refresh_figures(
        keys, funnel_rows=rebuild_funnel, objects=objects, profiles=profiles or None
    )
