"""Personal API tokens: created, listed, revoked by their owner; checked on every API request
that sends ``Authorization: Token …`` (lintas.integrations.authentication)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.core.domain import audit
from lintas.core.enums import AuditAction
from lintas.integrations.models import ApiToken

PREFIX = "lintas_"
MAX_ACTIVE = 20
# Writing last_used_at on every request would turn each read into a write; a minute is
# precise enough for "last used" and keeps the token table quiet under load.
TOUCH_EVERY = dt.timedelta(minutes=1)


def digest(plain: str) -> str:
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()


@transaction.atomic
def create_token(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the row and the token itself, which is shown once
    and never stored (only its digest is)."""
    if not rules.has_perm("integrations.manage_tokens", user):
        raise PermissionDenied(_("Sign in to create API tokens."))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Give the token a name, e.g. the system that uses it.")]})
    if len(name) > 100:
        raise ValidationError({"name": [_("A name is limited to 100 characters.")]})
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE:
        raise ValidationError(
            _("You have %(n)d active tokens already; revoke one you no longer use.")
            % {"n": MAX_ACTIVE}
        )
    plain = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=plain[: len(PREFIX) + 4], digest=digest(plain)
    )
    audit.record(actor=user, target=token, action=AuditAction.CREATE, summary=name)
    return token, plain


@transaction.atomic
def revoke_token(*, user, token: ApiToken) -> ApiToken:
    """The token stops working at once; the row stays so its owner sees when it was revoked."""
    if not rules.has_perm("integrations.change_token", user, token):
        raise PermissionDenied(_("You may revoke only your own tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(actor=user, target=token, action=AuditAction.DELETE, summary=token.name)
    return token


def tokens_of(user):
    return ApiToken.objects.filter(user=user)


def authenticate(plain: str, *, now=None) -> ApiToken | None:
    """The active token of an active account matching ``plain``, or None. Records the use."""
    if not plain or not plain.startswith(PREFIX) or len(plain) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest(plain), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
