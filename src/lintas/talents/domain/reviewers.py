"""Talents as reviewers of programme calls: suggestions with the programmes' conflict rules,
and adding a talent to a call's reviewer pool (the pool the assignment engine draws from)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lintas.core.domain import audit
from lintas.core.enums import AuditAction
from lintas.programmes.domain.review import conflict_reasons, submitted
from lintas.programmes.models import Reviewer
from lintas.talents.domain import expertise, queries


def pool_publications(talent) -> list[dict]:
    """The talent's publications in the shape the programmes' reviewer pool keeps."""
    return [{"title": p.title, "abstract": p.abstract} for p in talent.publications.all()]


@dataclass
class Suggestion:
    hit: expertise.Hit
    in_pool: bool
    conflicts: list = field(default_factory=list)  # (application, reasons)


def suggest(*, user, call, limit: int = 20) -> list[Suggestion]:
    """Talents whose words cover the call, best first. People who applied to the call are left
    out; for the others, the applications they may not review (same organisation,
    co-authorship, as ``programmes.domain.review.conflict_reasons`` says) are listed."""
    applications = list(submitted(call).select_related("applicant"))
    applicant_ids = set(call.applications.values_list("applicant_id", flat=True))
    talents = queries.listed().exclude(user_id__in=applicant_ids).select_related("user")
    text = "\n".join(p for p in (call.title, call.description) if p)
    hits = expertise.rank(user=user, text=text, talents=talents, limit=limit)
    pool = set(call.pool.values_list("user_id", flat=True))
    out = []
    for hit in hits:
        reviewer = Reviewer(
            call=call, user=hit.talent.user, publications=pool_publications(hit.talent)
        )
        conflicts = [
            (application, reasons)
            for application in applications
            if (reasons := conflict_reasons(reviewer=reviewer, application=application))
        ]
        out.append(Suggestion(hit=hit, in_pool=hit.talent.user_id in pool, conflicts=conflicts))
    return out


@transaction.atomic
def add_to_pool(*, user, talent, call, max_load: int = 5) -> Reviewer:
    """A programme officer adds a talent to a call's reviewer pool, with their publications as
    the expertise the assignment engine scores. Applicants of the call cannot review it."""
    if not user.has_perm("talents.add_reviewer", call):
        raise PermissionDenied(_("Only programme officers add reviewers to a call."))
    if not talent.listed:
        raise ValidationError(_("This talent is not listed in the directory."))
    if call.applications.filter(applicant_id=talent.user_id).exists():
        raise ValidationError(_("%(name)s applied to this call and cannot review it.")
                              % {"name": talent.name})  # fmt: skip
    if call.pool.filter(user_id=talent.user_id).exists():
        raise ValidationError(_("%(name)s is already in this call's reviewer pool.")
                              % {"name": talent.name})  # fmt: skip
    reviewer = Reviewer.objects.create(
        call=call, user=talent.user, max_load=max_load, publications=pool_publications(talent)
    )
    audit.record(
        actor=user, target=call, action=AuditAction.UPDATE,
        summary=f"reviewer pool: {talent.name} added from the talent directory",
    )  # fmt: skip
    return reviewer
