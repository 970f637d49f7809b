"""The contact details a deal reveals: one rule for the deal page and the API.

Contacts appear once both sides consented to the introduction, to the parties and to brokers
(``brokerage.view_deal_contacts``). Each profile's fields then follow the catalogue's
confidential-field rule: a party sees its own profile as owner and the counterpart's through
the introduction (audited by :func:`lintas.brokerage.domain.access.introduction_grant`); a
broker's view of a deal's contacts is audited here, like the parties'.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import rules

from lintas.catalogue.domain.access import can_see_confidential
from lintas.core.domain import audit
from lintas.core.enums import AuditAction
from lintas.core.rules import is_broker


@dataclass(frozen=True)
class DealContacts:
    """``profiles``: the deal's profiles whose contact fields the person sees; ``requester``:
    the person who expressed the interest (None when not shown)."""

    profiles: list = field(default_factory=list)
    requester: object = None

    def __bool__(self) -> bool:
        return bool(self.profiles or self.requester)


def deal_contacts(*, user, deal) -> DealContacts:
    """What of the deal's contacts ``user`` sees now (nothing before the introduction)."""
    if not rules.has_perm("brokerage.view_deal_contacts", user, deal):
        return DealContacts()
    broker = is_broker(user)
    # A broker sees every profile's contacts; their view is audited once, on the deal, below
    # (can_see_confidential would audit each profile again).
    profiles = [
        prof
        for prof in (deal.profile, deal.counterpart_profile)
        if prof is not None and (broker or can_see_confidential(user, prof))
    ]
    if broker:
        audit.record(
            actor=user,
            target=deal,
            action=AuditAction.VIEW,
            summary=f"contacts of deal {deal.pk} seen by {user.username}",
        )
    return DealContacts(profiles=profiles, requester=deal.requester)
