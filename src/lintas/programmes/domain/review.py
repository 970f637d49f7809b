"""Reviewer pool, conflicts of interest, automatic assignment, scoring, ranking, decisions."""

from __future__ import annotations

import re

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from lintas.core import mail
from lintas.core.domain import audit
from lintas.core.enums import AuditAction
from lintas.programmes import assignment
from lintas.programmes.domain import affinity
from lintas.programmes.enums import DECISIONS, ApplicationStatus
from lintas.programmes.models import Application, Conflict, Review, Reviewer

_WORD = re.compile(r"\b(?:agents?|targets?)\b")
_NODE = re.compile(r"\b(?:application|reviewer|host)-\d+\b")


def _titles(publications) -> set[str]:
    return {" ".join(p.get("title", "").lower().split()) for p in publications} - {""}


def conflict_reasons(*, reviewer: Reviewer, application: Application, declared=()) -> list[str]:
    """Why this reviewer may not review this application (empty list: no conflict).

    Same organisation, co-authorship (a publication title both list) and declared conflicts.
    """
    reasons = []
    user, applicant = reviewer.user, application.applicant
    if user.pk == applicant.pk:
        reasons.append(_("the reviewer is the applicant"))
    if user.organisation_id and user.organisation_id == applicant.organisation_id:
        reasons.append(_("same organisation"))
    shared = _titles(reviewer.publications) & _titles(application.publications)
    if shared:
        reasons.append(_("co-authors of “%s”") % sorted(shared)[0])
    reasons.extend(declared)
    return reasons


def submitted(call):
    return (
        call.applications.filter(status=ApplicationStatus.SUBMITTED)
        .select_related("applicant")
        .order_by("pk")
    )


@transaction.atomic
def declare_conflict(*, user, application, reason: str) -> Conflict:
    """Record the conflict and withdraw the reviewer from the application.

    A conflict declared after the review was submitted still voids that review: a score
    given under a conflict must not rank the application, and the reviewer loses the access
    the assignment gave them. The withdrawn scores stay in the audit log, not in the ranking.
    """
    if not rules.has_perm("programmes.declare_conflict", user, application):
        raise PermissionDenied(_("Only reviewers of this call can declare conflicts."))
    if not reason.strip():
        raise ValidationError(_("Say briefly why there is a conflict."))
    conflict, _created = Conflict.objects.update_or_create(
        application=application, reviewer=user, defaults={"reason": reason.strip()[:300]}
    )
    for withdrawn in Review.objects.filter(application=application, reviewer=user):
        if withdrawn.submitted_at:
            audit.record(
                actor=user,
                target=application,
                action=AuditAction.UPDATE,
                summary="review withdrawn: conflict of interest declared after submission",
                changes={"review_scores": [withdrawn.scores, None]},
            )
        withdrawn.delete()
    return conflict


def build_problem(call):
    """The reviewer-assignment problem of a call as solver input (plain data)."""
    apps = list(submitted(call))
    pool = list(call.pool.select_related("user"))
    declared = {}
    for c in Conflict.objects.filter(application__call=call):
        declared.setdefault((c.application_id, c.reviewer_id), []).append(c.reason)
    scores_matrix = affinity.affinity_matrix(
        [[f"{p.get('title', '')}. {p.get('abstract', '')}" for p in r.publications] for r in pool],
        [a.texts() for a in apps],
    )
    k = call.reviews_per_application
    agents = [assignment.Agent(id=f"application-{a.pk}", min=k, max=k) for a in apps]
    targets = [assignment.Target(id=f"reviewer-{r.user_id}", max=r.max_load) for r in pool]
    scores, forbidden = [], []
    for i, r in enumerate(pool):
        for j, a in enumerate(apps):
            reasons = conflict_reasons(
                reviewer=r, application=a, declared=declared.get((a.pk, r.user_id), ())
            )
            if reasons:
                continue  # not scored = never used; the solver's message names the shortfall
            scores.append(
                assignment.Score(
                    agent=f"application-{a.pk}",
                    target=f"reviewer-{r.user_id}",
                    score=float(scores_matrix[i, j]),
                )
            )
    return apps, pool, agents, targets, scores, forbidden


