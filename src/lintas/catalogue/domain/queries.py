"""Reusable profile queries."""

from django.db.models import Count, Q

from lintas.catalogue.enums import ProfileKind, ProfileStatus
from lintas.catalogue.models import Profile


def published():
    return Profile.objects.filter(status=ProfileStatus.PUBLISHED)


def for_list():
    """What list pages need in one query each: organisation joined, sectors prefetched."""
    return published().select_related("organisation").prefetch_related("sectors")


def visible_to(user):
    if user.is_authenticated and user.is_broker:
        return Profile.objects.all()
    if user.is_authenticated and user.organisation_id:
        return Profile.objects.filter(
            Q(status=ProfileStatus.PUBLISHED) | Q(organisation_id=user.organisation_id)
        )
    return published()


def validation_queue():
    return (
        Profile.objects.filter(status=ProfileStatus.SUBMITTED)
        .select_related("organisation", "created_by")
        .prefetch_related("sectors")
        .order_by("submitted_at")
    )


def figures() -> dict:
    """Headline figures: published offers and needs (one query)."""
    return Profile.objects.aggregate(
        offers=Count("id", filter=Q(kind=ProfileKind.OFFER, status=ProfileStatus.PUBLISHED)),
        needs=Count("id", filter=Q(kind=ProfileKind.NEED, status=ProfileStatus.PUBLISHED)),
    )
