"""/healthz and /readyz in process: what they report, and 503 when a dependency is down."""

import datetime as dt

from django.test import Client, override_settings
from django.utils import timezone


def test_healthz_answers_without_touching_the_database():
    # No db fixture: any database access here would raise.
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response["Cache-Control"] == "no-store"


def test_readyz_reports_each_check_and_the_index_lag(db, offer):
    offer.published_at = timezone.now() - dt.timedelta(minutes=5)
    offer.save()
    response = Client().get("/readyz")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ok"
    checks = body["checks"]
    assert set(checks) == {"database", "migrations", "broker", "cache", "search_index"}
    assert checks["database"]["ok"] and checks["migrations"]["unapplied"] == 0
    assert checks["broker"] == {"ok": True, "configured": False, "ms": checks["broker"]["ms"]}
    # The offer was published without going through a worker: one profile waiting, 5 min old.
    index = checks["search_index"]
    assert index["unindexed"] == 1 and 290 < index["lag_seconds"] < 400
    assert index["vectors"] == 0 and index["loaded"] is True


@override_settings(CELERY_TASK_ALWAYS_EAGER=False, CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_readyz_is_503_when_the_broker_is_down(db):
    response = Client().get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["broker"]["error"] == "ConnectionError"
    assert "127.0.0.1:1" not in response.content.decode()  # no URLs in the answer
    assert body["checks"]["database"]["ok"] is True


def test_probes_refuse_writes(db):
    assert Client().post("/readyz").status_code == 405


def test_every_page_answer_carries_a_request_id(db):
    first = Client().get("/")
    second = Client().get("/", HTTP_X_REQUEST_ID="from-the-proxy-1")
    assert first.status_code == 200 and len(first["X-Request-ID"]) == 32
    assert second["X-Request-ID"] == "from-the-proxy-1"
    bad = Client().get("/", HTTP_X_REQUEST_ID="<script>" * 3)
    assert bad["X-Request-ID"] != "<script>" * 3 and len(bad["X-Request-ID"]) == 32
