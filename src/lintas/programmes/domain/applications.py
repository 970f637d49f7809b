"""Applications: draft, documents, submission (deadline, eligibility, documents checked)."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.catalogue.domain.attachments import check_upload
from lintas.core.domain import audit
from lintas.core.enums import AuditAction
from lintas.core.files import display_name
from lintas.programmes.domain import eligibility
from lintas.programmes.enums import ApplicationStatus, CallStatus, DocumentKind
from lintas.programmes.models import Application, ApplicationDocument

FIELDS = ("full_name", "birth_date", "nationality", "degree", "proposal", "publications",
          "preferred_fields", "months", "years_experience", "organisation_type",
          "founded_year", "capital_usd", "revenue_usd")  # fmt: skip
MAX_PUBLICATIONS = 30


def is_open(call, now=None) -> bool:
    now = now or timezone.now()
    return call.status == CallStatus.OPEN and call.opens_on <= now.date() and now <= call.deadline


def _check_open(call):
    if not is_open(call):
        raise ValidationError(
            _("This call is closed: the deadline was %s.")
            % timezone.localtime(call.deadline).strftime("%Y-%m-%d %H:%M")
            if timezone.now() > call.deadline
            else _("This call is not open for applications.")
        )


def clean_publications(items) -> list[dict]:
    """Publications as [{"title", "abstract"}]; titles required, at most 30."""
    if not isinstance(items, list):
        raise ValidationError(_("Publications must be a list."))
    if len(items) > MAX_PUBLICATIONS:
        raise ValidationError(_("At most %d publications.") % MAX_PUBLICATIONS)
    out = []
    for item in items:
        title = str(item.get("title", "")).strip() if isinstance(item, dict) else ""
        if not title:
            raise ValidationError(_("Every publication needs a title."))
        out.append({"title": title[:300], "abstract": str(item.get("abstract", "")).strip()[:3000]})
    return out


@transaction.atomic
def save_draft(*, user, call, data: dict, preferred_hosts=(), application=None) -> Application:
    """Create or update the user's draft. Why separate from submit: applicants save often."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to apply."))
    _check_open(call)
    if application is None:
        application = Application.objects.filter(call=call, applicant=user).first()
    if application is not None and not rules.has_perm(
        "programmes.change_application", user, application
    ):
        raise PermissionDenied(_("This application can no longer be changed."))
    values = {k: data[k] for k in FIELDS if k in data}
    values["publications"] = clean_publications(values.get("publications", []))
    hosts = list(preferred_hosts)
    if any(h.programme_id != call.programme_id for h in hosts):
        raise ValidationError(_("Preferred hosts must belong to this programme."))
    created = application is None
    if created:
        application = Application(call=call, applicant=user)
    for key, value in values.items():
        setattr(application, key, value)
    application.full_clean(exclude=["applicant", "call"])
    application.save()
    application.preferred_hosts.set(hosts)
    audit.record(
        actor=user,
        target=application,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        summary=f"application to {call.slug}",
    )
    return application


@transaction.atomic
def add_document(*, user, application, kind: str, upload) -> ApplicationDocument:
    if not rules.has_perm("programmes.change_application", user, application):
        raise PermissionDenied(_("You may not add files to this application."))
    if kind not in DocumentKind.values:
        raise ValidationError(_("Unknown document kind."))
    mime = check_upload(upload)
    return ApplicationDocument.objects.create(
        application=application,
        kind=kind,
        file=upload,
        file_name=display_name(upload.name),
        content_type=mime,
        size=upload.size,
    )


def problems(application, today=None) -> list[str]:
    """Everything that stops submission: eligibility and missing documents."""
    call = application.call
    today = today or timezone.localdate()
    found = [
        r.message
        for r in eligibility.evaluate(
            rules=call.eligibility,
            facts=application.facts(),
            today=today,
        )
        if not r.passed
    ]
    have = {d.kind for d in application.documents.all()}
    for kind in call.required_documents:
        if kind not in have:
            label = DocumentKind(kind).label if kind in DocumentKind.values else kind
            found.append(_("Missing document: %s.") % label)
    return found


@transaction.atomic
def submit(*, user, application) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not rules.has_perm("programmes.change_application", user, application):
        raise PermissionDenied(_("You may not submit this application."))
    _check_open(application.call)
    found = problems(application)
    if found:
        raise ValidationError(found)
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["status", "submitted_at"])
    audit.record(actor=user, target=application, action=AuditAction.STATUS, summary="submitted")
    return application
