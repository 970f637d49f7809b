"""Reusable queries of the talent directory."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from lintas.programmes.enums import ApplicationStatus
from lintas.programmes.models import Application
from lintas.programmes.models import Participant as Trainee
from lintas.talents.models import Talent


def alumni_flag():
    """True for people accepted to a talent programme or trained in a training programme."""
    accepted = Application.objects.filter(
        applicant=OuterRef("user_id"), status=ApplicationStatus.ACCEPTED
    )
    trained = Trainee.objects.filter(user=OuterRef("user_id"))
    return Exists(accepted) | Exists(trained)


def listed():
    """Talents in the directory, with what a list row shows already fetched."""
    return (
        Talent.objects.filter(listed=True)
        .select_related("organisation")
        .prefetch_related("sectors")
        .annotate(is_alumnus=alumni_flag())
    )


def directory(
    *,
    q: str = "",
    country: str = "",
    field: str = "",
    language: str = "",
    role: str = "",
    alumni: bool = False,
):
    """The directory filtered; ``q`` looks at public words only (name, position, keywords)
    so that a filter cannot reveal what a talent showed to members only."""
    qs = listed()
    if country:
        qs = qs.filter(country=country.upper())
    if field:
        qs = qs.filter(sectors__slug=field)
    # Codes are stored as a JSON list; a quoted code matches exactly one element on SQLite
    # and PostgreSQL alike (no code is part of another once quoted).
    if language:
        qs = qs.filter(languages__icontains=f'"{language}"')
    if role:
        qs = qs.filter(roles__icontains=f'"{role}"')
    if alumni:
        qs = qs.filter(is_alumnus=True)
    for word in q.split()[:8]:
        qs = qs.filter(
            Q(name__icontains=word) | Q(keywords__icontains=word) | Q(position__icontains=word)
        )
    return qs.distinct()


def listed_or_all():
    """Every talent (the page then asks the view rule), with the alumni flag."""
    return Talent.objects.annotate(is_alumnus=alumni_flag())
