"""A real Celery worker on a real Redis broker (not eager mode).

Skipped when Redis is not reachable, unless LINTAS_REQUIRE_REDIS=1 (as in CI)."""

import os
import socket
import subprocess
import sys
import time
import uuid

import pytest

REDIS = ("127.0.0.1", 6379)


def redis_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1):
            return True
    except OSError:
        return False


def test_task_round_trip_through_redis_and_a_worker(tmp_path):
    if not redis_up():
        if os.environ.get("LINTAS_REQUIRE_REDIS"):
            pytest.fail(
                "Redis is required (LINTAS_REQUIRE_REDIS=1) but not reachable at 127.0.0.1:6379"
            )
        pytest.skip("Redis not reachable")
    url = "redis://127.0.0.1:6379/15"
    env = {
        **os.environ,
        "LINTAS_CELERY_BROKER_URL": url,
        "LINTAS_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "lintas.settings",
    }
    queue = f"test-{uuid.uuid4().hex[:8]}"
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "lintas.celery",
            "worker",
            "-Q",
            queue,
            "-c",
            "1",
            "--pool",
            "solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-l",
            "warning",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        code = (
            "import django, os; django.setup(); from lintas.core.tasks import ping; "
            f"r = ping.apply_async(args=['lintas'], queue='{queue}'); print(r.get(timeout=90))"
        )
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=150
        )
        assert result.returncode == 0, result.stderr[-2000:]
        assert result.stdout.strip().splitlines()[-1] == "pong lintas"
        assert time.monotonic() - started < 150
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
