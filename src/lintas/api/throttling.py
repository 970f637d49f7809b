"""API throttling: one budget per personal token (or per account for session and Basic
sign-ins) and one per anonymous client IP, over a sliding window (DRF's SimpleRateThrottle on
the shared cache, so every `lintas serve` process counts together when the cache is Redis).

Rates come from ``LINTAS_API_RATE_USER`` and ``LINTAS_API_RATE_ANONYMOUS`` ("600/minute",
"60/minute"; s, m, h, d), read per request so tests and operators can change them. A request
over budget is answered 429 with ``Retry-After`` (seconds) and the usual error body.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from lintas.core.throttle import client_ip
from lintas.integrations.models import ApiToken


class ApiRateThrottle(SimpleRateThrottle):
    cache_format = "api-throttle:%(scope)s:%(ident)s"

    def __init__(self):  # the rate is chosen per request (anonymous or not)
        pass

    def allow_request(self, request, view):
        authenticated = bool(request.user and request.user.is_authenticated)
        self.scope = "user" if authenticated else "anonymous"
        self.rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"ip-{client_ip(request._request) or 'unknown'}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
