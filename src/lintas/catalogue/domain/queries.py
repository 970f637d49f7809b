"""Reusable profile queries."""

from django.db.models import Count, Q

from lintas.catalogue.enums import ProfileKind, ProfileStatus
from lintas.catalogue.models import Profile

LISTS_VERSION_KEY = "catalogue:lists-version"


def lists_version() -> int:
    """A number that changes whenever what the public lists show may have changed; the list
    pages' facet counts are cached under it (``ProfileFilter.facet_counts``)."""
    from django.core.cache import cache

    return cache.get_or_set(LISTS_VERSION_KEY, 1, None)


def lists_changed() -> None:
    """Called after a commit that published, edited, translated, withdrew, archived or expired
    a profile (beside the ``public_profile_changed`` signal)."""
    from django.core.cache import cache

    try:
        cache.incr(LISTS_VERSION_KEY)
    except ValueError:  # not set yet (or evicted): any new number will do
        cache.set(LISTS_VERSION_KEY, 2, None)


def published():
    return Profile.objects.filter(status=ProfileStatus.PUBLISHED)


def for_list():
    """What list pages need in one query each: organisation joined, sectors and translations
    prefetched (cards show the reader's language)."""
    return published().select_related("organisation").prefetch_related("sectors", "translations")


def visible_to(user):
    if user.is_authenticated and user.is_broker:
        return Profile.objects.all()
    if user.is_authenticated and user.organisation_id:
        return Profile.objects.filter(
            Q(status=ProfileStatus.PUBLISHED) | Q(organisation_id=user.organisation_id)
        )
    return published()


def validation_queue(*, kind=None, country=None, sector=None, language=None):
    """Submitted profiles, oldest submission first, optionally narrowed by kind, the owner's
    country, a sector and the profile's language."""
    qs = Profile.objects.filter(status=ProfileStatus.SUBMITTED)
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(organisation__country=country)
    if sector:
        qs = qs.filter(sectors=sector)
    if language:
        qs = qs.filter(content_language=language)
    return (
        qs.select_related("organisation", "created_by")
        .prefetch_related("sectors", "translations")  # the quality check reads translations
        .order_by("submitted_at", "id")
    )


def figures() -> dict:
    """Headline figures: published offers and needs (one query)."""
    return Profile.objects.aggregate(
        offers=Count("id", filter=Q(kind=ProfileKind.OFFER, status=ProfileStatus.PUBLISHED)),
        needs=Count("id", filter=Q(kind=ProfileKind.NEED, status=ProfileStatus.PUBLISHED)),
    )


def validation_counts() -> dict[str, int]:
    """Submitted profiles waiting per kind, in one query."""
    rows = (
        Profile.objects.filter(status=ProfileStatus.SUBMITTED)
        .order_by()
        .values("kind")
        .annotate(n=Count("id"))
    )
    return {row["kind"]: row["n"] for row in rows}
