"""Rankings of a stage (normalised across judges, ties broken by the competition's published
rules) and the decisions that follow: advancement of the top N of each group and field, and
the final's prizes."""

from __future__ import annotations

from collections import defaultdict

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lintas.competitions.domain import queries
from lintas.competitions.domain.normalise import normalise
from lintas.competitions.enums import AwardKind, StageStatus, TieBreak
from lintas.competitions.models import Advancement, Award, Score
from lintas.core.domain import audit
from lintas.core.enums import AuditAction

PRIZE_PLACES = 3


def _heaviest(stage) -> str | None:
    criteria = stage.criteria
    return max(criteria, key=lambda c: c["weight"])["criterion"] if criteria else None


def ranking(stage, *, by_field: bool = True) -> list[dict]:
    """Every entry of the stage with its raw mean, normalised score and rank in its cell (group
    and field; group only with ``by_field=False``), cells in order, best first. Entries
    without scores come last in their cell, unranked."""
    entries = list(queries.in_stage(stage) if stage.status != StageStatus.DONE else _decided(stage))
    scores = list(
        Score.objects.filter(assignment__stage=stage).values_list(
            "assignment__entry_id", "assignment__judge_id", "total", "values"
        )
    )
    assigned = defaultdict(int)
    for entry_id in stage.assignments.values_list("entry_id", flat=True):
        assigned[entry_id] += 1
    total = normalise((e, j, t) for e, j, t, _v in scores)
    heavy = _heaviest(stage)
    by_heavy = normalise((e, j, v.get(heavy, 0)) for e, j, _t, v in scores) if heavy else {}
    rows = []
    for entry in entries:
        n = total.get(entry.pk)
        rows.append(
            {
                "entry": entry,
                "raw_mean": n.raw_mean if n else None,
                "normalised": n.normalised if n else None,
                "spread": n.spread if n else None,
                "heaviest": by_heavy[entry.pk].z_mean if entry.pk in by_heavy else None,
                "scores": n.count if n else 0,
                "assigned": assigned[entry.pk],
            }
        )
    rules_ = stage.competition.tie_break_rules

    def key(row):
        entry = row["entry"]
        cell = (entry.group.kind, entry.field.position, entry.field_id) if by_field else (
            entry.group.kind,)  # fmt: skip
        if row["normalised"] is None:
            return (cell, 1, 0.0, (), entry.number)
        breaks = []
        for rule in rules_:
            if rule == TieBreak.HEAVIEST:
                breaks.append(-(row["heaviest"] or 0.0))
            elif rule == TieBreak.RAW:
                breaks.append(-row["raw_mean"])
            elif rule == TieBreak.AGREEMENT:
                breaks.append(row["spread"])
            elif rule == TieBreak.EARLIER:
                breaks.append(entry.created_at.timestamp())
        return (cell, 0, -round(row["normalised"], 6), tuple(breaks), entry.number)

    rows.sort(key=key)
    previous, rank = None, 0
    for row in rows:
        cell = key(row)[0]
        rank = rank + 1 if cell == previous else 1
        previous = cell
        row["rank"] = rank if row["normalised"] is not None else None
        row["cell"] = cell
    return rows


def _decided(stage):
    ids = stage.advancements.values_list("entry_id", flat=True)
    return queries.entries(stage.competition).filter(pk__in=ids)


def _check_complete(stage):
    if stage.status != StageStatus.JUDGING:
        raise ValidationError(_("Assign judges before deciding the stage."))
    missing = stage.assignments.filter(score__isnull=True).count()
    if missing:
        raise ValidationError(_("%(n)d assigned scores are still missing.") % {"n": missing})


