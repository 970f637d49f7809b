"""Reusable querysets for lists (kept here so pages and API agree on select_related)."""

from lintas.programmes.enums import CallStatus, PlacementStatus
from lintas.programmes.models import Application, Call, Placement, Review


def public_calls():
    return Call.objects.exclude(status=CallStatus.DRAFT).select_related("programme")


def applications_of_call(call):
    return Application.objects.filter(call=call).select_related("applicant", "call").order_by("pk")


def my_applications(user):
    return Application.objects.filter(applicant=user).select_related("call", "placement__host")


def my_reviews(user):
    return (
        Review.objects.filter(reviewer=user)
        .select_related("application__call")
        .order_by("submitted_at", "pk")
    )


def placements():
    return Placement.objects.select_related(
        "application__call", "application__applicant", "host__organisation"
    ).prefetch_related("changes")


def alumni():
    return placements().filter(status=PlacementStatus.COMPLETED)


def figures() -> dict:
    """Headline figures for the home page."""
    return {
        "placements": Placement.objects.exclude(status=PlacementStatus.CANCELLED).count(),
    }
