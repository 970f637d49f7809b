"""Webhooks: a partner registers a URL and the events it wants; each event the partner may see
becomes a signed delivery, sent by a Celery task and retried with back-off.

Signing (Stripe's scheme, so partners' libraries know it): the body is the JSON payload; the
header ``X-Lintas-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the
webhook's secret>``. The receiver recomputes it and refuses old timestamps (replays).

Who receives what: a delivery is made only when the webhook's owner may see the object through
the same rules the pages ask (``catalogue.view_profile``, ``brokerage.view_deal``,
``brokerage.view_agreement``), checked when the event happens; the payload carries no
confidential field or contact detail (fetch those through the API with a token, where the
rules apply again).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import http.client
import ipaddress
import json
import secrets
import socket
import ssl
import time
from urllib.parse import urlsplit

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.integrations.enums import DeliveryStatus, WebhookEvent
from lintas.integrations.models import Delivery, Webhook

MAX_WEBHOOKS = 10
RESPONSE_KEPT = 500  # characters of the partner's answer kept in the log


def _setting(name):
    return settings.LINTAS[name]


def resolve(host: str, port: int) -> list[str]:
    """The addresses ``host`` has now (the one place deliveries ask DNS; tests replace it)."""
    return list(
        dict.fromkeys(
            info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        )
    )


def _port(parts) -> int:
    return parts.port or (443 if parts.scheme == "https" else 80)


def checked_addresses(url: str) -> list[str]:
    """The addresses to call for ``url``, resolved once: every one public (unless
    ``LINTAS_WEBHOOK_ALLOW_PRIVATE``), or a ValidationError. The delivery connects to these
    very addresses, so a name that answers differently the next time (DNS rebinding) cannot
    steer it to a private one."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        addresses = resolve(host, _port(parts))
    except (OSError, UnicodeError, ValueError):
        addresses = []
    if not addresses:
        raise ValidationError({"url": [_("The host %(host)s cannot be found.") % {"host": host}]})
    if not _setting("WEBHOOK_ALLOW_PRIVATE"):
        for address in addresses:
            if not ipaddress.ip_address(address.split("%")[0]).is_global:
                raise ValidationError(
                    {
                        "url": [
                            _("The address must be reachable on the internet, not a private one.")
                        ]
                    }
                )
    return addresses


def check_url(url: str) -> str:
    """An http(s) URL whose host is a public address (``LINTAS_WEBHOOK_ALLOW_PRIVATE`` lets
    loopback and private networks through, for a partner on the same network and for tests):
    the server must not be made to call its own database, cache or cloud metadata service."""
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError({"url": [_("Enter a full http:// or https:// address.")]}) from None
    checked_addresses(url)
    return url


def _check_events(events) -> list[str]:
    events = list(dict.fromkeys(events or []))
    unknown = [e for e in events if e not in WebhookEvent.values]
    if unknown:
        raise ValidationError(
            {"events": [_("Unknown event: %(event)s.") % {"event": ", ".join(map(str, unknown))}]}
        )
    if not events:
        raise ValidationError({"events": [_("Choose at least one event.")]})
    return events


def _check_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Give the webhook a name.")]})
    if len(name) > 100:
        raise ValidationError({"name": [_("A name is limited to 100 characters.")]})
    return name


@transaction.atomic
def register(*, user, name: str, url: str, events) -> Webhook:
    """A new webhook with a fresh secret (shown to its owner to configure the receiver)."""
    if not rules.has_perm("integrations.manage_webhooks", user):
        raise PermissionDenied(_("Sign in to register webhooks."))
    name, events = _check_name(name), _check_events(events)
    url = check_url(url)
    if Webhook.objects.filter(owner=user).count() >= MAX_WEBHOOKS:
        raise ValidationError(
            _("You have %(n)d webhooks already; delete one you no longer use.")
            % {"n": MAX_WEBHOOKS}
        )
    return Webhook.objects.create(
        owner=user, name=name, url=url, events=events, secret=secrets.token_hex(32)
    )


@transaction.atomic
def update(*, user, webhook: Webhook, **changes) -> Webhook:
    """Change name, URL, events or ``active``; ``new_secret=True`` rolls the secret."""
    if not rules.has_perm("integrations.change_webhook", user, webhook):
        raise PermissionDenied(_("You may change only your own webhooks."))
    if "name" in changes:
        webhook.name = _check_name(changes["name"])
    if "url" in changes:
        webhook.url = check_url(changes["url"])
    if "events" in changes:
        webhook.events = _check_events(changes["events"])
    if "active" in changes:
        webhook.active = bool(changes["active"])
    if changes.get("new_secret"):
        webhook.secret = secrets.token_hex(32)
    webhook.save()
    return webhook


@transaction.atomic
def delete(*, user, webhook: Webhook) -> None:
    if not rules.has_perm("integrations.change_webhook", user, webhook):
        raise PermissionDenied(_("You may delete only your own webhooks."))
    webhook.delete()


def webhooks_of(user):
    return Webhook.objects.filter(owner=user)


def deliveries_of(webhook: Webhook):
    return webhook.deliveries.all()


# Sending ------------------------------------------------------------------------------------


def subscribers(event: str):
    """Active webhooks of active accounts that asked for ``event``. JSON containment is not
    portable across SQLite and PostgreSQL, so the (few) webhooks are filtered here."""
    hooks = Webhook.objects.filter(active=True, owner__is_active=True).select_related("owner")
    return [hook for hook in hooks if event in hook.events]


