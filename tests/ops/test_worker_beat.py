"""`lintas worker` and `lintas beat` as commands."""

from __future__ import annotations

import subprocess
import sys
import uuid

from tests.ops.procs import base_env, lintas, require_redis, wait_until, worker


def test_worker_and_beat_refuse_without_a_broker(tmp_path):
    env = base_env(LINTAS_DATA_DIR=tmp_path, LINTAS_CELERY_BROKER_URL="")
    for command in ("worker", "beat"):
        result = lintas(command, env=env, timeout=120)
        assert result.returncode == 2
        assert "LINTAS_CELERY_BROKER_URL" in result.stderr


def test_beat_lists_the_schedule(tmp_path):
    result = lintas("beat", "--list", env=base_env(LINTAS_DATA_DIR=tmp_path), timeout=120)
    assert result.returncode == 0, result.stderr
    tasks = sorted(line.split("\t")[1] for line in result.stdout.splitlines())
    assert tasks == [
        "lintas.brokerage.mark_stalled_deals",
        "lintas.catalogue.expire_and_remind",
        "lintas.catalogue.send_search_alerts",  # daily
        "lintas.catalogue.send_search_alerts",  # weekly (Mondays)
        "lintas.events.expire_meeting_requests",
        "lintas.events.send_agenda_reminders",
        "lintas.events.send_follow_up_surveys",
        "lintas.insights.refresh_summary",
        "lintas.matching.send_digests",
    ]


def test_lintas_worker_runs_tasks_from_redis_and_logs_json(tmp_path):
    require_redis()
    env = base_env(
        LINTAS_DATA_DIR=tmp_path,
        LINTAS_CELERY_BROKER_URL="redis://127.0.0.1:6379/14",
        LINTAS_LOG_FORMAT="json",
    )
    queue = f"test-{uuid.uuid4().hex[:8]}"
    proc = worker(env=env, log=tmp_path / "worker.log", queues=queue)
    try:
        wait_until(lambda: "ready" in proc.output(), timeout=120, proc=proc, what="worker ready")
        code = (
            "import django; django.setup(); from lintas.core.tasks import ping; "
            f"print(ping.apply_async(args=['lintas'], queue='{queue}').get(timeout=60))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr[-2000:]
        assert result.stdout.strip().splitlines()[-1] == "pong lintas"
        lines = [line for line in proc.output().splitlines() if line.startswith("{")]
        assert any('"celery' in line and "succeeded" in line for line in lines), lines[-10:]
    finally:
        proc.stop()
