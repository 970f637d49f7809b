"""Who may do what with deals, their messages and agreements (django-rules).

Parties are the two organisations of a deal: the one that expressed interest (requester) and
the one that owns the profile (owner). Brokers and administrators see and steer every deal;
programme officers follow agreements but not conversations.

Pages ask ``request.user.has_perm("brokerage.view_deal", deal)``; the API names the same
permission in ``permission_rules``; the domain functions (:mod:`lintas.brokerage.domain.deals`
and friends) check it again with ``rules.has_perm`` before they change anything (the rule
itself: Django's ``has_perm`` lets an active superuser through every door, while "only the
owner's own people answer an interest" holds for everyone).
"""

from __future__ import annotations

import rules

from lintas.brokerage.enums import Consent, Stage
from lintas.core.enums import Role
from lintas.core.rules import is_broker

# Stages the parties themselves may move a deal to; every other move is the broker's.
PARTY_STAGES = {Stage.MEETING, Stage.NEGOTIATING, Stage.DECLINED}


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def is_officer(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_officer)


@rules.predicate
def is_provider_or_seeker(user) -> bool:
    """A member of an organisation acting for it: providers and seekers (not brokers)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.organisation_id
        and user.role in (Role.PROVIDER, Role.SEEKER)
    )


@rules.predicate
def is_party(user, deal) -> bool:
    """A member of either organisation of the deal."""
    return bool(
        deal is not None
        and user.is_authenticated
        and user.organisation_id
        and user.organisation_id in (deal.requester_org_id, deal.owner_org_id)
    )


@rules.predicate
def is_owner_side(user, deal) -> bool:
    """A member of the organisation that owns the profile asked about."""
    return bool(
        deal is not None
        and user.is_authenticated
        and user.organisation_id
        and user.organisation_id == deal.owner_org_id
    )


@rules.predicate
def is_requester_side(user, deal) -> bool:
    """A member of the organisation that asked (or was introduced by a broker)."""
    return bool(
        deal is not None
        and user.is_authenticated
        and user.organisation_id
        and user.organisation_id == deal.requester_org_id
    )


@rules.predicate
def requester_is_asked(user, deal) -> bool:
    """A broker introduced the pair and the requesting side has not answered yet."""
    return bool(deal is not None and deal.requester_consent == Consent.PENDING)


@rules.predicate
def is_introduced(user, deal) -> bool:
    return bool(deal is not None and deal.is_introduced)


@rules.predicate
def is_agreement_party(user, agreement) -> bool:
    return bool(
        agreement is not None
        and user.is_authenticated
        and user.organisation_id
        and agreement.parties.filter(pk=user.organisation_id).exists()
    )


@rules.predicate
def is_conversation_member(user, conversation) -> bool:
    return bool(
        conversation is not None
        and user.is_authenticated
        and conversation.people.filter(pk=user.pk).exists()
    )


def may_move_to(user, deal, stage: str) -> bool:
    """A stage move needs two things the permission alone cannot hold: who moves, and where.
    Brokers move a deal anywhere; parties only to :data:`PARTY_STAGES`."""
    if not rules.has_perm("brokerage.move_deal", user, deal):
        return False
    return bool(is_broker(user) or stage in PARTY_STAGES)


# Ask to be introduced to a profile's owner (object: none; the domain checks the profile).
rules.add_perm("brokerage.express_interest", is_provider_or_seeker)
# See a deal, its thread and its files; post in its conversation. Object: the Deal.
rules.add_perm("brokerage.view_deal", is_broker | is_party)
rules.add_perm("brokerage.post_message", is_broker | is_party)
# The owner organisation's own people answer an interest; brokers may not do it for them.
# When a broker introduced the pair, the requesting organisation's people answer as well.
rules.add_perm(
    "brokerage.respond_deal",
    (is_owner_side | (is_requester_side & requester_is_asked)) & is_provider_or_seeker,
)
# Where the network requires it, a broker approves the introduction too.
rules.add_perm("brokerage.approve_deal", is_broker)
# Move a deal's stage (parties: only to PARTY_STAGES, see may_move_to).
rules.add_perm("brokerage.move_deal", is_broker | is_party)
# A deal's note, broker and event; the deal board of every deal.
rules.add_perm("brokerage.change_deal_details", is_broker)
rules.add_perm("brokerage.view_board", is_broker)
# Contact details of a deal: once both sides consented, for the parties and brokers (a broker's
# view is audited, see lintas.brokerage.domain.contacts). Object: the Deal.
rules.add_perm("brokerage.view_deal_contacts", (is_broker | is_party) & is_introduced)
# The agreements registry: brokers record; brokers, officers and signatories read.
rules.add_perm("brokerage.record_agreement", is_broker)
rules.add_perm("brokerage.list_agreements", is_signed_in)
rules.add_perm("brokerage.view_agreement", is_broker | is_officer | is_agreement_party)
# A conversation another app opened (a consultation's): only the people it names read and
# write in it, brokers included only if named. Object: the Conversation.
rules.add_perm("brokerage.view_conversation", is_conversation_member)
rules.add_perm("brokerage.post_in_conversation", is_conversation_member)
# The broker's inbox: what waits for a broker across the network (brokers and administrators).
rules.add_perm("brokerage.view_inbox", is_broker)
# The network-wide match view and what brokers do there: introduce, pin, dismiss, note, pair.
rules.add_perm("brokerage.act_on_matches", is_broker)
