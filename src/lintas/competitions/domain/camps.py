"""The camp: a cohort of selected entries, mentors from the talent directory, and the
programmes app's training machinery for sessions, attendance and certificates (the camp runs a
training programme; each team member of the cohort is one of its participants)."""

from __future__ import annotations

import datetime as dt

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lintas.competitions.enums import EntryStatus
from lintas.competitions.models import Camp
from lintas.core.domain import audit
from lintas.core.enums import AuditAction
from lintas.programmes.enums import ProgrammeKind
from lintas.programmes.models import Participant, Programme, TrainingSession


def _officer(user):
    if not rules.has_perm("competitions.manage_competitions", user):
        raise PermissionDenied(_("Only programme officers run camps."))


@transaction.atomic
def create_camp(*, user, competition, name: str, location: str = "") -> Camp:
    _officer(user)
    if not name.strip():
        raise ValidationError(_("Name the camp."))
    base = slugify(f"{competition.slug}-{name}")[:70] or f"camp-{competition.pk}"
    slug, n = base, 1
    while Programme.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    programme = Programme.objects.create(
        slug=slug,
        name=name.strip()[:200],
        kind=ProgrammeKind.TRAINING,
        description=_("Camp of %(competition)s") % {"competition": competition.name},
    )
    camp = Camp.objects.create(
        competition=competition, name=name.strip()[:200], programme=programme,
        location=location.strip()[:200],
    )  # fmt: skip
    audit.record(actor=user, target=competition, action=AuditAction.UPDATE,
                 summary=f"camp created: {camp.name}")  # fmt: skip
    return camp


@transaction.atomic
def add_to_cohort(*, user, camp, entry) -> int:
    """Select an entry for the camp: every team member becomes a participant of the camp's
    training programme (their talent profile's user and organisation when they have one).
    Returns how many participants were added."""
    _officer(user)
    if entry.competition_id != camp.competition_id or entry.status != EntryStatus.ELIGIBLE:
        raise ValidationError(_("Only eligible entries of this competition join its camp."))
    if camp.cohort.filter(pk=entry.pk).exists():
        raise ValidationError(_("This entry is already in the camp."))
    camp.cohort.add(entry)
    added = 0
    for m in entry.members.select_related("talent__user"):
        talent = m.talent
        Participant.objects.create(
            programme=camp.programme,
            name=m.name,
            country=m.nationality,
            organisation=entry.organisation if entry.organisation_id else None,
            user=talent.user if talent else None,
            email=talent.user.email if talent else "",
        )
        added += 1
    audit.record(actor=user, target=camp.competition, action=AuditAction.UPDATE,
                 summary=f"camp {camp.name}: {entry.project_name} joined ({added} people)")  # fmt: skip
    return added


@transaction.atomic
def add_mentor(*, user, camp, talent):
    _officer(user)
    if not talent.listed:
        raise ValidationError(_("This talent is not listed in the directory."))
    camp.mentors.add(talent)
    return talent


@transaction.atomic
def add_session(*, user, camp, title: str, date: dt.date, location: str = "") -> TrainingSession:
    """A camp session is a session of the camp's training programme; attendance and
    certificates then work as for any training (programmes pages)."""
    _officer(user)
    if not title.strip():
        raise ValidationError(_("Give the session a title."))
    return TrainingSession.objects.create(
        programme=camp.programme, title=title.strip()[:200], date=date,
        location=location.strip()[:200] or camp.location,
    )  # fmt: skip
