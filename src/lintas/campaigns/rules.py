"""Who may do what with campaigns (django-rules); the predicates call
:mod:`lintas.campaigns.domain.access`, which the domain functions check too."""

from __future__ import annotations

import rules

from lintas.campaigns.domain import access


@rules.predicate
def may_view(user, campaign) -> bool:
    return access.can_view(user, campaign)


@rules.predicate
def may_manage(user, campaign) -> bool:
    return access.can_manage(user, campaign)


@rules.predicate
def may_read_reach(user, campaign) -> bool:
    return access.can_read_reach(user, campaign)


@rules.predicate
def is_broker(user) -> bool:
    return access.is_broker(user)


rules.add_perm("campaigns.view_campaign", may_view)
rules.add_perm("campaigns.add_campaign", is_broker)
rules.add_perm("campaigns.change_campaign", may_manage)
rules.add_perm("campaigns.view_reach", may_read_reach)
