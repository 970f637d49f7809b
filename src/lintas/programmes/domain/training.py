"""Training sessions: attendance and certificates."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

# Share of sessions a participant must attend to receive a certificate.
CERTIFICATE_SHARE = 0.8


@transaction.atomic
def set_attendance(*, user, session, participant_ids) -> int:
    """Replace the attendance list of one session; returns how many attended."""
    if not rules.has_perm("programmes.manage_programmes", user):
        raise PermissionDenied(_("Only programme officers record attendance."))
    try:
        ids = {int(i) for i in participant_ids}
    except (TypeError, ValueError):
        raise ValidationError(_("Some participants do not belong to this programme.")) from None
    participants = list(session.programme.participants.filter(pk__in=ids))
    if len(participants) != len(ids):
        raise ValidationError(_("Some participants do not belong to this programme."))
    session.attendees.set(participants)
    return len(participants)


def certificate(participant) -> dict:
    """Whether the participant earned a certificate, with the figures behind it."""
    total = participant.programme.sessions.count()
    attended = participant.attended.count()
    earned = total > 0 and attended >= CERTIFICATE_SHARE * total
    return {"total": total, "attended": attended, "earned": earned}
