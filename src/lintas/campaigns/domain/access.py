"""Who may see and run a campaign: the one place the rules (``campaigns/rules.py``), the pages,
the API and the domain functions ask."""

from __future__ import annotations


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_broker(user) -> bool:
    return _active(user) and user.is_broker


def can_view(user, campaign) -> bool:
    """Public campaigns are for everyone; drafts only for brokers (who may join them)."""
    return campaign is not None and (campaign.published or is_broker(user))


def can_manage(user, campaign) -> bool:
    """The brokers who run the campaign and administrators: they curate its offers, write its
    briefs and read its reach."""
    if campaign is None or not is_broker(user):
        return False
    if user.is_administrator:
        return True
    return campaign.brokers.filter(pk=user.pk).exists()


def can_read_reach(user, campaign) -> bool:
    """Reach and follow-up figures: any broker (the network's staff) and the campaign's own."""
    return campaign is not None and is_broker(user)