@transaction.atomic
def assign_reviewers(*, user, call) -> list[Review]:
    """Give every submitted application k reviewers from the pool, within load limits,
    avoiding conflicts and maximising expertise affinity. All or nothing: when no
    assignment exists the solver's message (naming the binding constraint) is raised
    and existing assignments stay as they were. Reviews already submitted are kept."""
    if not rules.has_perm("programmes.manage_programmes", user):
        raise PermissionDenied(_("Only programme officers can assign reviewers."))
    apps, pool, agents, targets, scores, forbidden = build_problem(call)
    if not apps:
        raise ValidationError(_("There are no submitted applications to assign."))
    if not pool:
        raise ValidationError(_("The reviewer pool of this call is empty."))
    result = assignment.solve(agents=agents, targets=targets, scores=scores, forbidden=forbidden)
    if result.status != "optimal":
        raise ValidationError(
            _("No reviewer assignment is possible: %(why)s")
            % {"why": _explain_ids(result.message, apps, pool)}
        )
    by_pair = {(_pk(s.agent), _pk(s.target)): s.score for s in scores}
    chosen = {(_pk(p.agent), _pk(p.target)) for p in result.assignments}
    existing = Review.objects.filter(application__in=apps)
    existing.filter(submitted_at=None).exclude(
        pk__in=[r.pk for r in existing if (r.application_id, r.reviewer_id) in chosen]
    ).delete()
    kept = {(r.application_id, r.reviewer_id) for r in Review.objects.filter(application__in=apps)}
    Review.objects.bulk_create(
        [
            Review(application_id=a, reviewer_id=r, affinity=by_pair[(a, r)])
            for a, r in sorted(chosen - kept)
        ]
    )
    audit.record(
        actor=user,
        target=call,
        action=AuditAction.UPDATE,
        summary=f"reviewers assigned ({len(chosen)} reviews, objective {result.objective:.3f})",
    )
    return list(Review.objects.filter(application__in=apps).select_related("reviewer"))


def _pk(node_id: str) -> int:
    return int(node_id.rsplit("-", 1)[1])


def readable(message: str, names: dict[str, str], agent: str, target: str) -> str:
    """The solver speaks of agents, targets and ids ("application-12"); officers read
    "applications", "reviewers" and names. The solver's wording is English only."""
    words = {"agent": agent, "agents": agent + "s", "target": target, "targets": target + "s"}
    message = _WORD.sub(lambda m: words[m.group(0)], message)
    return _NODE.sub(lambda m: names.get(m.group(0), m.group(0)), message)


def _explain_ids(message: str, apps, pool) -> str:
    names = {f"application-{a.pk}": a.full_name for a in apps}
    names.update({f"reviewer-{r.user_id}": r.user.get_full_name() or r.user.username for r in pool})
    return readable(message, names, "application", "reviewer")


@transaction.atomic
def submit_review(*, user, review, scores: dict, comment: str) -> Review:
    if review.reviewer_id != getattr(user, "pk", None):
        raise PermissionDenied(_("This review is assigned to someone else."))
    if Conflict.objects.filter(application=review.application, reviewer=user).exists():
        raise PermissionDenied(_("You declared a conflict of interest with this application."))
    if review.application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("A decision has been made; reviews are closed."))
    criteria = review.application.call.criteria_list
    clean = {}
    for criterion in criteria:
        try:
            value = int(scores.get(criterion))
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= 5:
            raise ValidationError(_("Score every criterion from 1 to 5 (%s).") % criterion)
        clean[criterion] = value
    review.scores = clean
    review.comment = comment.strip()[:4000]
    review.submitted_at = timezone.now()
    review.save(update_fields=["scores", "comment", "submitted_at"])
    return review


def ranking(call) -> list[dict]:
    """Submitted and decided applications by mean review score (missing reviews last)."""
    rows = []
    apps = call.applications.exclude(status=ApplicationStatus.DRAFT).prefetch_related(
        "reviews__reviewer"
    )
    for a in apps:
        done = [r.total for r in a.reviews.all() if r.submitted_at]
        rows.append(
            {
                "application": a,
                "mean": round(sum(done) / len(done), 2) if done else None,
                "reviews_done": len(done),
                "reviews": len(a.reviews.all()),
            }
        )
    rows.sort(key=lambda r: (r["mean"] is None, -(r["mean"] or 0), r["application"].pk))
    return rows


SUBJECTS = {
    ApplicationStatus.ACCEPTED: gettext_noop("Your application has been accepted"),
    ApplicationStatus.WAITLISTED: gettext_noop("Your application is on the waiting list"),
    ApplicationStatus.REJECTED: gettext_noop("Your application was not selected"),
}


@transaction.atomic
def decide(*, user, application, decision: str) -> Application:
    """Accept, waitlist or reject, and tell the applicant by e-mail in their language."""
    if not rules.has_perm("programmes.manage_programmes", user):
        raise PermissionDenied(_("Only programme officers can decide on applications."))
    if decision not in DECISIONS:
        raise ValidationError(_("Unknown decision."))
    if application.status not in (ApplicationStatus.SUBMITTED, *DECISIONS):
        raise ValidationError(_("Only submitted applications can be decided."))
    if hasattr(application, "placement"):
        raise ValidationError(_("This applicant already has a placement."))
    before = application.status
    application.status = decision
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at"])
    audit.record(
        actor=user,
        target=application,
        action=AuditAction.STATUS,
        summary=decision,
        changes={"status": [before, decision]},
    )
    applicant = application.applicant
    with override(applicant.language or "en"):
        subject = _(SUBJECTS[decision])
        body = _("Dear %(name)s,\n\n%(subject)s: %(call)s.\n\nLintas programme office") % {
            "name": application.full_name,
            "subject": subject,
            "call": application.call.title,
        }
    transaction.on_commit(
        lambda: mail.send(subject=subject, body=body, to=[applicant.email], fail_silently=True)
    )
    return application
