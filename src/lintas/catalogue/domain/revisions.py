"""Edits of published profiles wait for a broker.

Why: a published profile speaks for an organisation to the whole network, and its contact
fields are where introductions lead. An edit — a typo fix as much as a new contact e-mail — is
stored as a pending :class:`~lintas.catalogue.models.Revision`; readers keep seeing the
published text until a broker accepts it, and then it is applied through the lifecycle
(version bump, audit, re-index), exactly like a direct edit. Drafts, submitted and expired
profiles are edited directly: a broker reviews them anyway before they are (re)published.

Each author has at most one pending revision per profile; editing again replaces it (the old
one is marked superseded and its files move to the new one). A revision records the profile
version it was based on; when the profile changed since, accepting it would silently undo that
change, so it is refused as stale and the broker rejects it instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lintas.catalogue.domain import lifecycle
from lintas.catalogue.enums import ProfileStatus, RevisionStatus
from lintas.catalogue.models import Attachment, Profile, Revision
from lintas.core import mail
from lintas.core.domain import audit
from lintas.core.enums import AuditAction
from lintas.core.models import Sector

# Compared, shown and applied: the editable fields and the sectors.
FIELDS = (*lifecycle.EDITABLE_FIELDS, "sectors")


class StaleRevision(lifecycle.StaleEdit):
    """The profile changed after the revision was proposed."""


@dataclass(frozen=True)
class EditOutcome:
    """What an edit did: changed the profile, or left it as published and waits for review
    (``revision`` set), or nothing at all (``revision`` None on a published profile)."""

    profile: Profile
    revision: Revision | None = None
    changed: bool = True

    @property
    def awaits_review(self) -> bool:
        return self.revision is not None


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def snapshot_values(profile: Profile, sectors=None) -> dict:
    """A revision's ``values``/``base``: the editable fields as JSON, sector slugs, language flag."""
    values = {name: _plain(value) for name, value in lifecycle.snapshot(profile).items()}
    if sectors is not None:
        values["sectors"] = sorted(s.slug for s in sectors)
    values["content_language_declared"] = profile.content_language_declared
    return values


def _normal(value):
    # Browsers send textareas with CRLF and forms strip surrounding spaces: neither is an edit.
    return value.replace("\r\n", "\n").strip() if isinstance(value, str) else value


def _differs(name: str, values: dict, base: dict) -> bool:
    return _normal(values.get(name)) != _normal(base.get(name))


def changed_fields(revision: Revision) -> list[str]:
    """The fields the revision changes, in form order."""
    base = revision.base or {}
    return [name for name in FIELDS if _differs(name, revision.values, base)]


def edit_profile(
    *, user, profile: Profile, data: dict, sectors=None, version=None, declared_language=None
) -> EditOutcome:
    """The one entry for edits from pages and the API: direct for profiles that are not
    published, a pending revision for published ones."""
    if profile.status == ProfileStatus.PUBLISHED:
        revision = propose(
            user=user,
            profile=profile,
            data=data,
            sectors=sectors,
            version=version,
            declared_language=declared_language,
        )
        return EditOutcome(profile=profile, revision=revision, changed=revision is not None)
    updated = lifecycle.update_profile(
        user=user,
        profile=profile,
        data=data,
        sectors=sectors,
        version=version,
        declared_language=declared_language,
    )
    return EditOutcome(profile=updated)


def _lock_published(*, user, profile: Profile, version=None) -> Profile:
    if not user.has_perm("catalogue.change_profile", profile):
        raise PermissionDenied(_("You may not edit this profile."))
    locked = Profile.objects.select_for_update().get(pk=profile.pk)
    if version is not None and locked.version != version:
        raise lifecycle.StaleEdit(lifecycle.stale_message())
    if locked.status != ProfileStatus.PUBLISHED:
        raise lifecycle.StaleEdit(
            _("This profile is no longer published. Reload it and edit it again.")
        )
    return locked


def pending_of(*, user, profile: Profile) -> Revision | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Revision.objects.filter(
        profile=profile, author=user, status=RevisionStatus.PENDING
    ).first()


