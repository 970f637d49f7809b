"""Notifications: an in-app entry and (optionally) an e-mail per person, each in their language.

Every app notifies through :func:`notify`, so the bell in the navigation counts everything a
person should look at, whichever app wrote it. Texts are composed per recipient inside
``translation.override`` so a Thai broker and a Chinese provider each read their own language.
Callers decide what goes into the text; nothing here reads profile fields, so confidential
data only travels where a caller put it on purpose.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lintas.core import mail
from lintas.core.models import Notification


def notify(
    *,
    users: Iterable,
    compose: Callable,
    target=None,
    url: str = "",
    email: bool = True,
    email_if: Callable | None = None,
) -> int:
    """compose(user) -> (subject, body). One in-app entry per active person (each once) about
    ``target``, and an e-mail unless ``email`` is off or ``email_if(user)`` says no. Returns
    how many e-mails were sent."""
    sent = 0
    seen = set()
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        with translation.override(user.language or settings.LANGUAGE_CODE):
            subject, body = compose(user)
            Notification.objects.create(
                recipient=user, target=target, text=str(subject)[:300], url=url
            )
            wants = email and user.email and (email_if is None or email_if(user))
            if wants:
                link = f"\n\n{mail.site_link(url)}" if url else ""
                mail.send(subject=subject, body=f"{body}{link}", to=[user.email])
                sent += 1
    return sent


def for_user(user):
    """A person's notifications, newest first."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def unread_count(user) -> int:
    """What the bell shows: one query."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(*, user, notification: Notification) -> Notification:
    """Only the recipient marks a notification read; marking it twice keeps the first time."""
    if not user.is_authenticated or notification.recipient_id != user.pk:
        raise PermissionDenied(_("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_unread(*, user, notification: Notification) -> Notification:
    """Keep something on the list to come back to."""
    if not user.is_authenticated or notification.recipient_id != user.pk:
        raise PermissionDenied(_("This notification is not yours."))
    if notification.read_at is not None:
        notification.read_at = None
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, user) -> int:
    """Everything on the person's list read at once; returns how many changed."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to see your notifications."))
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
