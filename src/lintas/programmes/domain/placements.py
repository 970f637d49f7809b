"""Placements after matching: status changes, reports, extension requests."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lintas.catalogue.domain.attachments import check_upload
from lintas.core.domain import audit
from lintas.core.enums import AuditAction
from lintas.programmes.enums import PlacementStatus, RequestStatus
from lintas.programmes.models import ExtensionRequest, PlacementReport

TRANSITIONS = {
    PlacementStatus.PLANNED: {PlacementStatus.ACTIVE, PlacementStatus.CANCELLED},
    PlacementStatus.ACTIVE: {PlacementStatus.COMPLETED, PlacementStatus.CANCELLED},
    PlacementStatus.EXTENDED: {PlacementStatus.COMPLETED, PlacementStatus.CANCELLED},
    PlacementStatus.COMPLETED: set(),
    PlacementStatus.CANCELLED: set(),
}


@transaction.atomic
def set_status(*, user, placement, status: str):
    if not rules.has_perm("programmes.manage_programmes", user):
        raise PermissionDenied(_("Only programme officers can change placements."))
    if status not in TRANSITIONS.get(placement.status, set()):
        raise ValidationError(
            _("A placement cannot go from %(old)s to %(new)s.")
            % {"old": placement.get_status_display(), "new": status}
        )
    before = placement.status
    placement.status = status
    placement.save(update_fields=["status"])
    audit.record(
        actor=user,
        target=placement,
        action=AuditAction.STATUS,
        changes={"status": [before, status]},
    )
    return placement


def _is_researcher(user, placement) -> bool:
    return placement.application.applicant_id == getattr(user, "pk", None)


@transaction.atomic
def add_report(*, user, placement, title: str, upload) -> PlacementReport:
    if not rules.has_perm("programmes.report_placement", user, placement):
        raise PermissionDenied(_("Only the researcher or an officer can add reports."))
    if not title.strip():
        raise ValidationError(_("Give the report a title."))
    mime = check_upload(upload)
    return PlacementReport.objects.create(
        placement=placement, title=title.strip()[:200], file=upload, content_type=mime
    )


@transaction.atomic
def request_extension(*, user, placement, new_end, reason: str) -> ExtensionRequest:
    if not _is_researcher(user, placement):
        raise PermissionDenied(_("Only the researcher can request an extension."))
    if placement.status not in (PlacementStatus.PLANNED, PlacementStatus.ACTIVE):
        raise ValidationError(_("Only planned or active placements can be extended."))
    if new_end <= placement.end:
        raise ValidationError(_("The new end date must be after %s.") % placement.end.isoformat())
    if placement.extensions.filter(status=RequestStatus.PENDING).exists():
        raise ValidationError(_("An extension request is already pending."))
    if not reason.strip():
        raise ValidationError(_("Say why the placement should be extended."))
    return ExtensionRequest.objects.create(
        placement=placement, new_end=new_end, reason=reason.strip()[:2000]
    )


@transaction.atomic
def decide_extension(*, user, request, approve: bool) -> ExtensionRequest:
    if not rules.has_perm("programmes.manage_programmes", user):
        raise PermissionDenied(_("Only programme officers can decide on extensions."))
    if request.status != RequestStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    request.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    request.save(update_fields=["status"])
    if approve:
        placement = request.placement
        before = placement.end
        placement.end = request.new_end
        placement.status = PlacementStatus.EXTENDED
        placement.save(update_fields=["end", "status"])
        audit.record(
            actor=user,
            target=placement,
            action=AuditAction.UPDATE,
            summary="extended",
            changes={"end": [before.isoformat(), request.new_end.isoformat()]},
        )
    return request


@transaction.atomic
def change_dates(*, user, placement, start, end, reason: str):
    """Move a placement's start or end; every change is kept with who, when and why."""
    from lintas.programmes.models import PlacementChange

    if not rules.has_perm("programmes.manage_programmes", user):
        raise PermissionDenied(_("Only programme officers can change placements."))
    if placement.status in (PlacementStatus.COMPLETED, PlacementStatus.CANCELLED):
        raise ValidationError(_("A completed or cancelled placement keeps its dates."))
    if end <= start:
        raise ValidationError({"end": [_("The end must come after the start.")]})
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the dates change.")]})
    if (start, end) == (placement.start, placement.end):
        raise ValidationError(_("These are the placement's dates already."))
    change = PlacementChange.objects.create(
        placement=placement,
        changed_by=user,
        old_start=placement.start,
        old_end=placement.end,
        new_start=start,
        new_end=end,
        reason=reason.strip()[:300],
    )
    placement.start, placement.end = start, end
    placement.save(update_fields=["start", "end"])
    audit.record(
        actor=user,
        target=placement,
        action=AuditAction.UPDATE,
        summary="dates changed",
        changes={
            "start": [change.old_start.isoformat(), start.isoformat()],
            "end": [change.old_end.isoformat(), end.isoformat()],
        },
    )
    return placement
