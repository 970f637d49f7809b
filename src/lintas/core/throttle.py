"""Sign-in throttling: django-axes records failures, this module adds exponential back-off.

Why: a fixed lockout either lets a slow attacker through (short) or lets anyone lock a person
out for a long time with a handful of wrong passwords (long). Here each key (the account name
tried, and the client IP) may fail ``LINTAS_LOGIN_FAILURES`` times; after that it must wait
``LINTAS_LOGIN_BACKOFF_SECONDS``, and every further failure once the wait is over doubles it
(capped at ``LINTAS_LOGIN_BACKOFF_MAX_SECONDS``). Attempts made while a key waits are refused
without checking the password and are not counted, so hammering gains nothing and a person
retrying does not lengthen their own wait. Failures are forgotten a day after the last one,
on a successful sign-in from the same IP (for that account and IP only), or when the account's
password is reset by e-mail.

django-axes sees every ``authenticate(request=...)``: the sign-in page, the admin login and the
API's HTTP Basic auth. Its records (``AccessAttempt``) show in the admin, where an
administrator can delete one to lift a lock.
"""

from __future__ import annotations

import datetime as dt

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone

MEMORY = dt.timedelta(days=1)  # AXES_COOLOFF_TIME: how long failures are remembered


def limit() -> int:
    return settings.LINTAS["LOGIN_FAILURES"]


def backoff(failures: int) -> dt.timedelta:
    """How long a key waits after its latest failure; zero below the limit."""
    if failures < limit():
        return dt.timedelta(0)
    base = settings.LINTAS["LOGIN_BACKOFF_SECONDS"]
    cap = settings.LINTAS["LOGIN_BACKOFF_MAX_SECONDS"]
    exponent = min(failures - limit(), 32)
    return dt.timedelta(seconds=min(base * 2**exponent, cap))


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or the last address in the header the reverse proxy sets
    (``LINTAS_CLIENT_IP_HEADER``, e.g. X-Forwarded-For): the one the proxy itself saw."""
    header = settings.LINTAS["CLIENT_IP_HEADER"]
    if header:
        key = "HTTP_" + header.upper().replace("-", "_")
        value = request.META.get(key, "")
        if value:
            return value.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


def remaining(*, username: str | None, ip_address: str | None, now=None) -> dt.timedelta:
    """How long the longer of the two waits (account, IP) still runs; zero if none."""
    now = now or timezone.now()
    longest = dt.timedelta(0)
    since = now - MEMORY
    for key, value in (("username", username), ("ip_address", ip_address)):
        if value is None:
            continue
        row = AccessAttempt.objects.filter(**{key: value}, attempt_time__gte=since).aggregate(
            failures=Sum("failures_since_start"), last=Max("attempt_time")
        )
        if row["failures"]:
            longest = max(longest, row["last"] + backoff(row["failures"]) - now)
    return longest


class BackoffHandler(AxesDatabaseHandler):
    """Axes' database handler with exponential back-off instead of a fixed lockout."""

    def is_locked(self, request, credentials=None) -> bool:
        username = get_client_username(request, credentials)
        wait = remaining(
            username=username,
            ip_address=request.axes_ip_address,
            now=request.axes_attempt_time,
        )
        return wait > dt.timedelta(0)

    def user_logged_in(self, sender, request, user, **kwargs):
        """Forget this account's failures from this IP only: a success elsewhere must not
        reset an attacker's count, and an attacker's own account must not reset the IP's."""
        super().user_logged_in(sender, request, user, **kwargs)
        AccessAttempt.objects.filter(
            username=user.get_username(), ip_address=request.axes_ip_address
        ).delete()


def forget_account(username: str) -> int:
    """Lift every lock on an account (after it proved control of its e-mail address)."""
    deleted, _ = AccessAttempt.objects.filter(username=username).delete()
    return deleted