def _replace_pending(*, user, locked: Profile, values: dict, base: dict) -> Revision:
    previous = (
        Revision.objects.select_for_update()
        .filter(profile=locked, author=user, status=RevisionStatus.PENDING)
        .first()
    )
    if previous is not None:
        previous.status = RevisionStatus.SUPERSEDED
        previous.decided_at = timezone.now()
        previous.save(update_fields=["status", "decided_at"])
    revision = Revision.objects.create(
        profile=locked, author=user, base_version=locked.version, values=values, base=base
    )
    if previous is not None:
        previous.attachments.update(revision=revision)
    return revision


@transaction.atomic
def propose(
    *, user, profile: Profile, data: dict, sectors=None, version=None, declared_language=None
) -> Revision | None:
    """Store an edit of a published profile as the author's pending revision (replacing the
    one they had). Validated like a direct edit, so a broker never sees an impossible value.
    Returns None when the edit changes nothing and no file waits either: then any pending
    revision of the author is withdrawn."""
    locked = _lock_published(user=user, profile=profile, version=version)
    base = snapshot_values(locked)
    proposed = Profile.objects.get(pk=locked.pk)  # a copy that is validated, never saved
    lifecycle.apply_data(proposed, data=data, declared_language=declared_language)
    proposed.full_clean(exclude=["sectors"])
    values = snapshot_values(proposed, sectors=sectors)
    if sectors is None:
        values["sectors"] = base["sectors"]
    changes = [name for name in FIELDS if _differs(name, values, base)]
    previous = pending_of(user=user, profile=locked)
    if not changes and (previous is None or not previous.attachments.exists()):
        if previous is not None:
            previous.status = RevisionStatus.SUPERSEDED
            previous.decided_at = timezone.now()
            previous.save(update_fields=["status", "decided_at"])
        return None
    revision = _replace_pending(user=user, locked=locked, values=values, base=base)
    audit.record(
        actor=user,
        target=locked,
        action=AuditAction.UPDATE,
        summary=f"revision #{revision.pk} proposed: " + ", ".join(changes),
        changes={"revision": [None, revision.pk], "fields": changes},
    )
    return revision


def revision_for_new_file(*, user, profile: Profile) -> Revision:
    """The pending revision a file added to a published profile joins: the author's own, or a
    new one with the text unchanged. Call inside the transaction that stores the file."""
    locked = _lock_published(user=user, profile=profile)
    current = pending_of(user=user, profile=locked)
    if current is not None:
        return current
    values = snapshot_values(locked)
    return _replace_pending(user=user, locked=locked, values=values, base=dict(values))


def _apply_values(profile: Profile, revision: Revision) -> list | None:
    """Set the changed fields on the locked profile; return the sectors to set, if changed."""
    sectors = None
    for name in changed_fields(revision):
        value = revision.values.get(name)
        if name == "sectors":
            sectors = list(Sector.objects.filter(slug__in=value or []))
            continue
        field = Profile._meta.get_field(name)
        setattr(profile, name, field.to_python(value))
    if "content_language" in changed_fields(revision):
        profile.content_language_declared = bool(revision.values.get("content_language_declared"))
    return sectors


def _decide(*, user, revision: Revision) -> Revision:
    if not user.has_perm("catalogue.review_revision", revision):
        raise PermissionDenied(_("Only brokers review changes to published profiles."))
    locked = (
        Revision.objects.select_for_update(of=("self",))
        .select_related("author")
        .get(pk=revision.pk)
    )
    if locked.status != RevisionStatus.PENDING:
        raise ValidationError(
            _("These changes were already decided (%(status)s).")
            % {"status": locked.get_status_display()}
        )
    return locked


