"""Who may do what with a deal, and the consent grant that reveals confidential profile fields.

Parties are the two organisations of a deal: the one that expressed interest (requester) and
the one that owns the profile (owner). Brokers and administrators see and steer every deal;
programme officers follow agreements but not conversations.
"""

from __future__ import annotations

from django.db.models import Q

from lintas.brokerage.enums import Stage
from lintas.core.domain import audit
from lintas.core.enums import AuditAction, Role

PARTY_STAGES = {Stage.MEETING, Stage.NEGOTIATING, Stage.DECLINED}


def is_party(user, deal) -> bool:
    return bool(
        user.is_authenticated
        and user.organisation_id
        and user.organisation_id in (deal.requester_org_id, deal.owner_org_id)
    )


def is_owner_side(user, deal) -> bool:
    return bool(user.is_authenticated and user.organisation_id == deal.owner_org_id)


def can_express_interest(user) -> bool:
    return bool(
        user.is_authenticated and user.organisation_id and user.role in (Role.PROVIDER, Role.SEEKER)
    )


def can_view_deal(user, deal) -> bool:
    return bool(user.is_authenticated and (user.is_broker or is_party(user, deal)))


def can_respond(user, deal) -> bool:
    """The owner organisation's own people answer an interest; brokers may not do it for them."""
    return bool(is_owner_side(user, deal) and user.role in (Role.PROVIDER, Role.SEEKER))


def can_approve(user) -> bool:
    return bool(user.is_authenticated and user.is_broker)


def can_move(user, deal, to: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_broker:
        return True
    return is_party(user, deal) and to in PARTY_STAGES


def can_edit_details(user) -> bool:
    return bool(user.is_authenticated and user.is_broker)


def can_post(user, deal) -> bool:
    return can_view_deal(user, deal)


def can_record_agreement(user) -> bool:
    return bool(user.is_authenticated and user.is_broker)


def can_list_agreements(user) -> bool:
    return bool(user.is_authenticated)


def can_view_agreement(user, agreement) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_broker or user.is_officer:
        return True
    return bool(user.organisation_id and agreement.parties.filter(pk=user.organisation_id).exists())


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
    """Consent grant registered in catalogue.domain.access.CONFIDENTIAL_GRANTS.

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
