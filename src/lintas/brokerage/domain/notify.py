"""Notifications: an in-app entry and (optionally) an e-mail per person, each in their language.

Texts are composed per recipient inside ``translation.override`` so a Thai broker and a Chinese
provider each read their own language. Callers decide what goes into the text; nothing here
reads profile fields, so confidential data only travels where a caller put it on purpose.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils import translation

from lintas.brokerage.models import Notification
from lintas.core import mail


def notify(
    *,
    users: Iterable,
    deal,
    compose: Callable,
    url: str = "",
    email: bool = True,
    email_if: Callable | None = None,
) -> int:
    """compose(user) -> (subject, body). Returns how many e-mails were sent."""
    sent = 0
    seen = set()
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        with translation.override(user.language or settings.LANGUAGE_CODE):
            subject, body = compose(user)
            Notification.objects.create(recipient=user, deal=deal, text=str(subject)[:300], url=url)
            wants = email and user.email and (email_if is None or email_if(user))
            if wants:
                link = f"\n\n{settings.SITE_URL}{url}" if url else ""
                mail.send(subject=subject, body=f"{body}{link}", to=[user.email])
                sent += 1
    return sent
