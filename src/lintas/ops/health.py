"""Liveness and readiness, as JSON without secrets (no URLs, hosts or passwords).

``alive()``: the process answers. ``ready()``: this process can serve: the database answers,
every migration is applied, the broker (when one is configured) and the shared cache answer, and
the search index is loaded in this process. How far the index lags behind the catalogue
(published profiles not yet encoded by a worker, and for how long) is reported but does not make
the process unready: a stopped worker must not take every web process out of the load balancer.
"""

from __future__ import annotations

import os
import time

from django.conf import settings
from django.db import connection
from django.utils import timezone


def alive() -> tuple[dict, bool]:
    return {"status": "ok", "pid": os.getpid()}, True


def _timed(check) -> dict:
    started = time.perf_counter()
    try:
        result = check()
    except Exception as exc:  # noqa: BLE001 - any failure is the answer
        result = {"ok": False, "error": type(exc).__name__}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True, "vendor": connection.vendor}


def _migrations() -> dict:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return {"ok": not plan, "unapplied": len(plan)}


def _broker() -> dict:
    url = settings.CELERY_BROKER_URL
    if settings.CELERY_TASK_ALWAYS_EAGER or url.startswith("memory://"):
        return {"ok": True, "configured": False}
    if url.startswith(("redis://", "rediss://")):
        import redis

        client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        try:
            client.ping()
        finally:
            client.close()
    else:
        from lintas.celery import app

        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    return {"ok": True, "configured": True}


def _cache() -> dict:
    from django.core.cache import cache

    backend = settings.CACHES["default"]["BACKEND"]
    if "locmem" in backend:
        return {"ok": True, "shared": False}
    key = f"lintas:readyz:{os.getpid()}"
    cache.set(key, "1", timeout=10)
    return {"ok": cache.get(key) == "1", "shared": True}


def _search_index() -> dict:
    from lintas.catalogue.enums import ProfileStatus
    from lintas.catalogue.models import Profile
    from lintas.matching.domain import search_index
    from lintas.matching.models import ProfileVector

    engine = search_index.get_engine()  # loads it in this process if it was not yet
    vectors = ProfileVector.objects.count()
    waiting = Profile.objects.filter(status=ProfileStatus.PUBLISHED, vector__isnull=True)
    oldest = waiting.order_by("published_at").values_list("published_at", flat=True).first()
    lag = round((timezone.now() - oldest).total_seconds(), 1) if oldest else 0.0
    loaded = engine is not None or vectors == 0
    return {
        "ok": loaded,
        "loaded": loaded,
        "vectors": vectors,
        "unindexed": waiting.count(),
        "lag_seconds": lag,
    }


def ready() -> tuple[dict, bool]:
    checks = {"database": _timed(_database)}
    if checks["database"]["ok"]:
        checks["migrations"] = _timed(_migrations)
    checks["broker"] = _timed(_broker)
    checks["cache"] = _timed(_cache)
    if checks["database"]["ok"] and checks.get("migrations", {}).get("ok"):
        checks["search_index"] = _timed(_search_index)
    ok = all(c["ok"] for c in checks.values()) and "search_index" in checks
    return {"status": "ok" if ok else "fail", "checks": checks}, ok
