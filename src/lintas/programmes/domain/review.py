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
from lintas.programmes.domain import affinity, reviewing
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
    # The agents, targets and affinity scores come from the shared review machinery (also
    # used by the forums' abstract calls); this call's conflicts keep pairs out.
    conflicts = {
        (a.pk, r.user_id): conflict_reasons(
            reviewer=r, application=a, declared=declared.get((a.pk, r.user_id), ())
        )
        for r in pool
        for a in apps
    }
    generic, targets, scores = reviewing.problem(
        items=[reviewing.Item(key=a.pk, name=a.full_name, texts=tuple(a.texts())) for a in apps],
        experts=[
            reviewing.Expert(
                key=r.user_id, name=_name(r.user), texts=tuple(_reviewer_texts(r)),
                max_load=r.max_load,
            )
            for r in pool
        ],
        k=call.reviews_per_application,
        conflicts=conflicts,
    )  # fmt: skip
    # Node names as this module has always named them (the readable messages and _pk).
    rename = {"item": "application", "expert": "reviewer"}

    def _node(node_id: str) -> str:
        kind, key = node_id.rsplit("-", 1)
        return f"{rename[kind]}-{key}"

    agents = [assignment.Agent(id=_node(a.id), min=a.min, max=a.max) for a in generic]
    targets = [assignment.Target(id=_node(t.id), min=t.min, max=t.max) for t in targets]
    scores = [
        assignment.Score(agent=_node(s.agent), target=_node(s.target), score=s.score)
        for s in scores
    ]
    forbidden = []
    return apps, pool, agents, targets, scores, forbidden


def _no_progress(percent: int, stage: str) -> None:
    """Default progress callback: the synchronous API call has no one to tell."""


def _unassigned_reasons(apps, pool, k, declared, message) -> list[dict]:
    """Why each application could not get its reviewers (the run is all or nothing)."""
    rows = []
    for a in apps:
        free = [
            r
            for r in pool
            if not conflict_reasons(
                reviewer=r, application=a, declared=declared.get((a.pk, r.user_id), ())
            )
        ]
        if len(free) < k:
            reason = _(
                "only %(free)d reviewers in the pool have no conflict with it; %(k)d are needed"
            ) % {"free": len(free), "k": k}
        else:
            reason = message
        rows.append({"application": a.pk, "applicant": a.full_name, "reason": reason})
    return rows


def _name(user) -> str:
    return user.get_full_name() or user.username


