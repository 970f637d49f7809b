"""Request id, one log line per request, and the health probes.

``HealthMiddleware`` sits first: ``/healthz`` and ``/readyz`` are answered before host
validation, the HTTPS redirect, sessions and the request log, so a load balancer or systemd can
probe a process on its private address over plain HTTP every few seconds without filling the log.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from django.http import JsonResponse

from lintas.ops.logs import request_id_var

log = logging.getLogger("lintas.request")
# What nginx's $request_id and most proxies send; anything else is replaced by our own id.
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path in ("/healthz", "/healthz/", "/readyz", "/readyz/"):
            from lintas.ops import health

            if request.method not in ("GET", "HEAD"):
                return JsonResponse({"detail": "Method not allowed"}, status=405)
            body, ok = health.ready() if request.path.startswith("/readyz") else health.alive()
            response = JsonResponse(body, status=200 if ok else 503)
            response["Cache-Control"] = "no-store"
            response._has_been_logged = True  # a 503 probe is an answer, not a server error
            return response
        return self.get_response(request)


class RequestLogMiddleware:
    """Gives each request an id (the proxy's ``X-Request-ID`` when it looks like one), returns it
    in the ``X-Request-ID`` header, and logs method, path, status, duration and user id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = request_id
            return response
        finally:
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            user = getattr(request, "user", None)
            user_id = user.pk if user is not None and user.is_authenticated else None
            level = logging.ERROR if status >= 500 else logging.INFO
            log.log(
                level,
                "%s %s %s %.1fms",
                request.method,
                request.path,
                status,
                duration_ms,
                extra={
                    "request_id": request_id,
                    "user_id": user_id,
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "duration_ms": duration_ms,
                },
            )
            request_id_var.reset(token)
