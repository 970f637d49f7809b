"""Reusable deal and agreement queries, each a single query for list pages."""

from django.db.models import Q

from lintas.brokerage.models import Agreement, Deal


def deals():
    return Deal.objects.select_related(
        "profile", "profile__organisation", "requester_org", "owner_org", "broker"
    )


def deals_for(user):
    if not user.is_authenticated:
        return Deal.objects.none()
    if user.is_broker:
        return deals()
    if not user.organisation_id:
        return Deal.objects.none()
    return deals().filter(
        Q(requester_org_id=user.organisation_id) | Q(owner_org_id=user.organisation_id)
    )


def board(*, country=None, sector=None, broker=None, event=None):
    return filter_deals(deals(), country=country, sector=sector, broker=broker, event=event)


def filter_deals(qs, *, country=None, sector=None, broker=None, event=None):
    """Deals where either party is in ``country``, the profile in ``sector`` (slug), followed
    by ``broker`` (id), started at ``event`` (id)."""
    if country:
        qs = qs.filter(Q(requester_org__country=country) | Q(owner_org__country=country))
    if sector:
        qs = qs.filter(profile__sectors__slug=sector)
    if broker:
        qs = qs.filter(broker_id=broker)
    if event:
        qs = qs.filter(event_id=event)
    return qs.distinct()


def agreements_for(user):
    qs = Agreement.objects.prefetch_related("parties").order_by("-signed_on", "-id")
    if not user.is_authenticated:
        return qs.none()
    if user.is_broker or user.is_officer:
        return qs
    if not user.organisation_id:
        return qs.none()
    return qs.filter(parties=user.organisation_id)
