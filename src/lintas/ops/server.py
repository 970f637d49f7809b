"""``lintas serve``: gunicorn running Lintas' WSGI application with production defaults.

Why these defaults: sync workers (threads with ``--threads``) behind nginx, which buffers slow
clients; a request running longer than the timeout gets its worker killed and restarted (its
traceback logged), and each worker is replaced after about ``max_requests`` requests (with jitter,
so they do not all restart at once), which bounds slow memory growth. Static files are served by
WhiteNoise from ``STATIC_ROOT`` (collected at start), compressed and cacheable.
"""

from __future__ import annotations

import os

from gunicorn.app.base import BaseApplication


def default_workers() -> int:
    return 2 * (os.cpu_count() or 1)


def gunicorn_options(
    *, bind: str, workers: int, threads: int, timeout: int, max_requests: int, logging: dict
) -> dict:
    options = {
        "bind": [b.strip() for b in bind.split(",") if b.strip()],
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": timeout,
        "graceful_timeout": 30,
        "keepalive": 5,
        "max_requests": max_requests,
        "max_requests_jitter": max(1, max_requests // 10) if max_requests else 0,
        "accesslog": None,  # lintas.request logs each request (with its id, user and duration)
        "errorlog": "-",
        "logconfig_dict": logging,
        "proc_name": "lintas",
        # The proxy on this host may say the request came over HTTPS (X-Forwarded-Proto).
        "forwarded_allow_ips": "127.0.0.1,::1",
        "limit_request_line": 8190,
    }
    if os.path.isdir("/dev/shm"):
        options["worker_tmp_dir"] = "/dev/shm"  # heartbeat files off a possibly slow disk
    return options


class LintasServer(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from django.core.wsgi import get_wsgi_application

        return get_wsgi_application()
