"""Setting up an edition: the competition itself, its groups' eligibility rules (the programmes'
rule format, checked by its ``validate_rules``), its fields and its stages with their rubric."""

from __future__ import annotations

import datetime as dt

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lintas.competitions.enums import CompetitionStatus, Criterion, GroupKind, TieBreak
from lintas.competitions.models import Competition, Field, Group, Stage
from lintas.core.domain import audit
from lintas.core.enums import AuditAction
from lintas.programmes.domain import eligibility


def _officer(user):
    if not rules.has_perm("competitions.manage_competitions", user):
        raise PermissionDenied(_("Only programme officers set up competitions."))


@transaction.atomic
def create_competition(*, user, name: str, edition: int, organisers: str = "",
                       description: str = "", sectors=()) -> Competition:  # fmt: skip
    """A draft edition with an enterprise and a team group (no rules yet) and a field per
    chosen sector; stages and rules are added next."""
    _officer(user)
    if not name.strip():
        raise ValidationError({"name": _("Name the competition.")})
    if not 1 <= int(edition) <= 999:
        raise ValidationError({"edition": _("The edition is a number from 1 to 999.")})
    base = slugify(f"{name[:60]} {edition}") or f"competition-{edition}"
    slug, n = base, 1
    while Competition.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    competition = Competition.objects.create(
        slug=slug, name=name.strip()[:200], edition=int(edition), organisers=organisers[:300],
        description=description[:5000], status=CompetitionStatus.DRAFT,
    )  # fmt: skip
    for kind in GroupKind.values:
        Group.objects.create(competition=competition, kind=kind)
    for i, sector in enumerate(sectors):
        Field.objects.create(competition=competition, name=sector.name, sector=sector, position=i)
    audit.record(actor=user, target=competition, action=AuditAction.CREATE,
                 summary="competition created")  # fmt: skip
    return competition


@transaction.atomic
def update_competition(*, user, competition, name: str, edition: int, organisers: str,
                       description: str, status: str, tie_break) -> Competition:  # fmt: skip
    """Change the edition's details, status and tie-break rules. The rules are published on
    its page: once a stage is being judged they no longer change."""
    _officer(user)
    if status not in CompetitionStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    rules_ = [r for r in tie_break if r]
    if len(set(rules_)) != len(rules_) or set(rules_) - set(TieBreak.values):
        raise ValidationError({"tie_break": _("Choose each tie-break rule at most once.")})
    judging = competition.stages.exclude(status="planned").exists()
    if judging and rules_ != competition.tie_break_rules:
        raise ValidationError(
            {"tie_break": _("Judging has started: the published tie-break rules stay as they are.")}
        )
    before = {"name": competition.name, "status": competition.status,
              "tie_break": competition.tie_break_rules}  # fmt: skip
    competition.name = name.strip()[:200] or competition.name
    competition.edition = int(edition)
    competition.organisers = organisers[:300]
    competition.description = description[:5000]
    competition.status = status
    competition.tie_break = rules_
    competition.save()
    audit.record(actor=user, target=competition, action=AuditAction.UPDATE,
                 summary="competition changed",
                 changes=audit.diff(before=before, after={"name": competition.name,
                                                          "status": status,
                                                          "tie_break": rules_}))  # fmt: skip
    return competition


@transaction.atomic
def set_group_rules(*, user, group, rules: dict) -> Group:
    """Replace a group's eligibility rules after the programmes' evaluator checked them."""
    _officer(user)
    clean = {k: v for k, v in rules.items() if v not in (None, "", [])}
    problems = eligibility.validate_rules(clean)
    if problems:
        raise ValidationError(problems)
    before = group.eligibility
    group.eligibility = clean
    group.save(update_fields=["eligibility"])
    audit.record(actor=user, target=group.competition, action=AuditAction.UPDATE,
                 summary=f"eligibility rules of the {group.kind} group",
                 changes={"eligibility": [before, clean]})  # fmt: skip
    return group


@transaction.atomic
def add_field(*, user, competition, sector=None, name: str = "") -> Field:
    _officer(user)
    name = (name or (sector.name if sector else "")).strip()[:120]
    if not name:
        raise ValidationError(_("Name the field or choose a sector."))
    if sector is not None and competition.fields.filter(sector=sector).exists():
        raise ValidationError(_("This field is already in the competition."))
    return Field.objects.create(competition=competition, name=name, sector=sector,
                                position=competition.fields.count())  # fmt: skip


@transaction.atomic
def save_stage(*, user, competition, name: str, starts_on: dt.date, ends_on: dt.date,
               judges_per_entry: int, advance_per_cell: int, is_final: bool, rubric: dict,
               stage=None) -> Stage:  # fmt: skip
    """Add or change a stage. ``rubric``: {criterion: weight}; weight 0 leaves it out. The
    rubric of a stage that has scores no longer changes (scores would mean different things)."""
    _officer(user)
    if not name.strip():
        raise ValidationError({"name": _("Name the stage.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The stage cannot end before it starts.")})
    if not 1 <= judges_per_entry <= 15 or advance_per_cell < 1:
        raise ValidationError(_("Give at least one judge per entry and one entry advancing."))
    rows = []
    for key, weight in rubric.items():
        if key not in Criterion.values:
            raise ValidationError(_("Unknown criterion: %s.") % key)
        if weight and weight > 0:
            rows.append({"criterion": key, "weight": int(weight)})
    if not rows:
        raise ValidationError(_("Give at least one criterion a weight."))
    if (
        stage is not None
        and stage.rubric != rows
        and stage.assignments.filter(score__isnull=False).exists()
    ):
        raise ValidationError(_("This stage has scores: its rubric stays as it is."))
    if stage is None:
        position = (competition.stages.order_by("-position").values_list("position", flat=True)
                    .first() or 0) + 1  # fmt: skip
        stage = Stage(competition=competition, position=position)
    stage.name = name.strip()[:120]
    stage.starts_on, stage.ends_on = starts_on, ends_on
    stage.judges_per_entry, stage.advance_per_cell = judges_per_entry, advance_per_cell
    stage.is_final, stage.rubric = is_final, rows
    stage.save()
    audit.record(actor=user, target=competition, action=AuditAction.UPDATE,
                 summary=f"stage saved: {stage.name}")  # fmt: skip
    return stage
