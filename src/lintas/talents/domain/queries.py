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


def consultations_for(user):
    """Consultations ``user`` takes part in (as asker or as the talent); brokers see all."""
    from lintas.talents.models import Consultation

    qs = Consultation.objects.select_related("talent", "requester__organisation", "profile")
    if user.is_authenticated and user.is_broker:
        return qs
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(Q(requester=user) | Q(talent__user=user))


def consultations_waiting(*, older_than_days: int = 0):
    """Requests no talent has answered yet (oldest first): for the broker inbox, which may
    call this to nudge talents or step in."""
    import datetime as dt

    from django.utils import timezone

    from lintas.talents.enums import ConsultationStatus
    from lintas.talents.models import Consultation

    qs = Consultation.objects.filter(status=ConsultationStatus.REQUESTED)
    if older_than_days:
        qs = qs.filter(created_at__lte=timezone.now() - dt.timedelta(days=older_than_days))
    return qs.select_related("talent", "requester").order_by("created_at", "id")


def figures() -> dict:
    """Talents who accepted at least one consultation ("experts consulted"), counted live. The
    home page and the dashboard read insights' figure "consulted" (the same definition, from
    the summary); this stays for the demo's printed figures and quick checks."""
    from lintas.talents.enums import ConsultationStatus
    from lintas.talents.models import Consultation

    accepted = Consultation.objects.filter(status=ConsultationStatus.ACCEPTED)
    return {"experts_consulted": accepted.values("talent_id").distinct().count()}
