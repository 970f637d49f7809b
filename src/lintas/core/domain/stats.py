"""Headline figures for the home page, computed live in the database."""

from django.db.models import Count, Q

from lintas.catalogue.enums import ProfileKind, ProfileStatus
from lintas.catalogue.models import Profile
from lintas.core.models import Organisation

# Other apps (brokerage: agreements; events: meetings) add figures by registering
# callables returning {key: (label, value)}.
FIGURE_PROVIDERS: list = []


def headline_figures() -> dict:
    counts = Profile.objects.aggregate(
        offers=Count("id", filter=Q(kind=ProfileKind.OFFER, status=ProfileStatus.PUBLISHED)),
        needs=Count("id", filter=Q(kind=ProfileKind.NEED, status=ProfileStatus.PUBLISHED)),
    )
    figures = {
        "offers": counts["offers"],
        "needs": counts["needs"],
        "organisations": Organisation.objects.count(),
        "members": Organisation.objects.exclude(member_type="").count(),
        "countries": Organisation.objects.values("country").distinct().count(),
    }
    for provider in FIGURE_PROVIDERS:
        figures.update(provider())
    return figures
