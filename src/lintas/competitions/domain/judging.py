"""Judges and their entries: pools from the talent directory, conflicts of interest, the
assignment of entries to judges (the programmes' assignment engine), and scoring on the
stage's weighted rubric with every change in the audit log."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lintas.competitions.domain import queries
from lintas.competitions.enums import SCORE_MAX, SCORE_MIN, StageStatus
from lintas.competitions.models import Assignment, Conflict, Judge, Score
from lintas.core.domain import audit
from lintas.core.enums import AuditAction
from lintas.programmes import assignment as engine
from lintas.programmes.domain import affinity
from lintas.programmes.domain.review import readable
from lintas.talents.models import Publication


def _officer(user, what: str):
    if not rules.has_perm("competitions.manage_competitions", user):
        raise PermissionDenied(what)


@transaction.atomic
def add_judge(*, user, stage, talent, max_load: int = 10) -> Judge:
    """Put a talent from the directory on a stage's judge pool."""
    _officer(user, _("Only programme officers choose judges."))
    if not talent.listed:
        raise ValidationError(_("This talent is not listed in the directory."))
    if stage.judges.filter(talent=talent).exists():
        raise ValidationError(_("%(name)s already judges this stage.") % {"name": talent.name})
    if not 1 <= int(max_load) <= 200:
        raise ValidationError(_("A judge takes between 1 and 200 entries."))
    judge = Judge.objects.create(stage=stage, talent=talent, max_load=int(max_load))
    audit.record(
        actor=user,
        target=stage,
        action=AuditAction.UPDATE,
        summary=f"judge added: {talent.name}",
    )
    return judge


def _organisations(talent) -> set[int]:
    ids = {talent.organisation_id, getattr(talent.user, "organisation_id", None)}
    return {i for i in ids if i}


def conflict_reasons(*, talent, entry, declared=None, titles=None) -> list[str]:
    """Why this talent may not judge this entry (empty: no conflict): a member of its team,
    the same organisation as the entrant or a team member, a publication co-authored with a
    team member (a title both list in the directory), or a declared conflict.

    ``declared`` and ``titles`` ({talent id: set of normalised titles}) may be passed in by
    callers that check many pairs, to save queries."""
    found = []
    members = list(entry.members.all())
    member_talents = [m.talent for m in members if m.talent_id]
    if any(t.pk == talent.pk for t in member_talents):
        found.append(_("a member of the team"))
    theirs = _organisations(talent)
    entrant = {entry.organisation_id} | {
        o for t in member_talents if t.pk != talent.pk for o in _organisations(t)
    }
    if theirs & entrant:
        found.append(_("same organisation"))
    if titles is None:
        ids = [talent.pk] + [t.pk for t in member_talents]
        titles = {}
        for tid, title in Publication.objects.filter(talent_id__in=ids).values_list(
            "talent_id", "normalised_title"
        ):
            titles.setdefault(tid, set()).add(title)
    mine = titles.get(talent.pk, set())
    shared = set().union(*[titles.get(t.pk, set()) for t in member_talents if t.pk != talent.pk])
    if mine & shared:
        found.append(_("co-author of “%s”") % sorted(mine & shared)[0])
    if declared is None:
        declared = list(
            Conflict.objects.filter(entry=entry, talent=talent).values_list("reason", flat=True)
        )
    found.extend(_("declared: %s") % reason for reason in declared)
    return found


@transaction.atomic
def declare_conflict(*, user, entry, reason: str, talent=None) -> Conflict:
    """A judge declares a conflict with an entry (an officer may declare it for a judge). The
    judge loses the entry in every stage not yet decided; their scores of it are removed from
    the ranking and kept in the audit log."""
    if talent is None:
        talent = getattr(user, "talent", None)
        if talent is None or not rules.has_perm("competitions.declare_conflict", user, entry):
            raise PermissionDenied(_("Only the entry's judges declare conflicts."))
    else:
        _officer(user, _("Only programme officers declare conflicts for a judge."))
    if not reason.strip():
        raise ValidationError(_("Say briefly why there is a conflict."))
    conflict, _created = Conflict.objects.update_or_create(
        entry=entry, talent=talent, defaults={"reason": reason.strip()[:300]}
    )
    for a in Assignment.objects.filter(entry=entry, judge__talent=talent).exclude(
        stage__status=StageStatus.DONE
    ):
        score = getattr(a, "score", None)
        audit.record(
            actor=user,
            target=entry,
            action=AuditAction.UPDATE,
            summary=f"judge {talent.name} withdrawn: conflict of interest declared",
            changes={"score": [score.values if score else None, None]},
        )
        a.delete()
    return conflict


def _expertise(talent) -> list[str]:
    """What the engine compares with an entry: the judge's biography, keywords and
    publications (only used to score, never shown)."""
    texts = [talent.bio, ", ".join(talent.keywords or [])]
    texts += [p.text() for p in talent.publications.all()]
    return [t for t in texts if t and t.strip()] or [talent.name]


