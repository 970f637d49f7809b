"""Every e-mail Lintas sends goes through :func:`send`.

Subjects are often built from names people typed (a user's full name, an organisation, an
event title). Django refuses a header containing CR or LF (``BadHeaderError``) to stop header
injection, which used to turn a posted message into a 500 and lose it. Here the subject is
flattened to one line first, so a newline in a name can neither inject a header nor break
the send. Bodies may contain newlines; they are not headers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import send_mail

# CR, LF and the other line breaks Python's str.splitlines() knows (NEL, LS, PS, VT, FF...).
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
SUBJECT_MAX = 200


def flat_subject(text) -> str:
    """One line, single-spaced, at most SUBJECT_MAX characters."""
    flat = _LINE_BREAKS.sub(" ", str(text))
    flat = " ".join(flat.split())
    return flat if len(flat) <= SUBJECT_MAX else flat[: SUBJECT_MAX - 1] + "…"


def send(*, subject, body: str, to: Sequence[str], fail_silently: bool = False) -> int:
    """Send one e-mail to ``to`` from ``DEFAULT_FROM_EMAIL``; returns 1 if sent."""
    recipients = [address for address in to if address]
    if not recipients:
        return 0
    return send_mail(
        subject=flat_subject(subject),
        message=str(body),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
        fail_silently=fail_silently,
    )


def site_link(path: str) -> str:
    """An absolute link for an e-mail: LINTAS_SITE_URL + path (never the request's Host)."""
    return settings.SITE_URL + path
