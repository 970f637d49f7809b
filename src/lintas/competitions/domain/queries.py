"""Reusable queries of competitions."""

from __future__ import annotations

from lintas.competitions.enums import EntryStatus
from lintas.competitions.models import Entry


def entries(competition):
    return (
        Entry.objects.filter(competition=competition)
        .select_related("group", "field__sector", "organisation", "stage")
        .order_by("number")
    )


def in_stage(stage):
    """Entries competing in a stage: eligible and currently at it."""
    return entries(stage.competition).filter(stage=stage, status=EntryStatus.ELIGIBLE)


def public_awards(competition):
    """Awards the public results show: none of a withdrawn entry."""
    return competition.awards.exclude(entry__status=EntryStatus.WITHDRAWN)


def visible_competitions(user):
    from lintas.competitions.enums import CompetitionStatus
    from lintas.competitions.models import Competition

    qs = Competition.objects.all()
    if not user.has_perm("competitions.manage_competitions"):
        qs = qs.exclude(status=CompetitionStatus.DRAFT)
    return qs


def entries_for(user, competition=None):
    """What one person may list: every entry for officers, otherwise their own."""
    qs = Entry.objects.select_related("competition", "group", "field__sector")
    if competition is not None:
        qs = qs.filter(competition=competition)
    if user.has_perm("competitions.manage_competitions"):
        return qs
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(submitted_by=user)