def build_problem(stage):
    """The judge-assignment problem of a stage as the engine's input, and the conflicts found
    (pairs the engine may not use, with the reasons, for the officer's page)."""
    entries = list(queries.in_stage(stage).prefetch_related("members__talent__user"))
    judges = list(
        stage.judges.select_related("talent__user").prefetch_related("talent__publications")
    )
    declared = {}
    for c in Conflict.objects.filter(entry__in=entries):
        declared.setdefault((c.entry_id, c.talent_id), []).append(c.reason)
    ids = {j.talent_id for j in judges} | {
        m.talent_id for e in entries for m in e.members.all() if m.talent_id
    }
    titles = {}
    for tid, title in Publication.objects.filter(talent_id__in=ids).values_list(
        "talent_id", "normalised_title"
    ):
        titles.setdefault(tid, set()).add(title)
    matrix = affinity.affinity_matrix(
        [_expertise(j.talent) for j in judges],
        [[e.project_name, e.summary, str(e.field)] for e in entries],
    )
    k = stage.judges_per_entry
    agents = [engine.Agent(id=f"entry-{e.pk}", min=k, max=k) for e in entries]
    targets = [engine.Target(id=f"judge-{j.pk}", max=j.max_load) for j in judges]
    scores, conflicts = [], []
    for i, j in enumerate(judges):
        for n, e in enumerate(entries):
            found = conflict_reasons(
                talent=j.talent, entry=e, declared=declared.get((e.pk, j.talent_id), []),
                titles=titles,
            )  # fmt: skip
            if found:
                conflicts.append({"judge": j, "entry": e, "reasons": found})
                continue  # never scored = never used by the engine
            scores.append(
                engine.Score(
                    agent=f"entry-{e.pk}", target=f"judge-{j.pk}", score=float(matrix[i, n])
                )
            )
    return entries, judges, agents, targets, scores, conflicts


@transaction.atomic
def assign_judges(*, user, stage) -> list[Assignment]:
    """Give every entry of the stage k judges from its pool: no conflicted pair, each judge
    within their load, total affinity maximised (``lintas.programmes.assignment``). All or
    nothing; scored assignments are kept, unscored ones re-planned. Opens judging."""
    _officer(user, _("Only programme officers assign judges."))
    if stage.status == StageStatus.DONE:
        raise ValidationError(_("This stage has been decided."))
    entries, judges, agents, targets, scores, _conflicts = build_problem(stage)
    if not entries:
        raise ValidationError(_("No eligible entries are in this stage."))
    if not judges:
        raise ValidationError(_("This stage has no judges yet."))
    result = engine.solve(agents=agents, targets=targets, scores=scores)
    if result.status != "optimal":
        names = {f"entry-{e.pk}": e.project_name for e in entries}
        names.update({f"judge-{j.pk}": j.talent.name for j in judges})
        raise ValidationError(
            _("No judge assignment is possible: %(why)s")
            % {
                "why": readable(result.message, names, "entry", "judge").replace(
                    "entrys", "entries"
                )
            }
        )
    by_pair = {(s.agent, s.target): s.score for s in scores}
    chosen = {(int(p.agent[6:]), int(p.target[6:])): by_pair[(p.agent, p.target)]
              for p in result.assignments}  # fmt: skip
    existing = Assignment.objects.filter(stage=stage)
    existing.filter(score__isnull=True).exclude(
        pk__in=[a.pk for a in existing if (a.entry_id, a.judge_id) in chosen]
    ).delete()
    kept = set(Assignment.objects.filter(stage=stage).values_list("entry_id", "judge_id"))
    Assignment.objects.bulk_create(
        [
            Assignment(stage=stage, entry_id=e, judge_id=j, affinity=value)
            for (e, j), value in sorted(chosen.items())
            if (e, j) not in kept
        ]
    )
    stage.status = StageStatus.JUDGING
    stage.save(update_fields=["status"])
    audit.record(
        actor=user,
        target=stage,
        action=AuditAction.UPDATE,
        summary=f"judges assigned ({len(chosen)} assignments, objective {result.objective:.3f})",
    )
    return list(Assignment.objects.filter(stage=stage).select_related("entry", "judge__talent"))


def weighted_total(stage, values: dict) -> float:
    criteria = stage.criteria
    weight = sum(c["weight"] for c in criteria) or 1.0
    return round(sum(values[c["criterion"]] * c["weight"] for c in criteria) / weight, 4)


@transaction.atomic
def submit_score(*, user, assignment, values: dict, comment: str = "") -> Score:
    """Score an assigned entry on every criterion of the stage's rubric (1 to 10); a second
    submission changes the score. Every creation and change goes to the audit log with the
    values before and after."""
    if not rules.has_perm("competitions.score_assignment", user, assignment):
        raise PermissionDenied(_("You may not score this entry now."))
    stage = assignment.stage
    clean = {}
    for c in stage.criteria:
        try:
            value = int(values.get(c["criterion"]))
        except (TypeError, ValueError):
            value = None
        if value is None or not SCORE_MIN <= value <= SCORE_MAX:
            raise ValidationError(
                _("Score %(criterion)s from %(low)d to %(high)d.")
                % {"criterion": c["label"], "low": SCORE_MIN, "high": SCORE_MAX}
            )
        clean[c["criterion"]] = value
    if not clean:
        raise ValidationError(_("This stage has no rubric yet."))
    total = weighted_total(stage, clean)
    score = Score.objects.filter(assignment=assignment).first()
    before = dict(score.values) if score else {}
    if score is None:
        score = Score.objects.create(
            assignment=assignment, values=clean, total=total, comment=comment.strip()[:3000]
        )
    else:
        score.values, score.total, score.comment = clean, total, comment.strip()[:3000]
        score.save(update_fields=["values", "total", "comment", "updated_at"])
    changes = audit.diff(before=before, after=clean)
    if changes or not before:
        audit.record(
            actor=user,
            target=assignment.entry,
            action=AuditAction.CREATE if not before else AuditAction.UPDATE,
            summary=f"{stage.name}: score by {assignment.judge.talent.name} "
            f"{'given' if not before else 'changed'} ({total:.2f})",
            changes=changes,
        )
    return score
