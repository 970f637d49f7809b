"""A new confirmation link for an account that has not confirmed its e-mail address.

The page that asks for it never says whether the address belongs to anyone: the answer is
the same in every case, and at most one link per address goes out every few minutes so the
form cannot be used to flood someone's mailbox.
"""

from __future__ import annotations

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _

from lintas.core import mail
from lintas.core.domain.accounts import verification_url
from lintas.core.models import User

RESEND_EVERY_SECONDS = 300


def resend(*, email: str) -> bool:
    """Send a new link if an unconfirmed, never-activated account uses ``email``.
    Returns whether a mail went out (for tests and logs, never for the page)."""
    user = User.objects.filter(
        email__iexact=email.strip(), is_active=False, email_verified=False
    ).first()
    if user is None:
        return False
    if not cache.add(f"lintas:resend-verification:{user.pk}", 1, RESEND_EVERY_SECONDS):
        return False
    with translation.override(user.language or "en"):
        mail.send(
            subject=_("Confirm your e-mail address for Lintas"),
            body=_("Open this link to activate your account: %(url)s")
            % {"url": verification_url(user)},
            to=[user.email],
        )
    return True