@transaction.atomic
def accept(*, user, revision: Revision) -> Profile:
    """A broker accepts: the changes replace the published text through the lifecycle
    (version bump, audit, re-index after commit) and the author is told."""
    revision = _decide(user=user, revision=revision)
    profile = Profile.objects.select_for_update().get(pk=revision.profile_id)
    if profile.version != revision.base_version:
        raise StaleRevision(
            _(
                "The profile changed after these edits were proposed; accepting them would undo "
                "that change. Reject them with a note, and the author can edit the current text."
            )
        )
    before = lifecycle.snapshot(profile)
    sectors = _apply_values(profile, revision)
    author = revision.author.username if revision.author else "?"
    lifecycle.save_edit(
        actor=user,
        profile=profile,
        before=before,
        sectors=sectors,
        summary=f"revision #{revision.pk} by {author} accepted: ",
    )
    revision.status = RevisionStatus.ACCEPTED
    revision.decided_by = user
    revision.decided_at = timezone.now()
    revision.save(update_fields=["status", "decided_by", "decided_at"])
    if revision.attachments.exists():
        audit.record(
            actor=user,
            target=profile,
            action=AuditAction.UPDATE,
            summary=f"revision #{revision.pk}: files published",
            changes={"attachments": [None, [a.title for a in revision.attachments.all()]]},
        )
    _tell_author(revision=revision, profile=profile)
    return profile


@transaction.atomic
def reject(*, user, revision: Revision, reason: str) -> Revision:
    """A broker rejects with a reason the author reads (in-app and by e-mail, in their
    language). The published text and files stay as they were."""
    reason = (reason or "").strip()
    revision = _decide(user=user, revision=revision)
    if not reason:
        raise ValidationError(_("Tell the author why these changes are not accepted."))
    revision.status = RevisionStatus.REJECTED
    revision.decided_by = user
    revision.decided_at = timezone.now()
    revision.reason = reason[:2000]
    revision.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    profile = revision.profile
    audit.record(
        actor=user,
        target=profile,
        action=AuditAction.UPDATE,
        summary=f"revision #{revision.pk} rejected: {reason}",
        changes={"revision": [revision.pk, "rejected"]},
    )
    _tell_author(revision=revision, profile=profile)
    return revision


def _tell_author(*, revision: Revision, profile: Profile) -> None:
    author = revision.author
    if author is None or not author.email or not author.is_active:
        return
    with translation.override(author.language or settings.LANGUAGE_CODE):
        link = mail.site_link(profile.get_absolute_url())
        if revision.status == RevisionStatus.ACCEPTED:
            subject = _("Your changes to %(ref)s are published") % {"ref": profile.ref}
            body = _(
                "A broker accepted your changes to “%(title)s”. Everyone now sees the new text: "
                "%(url)s"
            ) % {"title": profile.title, "url": link}
        else:
            subject = _("Your changes to %(ref)s were not accepted") % {"ref": profile.ref}
            body = _(
                "A broker reviewed your changes to “%(title)s” and did not accept them:\n\n"
                "%(reason)s\n\nThe published text is unchanged. You can edit it again: %(url)s"
            ) % {"title": profile.title, "reason": revision.reason, "url": link}
    subject, body = str(subject), str(body)
    transaction.on_commit(
        lambda: mail.send(subject=subject, body=body, to=[author.email], fail_silently=True)
    )


def queue():
    """Pending revisions, oldest first, with what the queue page shows in a fixed number of
    queries (profile, organisation, author, files)."""
    return (
        Revision.objects.filter(status=RevisionStatus.PENDING)
        .select_related("profile__organisation", "author")
        .prefetch_related(_files())
        .order_by("created_at", "id")
    )


def _files():
    return Prefetch("attachments", queryset=Attachment.objects.select_related("profile"))


def visible_to(user):
    """Brokers see every revision; authors their own."""
    if not getattr(user, "is_authenticated", False):
        return Revision.objects.none()
    qs = Revision.objects.select_related(
        "profile__organisation", "author", "decided_by"
    ).prefetch_related(_files())
    if user.has_perm("catalogue.review_revision"):
        return qs
    return qs.filter(author=user)


def notices(*, user, profile: Profile) -> dict:
    """What the profile page tells people who may edit it: the pending revisions, and the
    author's last decision if it was a rejection they have not replaced yet."""
    if not user.has_perm("catalogue.change_profile", profile):
        return {}
    pending = list(profile.revisions.filter(status=RevisionStatus.PENDING).select_related("author"))
    mine = next((r for r in pending if r.author_id == user.pk), None)
    last = (
        profile.revisions.filter(author=user)
        .exclude(status=RevisionStatus.SUPERSEDED)
        .order_by("-created_at", "-id")
        .first()
    )
    rejected = last if last is not None and last.status == RevisionStatus.REJECTED else None
    return {"pending": pending, "mine": mine, "rejected": rejected}