def enqueue(*, event: str, permission: str, obj, data: dict) -> list[Delivery]:
    """A delivery for every subscriber whose owner may see ``obj``; each is sent by the task
    after the current transaction commits. Returns the deliveries made."""
    from lintas.integrations import tasks  # the task module imports this one

    made = []
    for hook in subscribers(event):
        if not rules.has_perm(permission, hook.owner, obj):
            continue
        delivery = Delivery(webhook=hook, event=event)
        delivery.payload = {
            "id": str(delivery.uuid),
            "event": event,
            "occurred_at": timezone.now(),
            "data": data,
        }
        # Stored as the JSON that is sent: dates as ISO strings, so retries send the same bytes.
        delivery.payload = json.loads(json.dumps(delivery.payload, cls=DjangoJSONEncoder))
        delivery.save()
        made.append(delivery)
        transaction.on_commit(lambda pk=delivery.pk: tasks.deliver.delay(pk))
    return made


def signature(secret: str, body: bytes, timestamp: int) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, body: bytes, header: str, *, tolerance: int = 300, now=None) -> bool:
    """What a receiver does (documented in docs/api.md; used by the tests as a partner would)."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((now or time.time()) - timestamp) > tolerance:
        return False
    expected = signature(secret, body, timestamp)
    return hmac.compare_digest(expected, header)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """TLS to a checked address, verifying the certificate for the URL's host name (SNI)."""

    def __init__(self, address, port, *, server_hostname, timeout, context):
        super().__init__(address, port, timeout=timeout, context=context)
        self.server_hostname = server_hostname

    def connect(self):
        sock = socket.create_connection((self.host, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.server_hostname)


def tls_context() -> ssl.SSLContext:
    """The system's trusted authorities, host names checked (tests trust their own CA)."""
    return ssl.create_default_context()


def _post(url: str, addresses: list[str], body: bytes, headers: dict) -> tuple[int, str]:
    """POST ``body`` to ``url`` at one of ``addresses`` (in order, the next when one cannot be
    reached), with the URL's Host header; a redirect is an answer to log, not followed.
    Returns (status, the start of the answer's text)."""
    parts = urlsplit(url)
    port, timeout = _port(parts), _setting("WEBHOOK_TIMEOUT")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {**headers, "Host": parts.netloc.rsplit("@", 1)[-1]}
    failure: OSError = OSError("no address")
    for address in addresses:
        if parts.scheme == "https":
            conn = _PinnedHTTPSConnection(
                address,
                port,
                server_hostname=parts.hostname,
                timeout=timeout,
                context=tls_context(),
            )
        else:
            conn = http.client.HTTPConnection(address, port, timeout=timeout)
        try:
            try:
                conn.connect()
            except ssl.SSLError:
                raise
            except OSError as error:  # refused, unreachable, timed out: the next address
                failure = error
                continue
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            return response.status, response.read(RESPONSE_KEPT).decode("utf-8", "replace")
        finally:
            conn.close()
    raise failure


def backoff(attempt: int) -> int:
    """Seconds before attempt ``attempt + 1``: 30 s, 2 min, 8 min, 32 min, ~2 h."""
    return _setting("WEBHOOK_BACKOFF_SECONDS") * 4 ** (attempt - 1)


def attempt(delivery: Delivery) -> bool:
    """POST the delivery once, log the attempt; True when the partner answered 2xx."""
    hook = delivery.webhook
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    started = time.monotonic()
    status, error, text = None, "", ""
    try:
        # Resolved once and checked here; the request goes to these addresses (DNS rebinding).
        addresses = checked_addresses(hook.url)
        status, text = _post(
            hook.url,
            addresses,
            body,
            {
                "Content-Type": "application/json",
                "User-Agent": "Lintas-Webhooks/1",
                "X-Lintas-Event": delivery.event,
                "X-Lintas-Delivery": str(delivery.uuid),
                "X-Lintas-Signature": signature(hook.secret, body, int(time.time())),
            },
        )
        if not 200 <= status < 300:
            error = f"HTTP {status}"
    except ValidationError as refused:
        error = (
            " ".join(m for messages in refused.message_dict.values() for m in messages)
            if hasattr(refused, "error_dict")
            else " ".join(refused.messages)
        )
    except (OSError, ValueError, http.client.HTTPException) as failure:  # refused, timeout, TLS
        error = (str(failure) or type(failure).__name__)[:300]
    ok = status is not None and 200 <= status < 300
    now = timezone.now()
    delivery.attempts += 1
    delivery.response_status = status
    delivery.attempts_log = [
        *delivery.attempts_log,
        {
            "at": now.isoformat(),
            "status": status,
            "error": error,
            "response": text,
            "duration_ms": round((time.monotonic() - started) * 1000),
        },
    ]
    if ok:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
            DeliveryStatus.DELIVERED,
            now,
            None,
        )
    elif delivery.attempts > _setting("WEBHOOK_RETRIES"):
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
    else:
        delivery.status = DeliveryStatus.RETRYING
        delivery.next_attempt_at = now + dt.timedelta(seconds=backoff(delivery.attempts))
    delivery.save()
    return ok


@transaction.atomic
def redeliver(*, user, delivery: Delivery) -> Delivery:
    """The owner sends a delivery again (e.g. after fixing the receiver): a fresh try count."""
    from lintas.integrations import tasks

    if not rules.has_perm("integrations.change_webhook", user, delivery.webhook):
        raise PermissionDenied(_("You may resend only your own webhooks' deliveries."))
    delivery.status, delivery.attempts, delivery.next_attempt_at = DeliveryStatus.PENDING, 0, None
    delivery.save()
    transaction.on_commit(lambda: tasks.deliver.delay(delivery.pk))
    return delivery