@transaction.atomic
def assign_reviewers_report(*, user, call, progress=_no_progress) -> dict:
    """Give every submitted application k reviewers from the pool, within load limits,
    avoiding conflicts and maximising expertise affinity, and say what was done.

    All or nothing: when no assignment exists the solver's message (naming the binding
    constraint, in the officer's words) is raised and existing assignments stay as they
    were. Reviews already submitted are kept. The report (plain data, stored by background
    runs) lists each assignment with the sentence of the reviewer's texts that matched the
    application best, each reviewer's load, and what changed since the last run."""
    if not rules.has_perm("programmes.manage_programmes", user):
        raise PermissionDenied(_("Only programme officers can assign reviewers."))
    progress(10, _("Reading the applications and the reviewer pool"))
    apps = list(submitted(call))
    pool = list(call.pool.select_related("user"))
    if not apps:
        raise ValidationError(_("There are no submitted applications to assign."))
    if not pool:
        raise ValidationError(_("The reviewer pool of this call is empty."))
    progress(25, _("Comparing the reviewers' texts with the applications"))
    apps, pool, agents, targets, scores, forbidden = build_problem(call)
    progress(60, _("Choosing reviewers"))
    result = assignment.solve(agents=agents, targets=targets, scores=scores, forbidden=forbidden)
    if result.status != "optimal":
        message = _("No reviewer assignment is possible: %(why)s") % {
            "why": _explain_ids(result.message, apps, pool)
        }
        declared = {}
        for c in Conflict.objects.filter(application__call=call):
            declared.setdefault((c.application_id, c.reviewer_id), []).append(c.reason)
        error = ValidationError(message)
        error.unassigned = _unassigned_reasons(
            apps, pool, call.reviews_per_application, declared, message
        )
        raise error
    progress(80, _("Saving the assignment"))
    by_pair = {(_pk(s.agent), _pk(s.target)): s.score for s in scores}
    chosen = {(_pk(p.agent), _pk(p.target)) for p in result.assignments}
    existing = list(Review.objects.filter(application__in=apps).select_related("reviewer"))
    before = {(r.application_id, r.reviewer_id): r for r in existing}
    removed = [r for key, r in before.items() if key not in chosen and r.submitted_at is None]
    Review.objects.filter(pk__in=[r.pk for r in removed]).delete()
    apps_by_pk = {a.pk: a for a in apps}
    pool_by_user = {r.user_id: r for r in pool}
    new_pairs = sorted(chosen - set(before))
    reasons = affinity.explain_pairs(
        [(_reviewer_texts(pool_by_user[r]), apps_by_pk[a].texts()) for a, r in new_pairs]
    )
    new_reviews = []
    for (a, r), why in zip(new_pairs, reasons, strict=True):
        new_reviews.append(
            Review(
                application_id=a,
                reviewer_id=r,
                affinity=by_pair[(a, r)],
                explanation={
                    "reviewer_text": why["host_text"],
                    "applicant_text": why["applicant_text"],
                    "score": why["score"],
                },
            )
        )
    Review.objects.bulk_create(new_reviews)
    reviews = list(
        Review.objects.filter(application__in=apps).select_related("reviewer", "application")
    )
    load = {}
    for r in reviews:
        load[r.reviewer_id] = load.get(r.reviewer_id, 0) + 1
    report = {
        "assigned": [
            {
                "application": r.application_id,
                "applicant": r.application.full_name,
                "reviewer": r.reviewer_id,
                "reviewer_name": _name(r.reviewer),
                "affinity": round(r.affinity, 4),
                "reviewer_text": r.explanation.get("reviewer_text", ""),
                "applicant_text": r.explanation.get("applicant_text", ""),
                "change": "kept" if (r.application_id, r.reviewer_id) in before else "new",
                "submitted": r.submitted_at is not None,
            }
            for r in sorted(
                reviews, key=lambda r: (r.application.full_name, r.application_id, -r.affinity)
            )
        ],
        "unassigned": [],
        "loads": [
            {
                "reviewer": r.user_id,
                "name": _name(r.user),
                "load": load.get(r.user_id, 0),
                "max": r.max_load,
            }
            for r in sorted(pool, key=lambda r: _name(r.user))
        ],
        "changes": {
            "first_run": not before,
            "added": len(new_reviews),
            "kept": len(chosen & set(before))
            + sum(1 for key, r in before.items() if key not in chosen and r.submitted_at),
            "removed": [
                {"applicant": r.application.full_name, "reviewer_name": _name(r.reviewer)}
                for r in removed
            ],
        },
        "objective": round(result.objective, 4),
    }
    audit.record(
        actor=user,
        target=call,
        action=AuditAction.UPDATE,
        summary=f"reviewers assigned ({len(chosen)} reviews, objective {result.objective:.3f}; "
        f"{len(new_reviews)} new, {len(removed)} removed)",
    )
    progress(100, _("Finished"))
    return report


def _reviewer_texts(reviewer: Reviewer) -> list[str]:
    return [f"{p.get('title', '')}. {p.get('abstract', '')}" for p in reviewer.publications]


def assign_reviewers(*, user, call) -> list[Review]:
    """``assign_reviewers_report`` for callers that want the reviews (the API's synchronous
    action, the command line)."""
    assign_reviewers_report(user=user, call=call)
    return list(Review.objects.filter(application__in=submitted(call)).select_related("reviewer"))


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
    # The reviewers' scoring rule, shared with the forums' abstract calls.
    review.scores = reviewing.check_scores(review.application.call.criteria_list, scores)
    review.comment = comment.strip()[:4000]
    review.submitted_at = timezone.now()
    review.save(update_fields=["scores", "comment", "submitted_at"])
    return review


# Reviewers disagree when their mean scores (1–5) for one application lie this far apart.
DISAGREEMENT = 1.5


