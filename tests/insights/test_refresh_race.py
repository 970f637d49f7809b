"""A write that commits while a refresh is taking its topic still gets a refresh (PostgreSQL:
two connections for real; on SQLite BEGIN IMMEDIATE makes writers take turns with the refresh,
so the race cannot arise there)."""

import threading

import pytest
from celery import current_app
from django.db import connection, connections, transaction
from django.utils import timezone

from lintas.insights.domain import refresh
from lintas.insights.models import PendingObject, PendingRefresh


@pytest.mark.django_db(transaction=True)
def test_a_write_during_a_refresh_taking_its_topic_queues_its_own():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's writers take turns with the refresh (BEGIN IMMEDIATE)")
    PendingRefresh.objects.create(topic="deals", since=timezone.now(), whole=False)
    PendingObject.objects.create(topic="deals", obj=1)
    taken, release, errors = threading.Event(), threading.Event(), []

    def refresh_taking_the_topic():
        """What run_due does first, on its own connection: lock the pending rows, delete them,
        and (held open here) commit only when told."""
        try:
            with transaction.atomic():
                list(PendingRefresh.objects.select_for_update().values_list("topic"))
                PendingObject.objects.filter(topic="deals").delete()
                PendingRefresh.objects.filter(topic="deals").delete()
                taken.set()
                release.wait(30)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
            taken.set()
        finally:
            connections.close_all()

    other = threading.Thread(target=refresh_taking_the_topic)
    other.start()
    assert taken.wait(30) and not errors
    threading.Timer(1.0, release.set).start()  # the refresh commits while we wait on its row
    current_app.conf.task_always_eager = False  # queue the task, do not run it here
    try:
        queued = refresh.request(topics=("deals",), ids=[2])
    finally:
        current_app.conf.task_always_eager = True
        release.set()
        other.join(30)
    assert not errors, errors
    # The refresh took record 1 and its row; record 2 came after: a new row, a task queued.
    assert queued is True
    assert list(PendingRefresh.objects.values_list("topic", "whole")) == [("deals", False)]
    assert list(PendingObject.objects.values_list("topic", "obj")) == [("deals", 2)]
