"""The consent grant that reveals confidential profile fields to introduced parties.

Who may do what with a deal lives in :mod:`lintas.brokerage.rules`; this module keeps the one
query behind the catalogue's confidential-field grant (an introduction both sides consented to)
and the audit of every view it allows.
"""

from __future__ import annotations

from django.db.models import Q

from lintas.core.domain import audit
from lintas.core.enums import AuditAction


def consented_deals_revealing(user, profile):
    """Introduced deals through which ``user`` is entitled to ``profile``'s confidential fields."""
    from lintas.brokerage.models import Deal

    if not user.is_authenticated or not user.organisation_id:
        return Deal.objects.none()
    return Deal.objects.filter(introduced_at__isnull=False).filter(
        Q(profile=profile, requester_org_id=user.organisation_id)
        | Q(counterpart_profile=profile, owner_org_id=user.organisation_id)
    )


def introduction_grant(user, profile) -> bool:
    """Consent grant, answered to the catalogue's ``confidential_access`` signal (brokerage.receivers).

    The catalogue asks this only for people who are neither owners nor brokers, so a True
    answer means an entitled non-owner is about to see confidential fields: that is logged
    here, the one place both the profile page and the API pass through.
    """
    if not consented_deals_revealing(user, profile).exists():
        return False
    audit.record(
        actor=user,
        target=profile,
        action=AuditAction.VIEW,
        summary=f"confidential fields of {profile.ref} seen by {user.username}",
    )
    return True
