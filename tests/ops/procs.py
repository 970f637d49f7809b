"""Real processes for the production tests: `lintas serve`, `lintas worker`, nginx."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINTAS = str(Path(sys.executable).with_name("lintas"))
REDIS = ("127.0.0.1", 6379)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def reachable(address) -> bool:
    try:
        with socket.create_connection(address, timeout=1):
            return True
    except OSError:
        return False


def require_redis():
    if not reachable(REDIS):
        if os.environ.get("LINTAS_REQUIRE_REDIS"):
            pytest.fail("Redis is required (LINTAS_REQUIRE_REDIS=1) but not reachable")
        pytest.skip("Redis not reachable at 127.0.0.1:6379")


def base_env(**extra) -> dict:
    # The browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE for this process; a deployment
    # never has it. The test settings module is not what production runs either.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env["DJANGO_SETTINGS_MODULE"] = "lintas.settings"
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update({k: str(v) for k, v in extra.items()})
    return env


def lintas(*args, env: dict, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [LINTAS, *args], env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )


class Proc:
    """A process in its own session (killed with its children), output in a file."""

    def __init__(self, args, *, env, log: Path):
        self.log = log
        self._out = open(log, "ab")  # noqa: SIM115 - closed in stop()
        self.popen = subprocess.Popen(
            args,
            env=env,
            stdout=self._out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            start_new_session=True,
        )

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def kill(self, sig=signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)

    def stop(self, timeout: float = 30):
        if self.popen.poll() is None:
            self.kill(signal.SIGTERM)
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill(signal.SIGKILL)
                self.popen.wait(timeout=10)
        self._out.close()


def serve(*, port: int, env: dict, log: Path, workers: int = 2, extra=()) -> Proc:
    args = [LINTAS, "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers), *extra]
    return Proc(args, env=env, log=log)


def worker(*, env: dict, log: Path, concurrency: int = 1, queues: str = "") -> Proc:
    args = [LINTAS, "worker", "--concurrency", str(concurrency), "--loglevel", "INFO"]
    if queues:
        args += ["--queues", queues]
    return Proc(args, env=env, log=log)


def get(url: str, *, headers=None, timeout: float = 30, data=None):
    """(status, headers, body bytes); HTTP errors are answers too."""
    request = urllib.request.Request(url, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def get_json(url: str, **kwargs):
    status, _headers, body = get(url, **kwargs)
    return status, json.loads(body)


def wait_until(predicate, *, timeout: float, proc: Proc | None = None, what: str = ""):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if proc is not None and proc.popen.poll() is not None:
            raise AssertionError(f"process exited ({what}):\n{proc.output()[-4000:]}")
        try:
            last = predicate()
            if last:
                return last
        except OSError as error:
            last = error
        time.sleep(0.3)
    tail = proc.output()[-4000:] if proc else ""
    raise AssertionError(f"timed out waiting for {what} (last: {last!r})\n{tail}")


def wait_healthy(base: str, proc: Proc, timeout: float = 120):
    return wait_until(
        lambda: get(f"{base}/healthz", timeout=5)[0] == 200,
        timeout=timeout,
        proc=proc,
        what=f"{base}/healthz",
    )


def postgres_url_or_skip() -> str:
    url = os.environ.get("LINTAS_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip(
            "needs PostgreSQL (several processes share one database; SQLite is for one host): "
            "run with LINTAS_DATABASE_URL=postgres://… as .ci/run's second run does"
        )
    return url


class ScratchDatabase:
    """A new PostgreSQL database beside the one in LINTAS_DATABASE_URL, dropped afterwards."""

    def __init__(self, url: str, prefix: str):
        import uuid
        from urllib.parse import urlsplit, urlunsplit

        import psycopg

        self.name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        self._admin = psycopg.connect(url, autocommit=True)
        self._admin.execute(f'CREATE DATABASE "{self.name}"')
        self.url = urlunsplit(urlsplit(url)._replace(path="/" + self.name))

    def query(self, sql: str, params=()):
        import psycopg

        with psycopg.connect(self.url) as conn:
            return conn.execute(sql, params).fetchall()

    def drop(self):
        self._admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        self._admin.close()


def python(code: str, *, env: dict, timeout: int = 600) -> str:
    """Run ``code`` with Django set up in a fresh interpreter; returns its stdout."""
    result = subprocess.run(
        [sys.executable, "-c", "import django\ndjango.setup()\n" + code],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout
