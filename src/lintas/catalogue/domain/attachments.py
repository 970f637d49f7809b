"""Attachments: PDF and images only, checked by content (magic bytes), not by file name."""

from __future__ import annotations

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lintas.catalogue.domain import revisions
from lintas.catalogue.domain.lifecycle import can_edit
from lintas.catalogue.enums import ProfileStatus
from lintas.catalogue.models import Attachment
from lintas.core.domain import audit
from lintas.core.enums import AuditAction
from lintas.core.files import SAFE_TYPES, display_name

ALLOWED_TYPES = set(SAFE_TYPES)


def check_upload(upload) -> str:
    """Return the detected content type, or raise a ValidationError that says what is wrong."""
    limit = settings.MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size).1f MB; the limit is %(limit)d MB.")
            % {"size": upload.size / 1_048_576, "limit": limit // 1_048_576}
        )
    head = upload.read(2048)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(_("Only PDF, PNG, JPEG and WebP files can be attached."))
    return kind.mime


@transaction.atomic
def add_attachment(
    *, user, profile, upload, title: str = "", confidential: bool = False
) -> Attachment:
    """Attach a checked file. On a published profile the file joins the author's pending
    revision and stays hidden from readers until a broker accepts it."""
    if not can_edit(user, profile):
        raise PermissionDenied(_("You may not add files to this profile."))
    mime = check_upload(upload)
    revision = None
    if profile.status == ProfileStatus.PUBLISHED:
        revision = revisions.revision_for_new_file(user=user, profile=profile)
    attachment = Attachment.objects.create(
        profile=profile,
        revision=revision,
        file=upload,
        title=title.strip()[:200] or display_name(upload.name),
        content_type=mime,
        size=upload.size,
        confidential=confidential,
    )
    audit.record(
        actor=user,
        target=profile,
        action=AuditAction.UPDATE,
        summary=f"attachment {attachment.title}"
        + (f" (revision #{revision.pk})" if revision else ""),
        changes={"attachment": [None, attachment.title]},
    )
    return attachment