def ranking(call) -> list[dict]:
    """Submitted and decided applications by mean review score (missing reviews last), with
    the spread between reviewers (highest minus lowest mean score) and a flag when they
    disagree by ``DISAGREEMENT`` points or more."""
    rows = []
    apps = call.applications.exclude(status=ApplicationStatus.DRAFT).prefetch_related(
        "reviews__reviewer"
    )
    for a in apps:
        done = [r.total for r in a.reviews.all() if r.submitted_at]
        spread = round(max(done) - min(done), 2) if len(done) > 1 else None
        rows.append(
            {
                "application": a,
                "mean": round(sum(done) / len(done), 2) if done else None,
                "lowest": round(min(done), 2) if done else None,
                "highest": round(max(done), 2) if done else None,
                "spread": spread,
                "disagreement": spread is not None and spread >= DISAGREEMENT,
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


def _message(application, decision):
    """The decision e-mail in the applicant's language: (language, subject, body)."""
    applicant = application.applicant
    language = applicant.language or "en"
    with override(language):
        subject = _(SUBJECTS[decision])
        body = _("Dear %(name)s,\n\n%(subject)s: %(call)s.\n\nLintas programme office") % {
            "name": application.full_name,
            "subject": subject,
            "call": application.call.title,
        }
    return language, str(subject), str(body)


def _completed_reviews(application) -> int:
    return sum(1 for r in application.reviews.all() if r.submitted_at)


def _refusal(application, decision) -> str:
    """Why this application cannot take this decision ("" when it can)."""
    if decision not in DECISIONS:
        return _("Unknown decision.")
    if application.status not in (ApplicationStatus.SUBMITTED, *DECISIONS):
        return _("Only submitted applications can be decided.")
    if hasattr(application, "placement"):
        return _("This applicant already has a placement.")
    return ""


def preview_decisions(*, user, applications, decision: str) -> list[dict]:
    """What confirming would do, per application: the e-mail the applicant would get (in
    their language), whether it lacks a completed review (then only an override with a
    reason lets it through) and any reason it cannot be decided at all."""
    if not rules.has_perm("programmes.manage_programmes", user):
        raise PermissionDenied(_("Only programme officers can decide on applications."))
    if decision not in DECISIONS:
        raise ValidationError(_("Unknown decision."))
    rows = []
    for application in applications:
        language, subject, body = _message(application, decision)
        rows.append(
            {
                "application": application,
                "to": application.applicant.email,
                "language": language,
                "subject": subject,
                "body": body,
                "reviews_done": _completed_reviews(application),
                "needs_override": _completed_reviews(application) == 0,
                "refused": _refusal(application, decision),
            }
        )
    return rows


@transaction.atomic
def decide(*, user, application, decision: str, override_reason: str = "") -> Application:
    """Accept, waitlist or reject, and tell the applicant by e-mail in their language.

    An application without a completed review is decided only when the officer gives a
    reason (kept in the audit log): a decision nobody reviewed must be a deliberate one."""
    if not rules.has_perm("programmes.manage_programmes", user):
        raise PermissionDenied(_("Only programme officers can decide on applications."))
    refusal = _refusal(application, decision)
    if refusal:
        raise ValidationError(refusal)
    override_reason = " ".join(override_reason.split())[:300]
    if _completed_reviews(application) == 0 and not override_reason:
        raise ValidationError(
            _("%(name)s has no completed review: give a reason to decide without one.")
            % {"name": application.full_name}
        )
    before = application.status
    application.status = decision
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at"])
    changes = {"status": [before, decision]}
    if _completed_reviews(application) == 0:
        changes["override_reason"] = [None, override_reason]
    audit.record(
        actor=user,
        target=application,
        action=AuditAction.STATUS,
        summary=decision,
        changes=changes,
    )
    _language, subject, body = _message(application, decision)
    to = application.applicant.email
    transaction.on_commit(
        lambda: mail.send(subject=subject, body=body, to=[to], fail_silently=True)
    )
    return application


@transaction.atomic
def decide_batch(*, user, applications, decision: str, override_reason: str = "") -> list:
    """Decide several applications at once, all or nothing: one that cannot be decided
    (or lacks a review while no reason is given) stops the batch before anything changes."""
    applications = list(applications)
    if not applications:
        raise ValidationError(_("Choose at least one application."))
    for row in preview_decisions(user=user, applications=applications, decision=decision):
        if row["refused"]:
            raise ValidationError(f"{row['application'].full_name}: {row['refused']}")
    return [
        decide(user=user, application=a, decision=decision, override_reason=override_reason)
        for a in applications
    ]
