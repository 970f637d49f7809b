"""`lintas serve` as a real gunicorn process: probes, static files, JSON logs with tracebacks,
timeouts and worker recycling."""

from __future__ import annotations

import gzip
import json
import re

from tests.ops.procs import (
    base_env,
    free_port,
    get,
    get_json,
    lintas,
    serve,
    wait_healthy,
    wait_until,
)


def json_lines(text: str) -> list[dict]:
    lines = []
    for line in text.splitlines():
        if line.startswith("{"):
            lines.append(json.loads(line))
    return lines


def test_serve_probes_static_files_and_json_logs(tmp_path):
    port = free_port()
    env = base_env(
        LINTAS_DATA_DIR=tmp_path / "data",
        LINTAS_LOG_FORMAT="json",
        LINTAS_SECRET_KEY="not-in-any-probe-answer-1234567890",
        DJANGO_SETTINGS_MODULE="tests.ops.boom_settings",
    )
    # It starts from a database nobody has migrated: its own SQLite file in the data folder,
    # also in the PostgreSQL run (whose database other process tests migrate).
    env.pop("LINTAS_DATABASE_URL", None)
    base = f"http://127.0.0.1:{port}"
    proc = serve(
        port=port,
        env=env,
        log=tmp_path / "serve.log",
        workers=1,
        extra=["--timeout", "3", "--max-requests", "6"],
    )
    try:
        wait_healthy(base, proc)
        status, body = get_json(f"{base}/healthz")
        assert status == 200 and body["status"] == "ok"

        # Not migrated yet: not ready, and says why.
        status, body = get_json(f"{base}/readyz")
        assert status == 503, body
        assert body["status"] == "fail"
        assert body["checks"]["database"]["ok"] is True
        assert body["checks"]["migrations"]["ok"] is False
        assert body["checks"]["migrations"]["unapplied"] > 10
        result = lintas("migrate", "--noinput", env=env)
        assert result.returncode == 0, result.stderr
        status, raw_headers, raw = get(f"{base}/readyz")
        body = json.loads(raw)
        assert status == 200, body
        assert raw_headers["Cache-Control"] == "no-store"
        checks = body["checks"]
        assert checks["migrations"] == {
            "ok": True,
            "unapplied": 0,
            "ms": checks["migrations"]["ms"],
        }
        assert checks["broker"]["configured"] is False
        assert checks["search_index"]["loaded"] is True
        assert checks["search_index"]["unindexed"] == 0
        assert "not-in-any-probe-answer" not in raw.decode() and str(tmp_path) not in raw.decode()

        # Pages and WhiteNoise's compressed, collected static files.
        status, headers, page = get(f"{base}/", headers={"X-Request-ID": "probe-abc.123"})
        assert status == 200 and b"Lintas" in page
        assert headers["X-Request-ID"] == "probe-abc.123"
        css = re.search(rb'href="(/static/[^"]+\.css)"', page).group(1).decode()
        status, headers, body = get(base + css, headers={"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert b"{" in gzip.decompress(body)
        assert (tmp_path / "data" / "static" / css.removeprefix("/static/")).exists()

        # A server error: 500 for the client, the traceback in the log as JSON.
        status, headers, _ = get(f"{base}/boom/", headers={"X-Request-ID": "boom-1"})
        assert status == 500

        def logged():
            entries = json_lines(proc.output())
            errors = [e for e in entries if e.get("logger") == "django.request"]
            assert not [e for e in errors if "readyz" in e["message"]], errors
            requests = [e for e in entries if e.get("logger") == "lintas.request"]
            return (errors, requests) if errors and len(requests) >= 3 else None

        errors, requests = wait_until(logged, timeout=20, proc=proc, what="log lines")
        assert errors[0]["level"] == "ERROR", errors
        assert errors[0].get("request_id") == "boom-1", errors
        assert "RuntimeError: boom for the log test" in errors[0]["exc"]
        assert "Traceback" in errors[0]["exc"]
        home = next(e for e in requests if e["request_id"] == "probe-abc.123")
        assert home["path"] == "/" and home["status"] == 200 and home["method"] == "GET"
        assert home["user_id"] is None and home["duration_ms"] > 0
        boom = next(e for e in requests if e["request_id"] == "boom-1")
        assert boom["status"] == 500 and boom["level"] == "ERROR"
        assert not [e for e in requests if e["path"] in ("/healthz", "/readyz")]

        # A request longer than --timeout: the worker is killed and replaced, the server goes on.
        pid_before = get_json(f"{base}/healthz")[1]["pid"]
        try:
            status = get(f"{base}/slow/", timeout=30)[0]
        except ConnectionError:  # gunicorn closes the connection of the killed worker
            status = None
        assert status in (None, 500, 502)
        wait_until(lambda: "WORKER TIMEOUT" in proc.output(), timeout=30, proc=proc, what="timeout")
        wait_healthy(base, proc)
        assert get_json(f"{base}/healthz")[1]["pid"] != pid_before

        # Recycling: with --max-requests 6 the single worker is replaced after a few requests.
        pids = {get_json(f"{base}/healthz")[1]["pid"]}
        for _ in range(12):
            assert get(f"{base}/")[0] == 200
        wait_healthy(base, proc)
        pids.add(get_json(f"{base}/healthz")[1]["pid"])
        assert len(pids) == 2, proc.output()[-3000:]
        assert "Autorestarting worker" in proc.output()
    finally:
        proc.stop()


def test_one_blas_thread_for_serving_processes_only_and_an_operators_value_kept():
    from lintas.cli import limit_blas_threads

    for command in ("serve", "worker"):
        environ = {}
        limit_blas_threads([command, "--workers", "2"], environ)
        assert environ == {"OPENBLAS_NUM_THREADS": "1"}
    environ = {"OPENBLAS_NUM_THREADS": "4"}
    limit_blas_threads(["serve"], environ)
    assert environ == {"OPENBLAS_NUM_THREADS": "4"}
    for argv in (["migrate"], ["search", "serve"], []):
        environ = {}
        limit_blas_threads(argv, environ)
        assert environ == {}