@transaction.atomic
def advance(*, user, stage) -> list[Advancement]:
    """Decide a stage: the top N entries of each group and field (by normalised score, ties
    broken by the published rules) go on to the next stage. Every entry keeps its rank and
    scores as the stage's result."""
    if not rules.has_perm("competitions.manage_competitions", user):
        raise PermissionDenied(_("Only programme officers decide stages."))
    nxt = stage.next_stage()
    if nxt is None:
        raise ValidationError(_("This is the last stage: award the prizes instead."))
    _check_complete(stage)
    rows = ranking(stage)
    results = []
    for row in rows:
        went_on = row["rank"] is not None and row["rank"] <= stage.advance_per_cell
        results.append(
            Advancement(
                stage=stage,
                entry=row["entry"],
                rank=row["rank"] or 0,
                raw_mean=row["raw_mean"] or 0.0,
                normalised=row["normalised"] or 0.0,
                advanced=went_on,
            )
        )
        if went_on:
            row["entry"].stage = nxt
            row["entry"].save(update_fields=["stage"])
    Advancement.objects.bulk_create(results)
    stage.status = StageStatus.DONE
    stage.save(update_fields=["status"])
    went = sum(r.advanced for r in results)
    audit.record(
        actor=user,
        target=stage,
        action=AuditAction.STATUS,
        summary=f"stage decided: {went} of {len(results)} entries advance to {nxt.name}",
    )
    return results


@transaction.atomic
def award_prizes(*, user, stage) -> list[Award]:
    """Decide the final: the three best entries of each group (normalised, ties broken by the
    published rules) win first, second and third prizes."""
    if not rules.has_perm("competitions.manage_competitions", user):
        raise PermissionDenied(_("Only programme officers award prizes."))
    if not stage.is_final:
        raise ValidationError(_("Prizes are awarded at the final."))
    _check_complete(stage)
    rows = ranking(stage, by_field=False)
    Advancement.objects.bulk_create(
        [
            Advancement(
                stage=stage,
                entry=r["entry"],
                rank=r["rank"] or 0,
                raw_mean=r["raw_mean"] or 0.0,
                normalised=r["normalised"] or 0.0,
                advanced=bool(r["rank"] and r["rank"] <= PRIZE_PLACES),
            )
            for r in rows
        ]
    )
    competition = stage.competition
    Award.objects.filter(competition=competition, kind=AwardKind.WINNER).delete()
    awards = Award.objects.bulk_create(
        [
            Award(
                competition=competition,
                kind=AwardKind.WINNER,
                group=r["entry"].group,
                place=r["rank"],
                entry=r["entry"],
            )
            for r in rows
            if r["rank"] and r["rank"] <= PRIZE_PLACES
        ]
    )
    stage.status = StageStatus.DONE
    stage.save(update_fields=["status"])
    audit.record(
        actor=user,
        target=competition,
        action=AuditAction.STATUS,
        summary=f"prizes awarded at {stage.name}: {len(awards)}",
    )
    return awards


@transaction.atomic
def add_special_award(*, user, competition, name: str, entry) -> Award:
    """A special award (e.g. "Creative Stars") to a finalist or any eligible entry."""
    if not rules.has_perm("competitions.manage_competitions", user):
        raise PermissionDenied(_("Only programme officers award prizes."))
    if entry.competition_id != competition.pk:
        raise ValidationError(_("This entry is not in this competition."))
    if not name.strip():
        raise ValidationError(_("Name the award."))
    award = Award.objects.create(
        competition=competition, kind=AwardKind.SPECIAL, name=name.strip()[:120], entry=entry
    )
    audit.record(
        actor=user,
        target=competition,
        action=AuditAction.UPDATE,
        summary=f"special award {award.name}: {entry.project_name}",
    )
    return award


@transaction.atomic
def publish_results(*, user, competition, published: bool = True):
    if not rules.has_perm("competitions.manage_competitions", user):
        raise PermissionDenied(_("Only programme officers publish results."))
    if published and not competition.awards.exists():
        raise ValidationError(_("Award the prizes before publishing the results."))
    competition.results_published = published
    competition.save(update_fields=["results_published"])
    audit.record(
        actor=user,
        target=competition,
        action=AuditAction.STATUS,
        summary="results published" if published else "results withdrawn",
    )
    return competition
