"""Profile lifecycle: draft → submitted → published (by a broker) → archived or expired.

Every change is written to the audit log; publish, edit and archive re-index the profile
through a Celery task after the transaction commits.
"""

from __future__ import annotations

import datetime as dt

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lintas.catalogue.domain import access, quality, queries
from lintas.catalogue.enums import ProfileKind, ProfileStatus
from lintas.catalogue.models import Profile
from lintas.catalogue.signals import profile_published, public_profile_changed
from lintas.core import mail, readable
from lintas.core.domain import audit
from lintas.core.domain.notifications import notify
from lintas.core.domain.refresh import schedule_refresh
from lintas.core.enums import AuditAction

DEFAULT_VALIDITY_DAYS = 365
EDITABLE_FIELDS = (
    "title", "summary", "description", "keywords", "trl", "ipr_status", "patent_numbers",
    "cooperation_modes", "target_countries", "content_language", "confidential_details",
    "contact_name", "contact_email", "contact_phone", "expires_on",
)  # fmt: skip

ALLOWED = {
    ProfileStatus.DRAFT: {ProfileStatus.SUBMITTED, ProfileStatus.ARCHIVED},
    ProfileStatus.SUBMITTED: {ProfileStatus.PUBLISHED, ProfileStatus.DRAFT, ProfileStatus.ARCHIVED},
    ProfileStatus.PUBLISHED: {ProfileStatus.ARCHIVED, ProfileStatus.EXPIRED},
    ProfileStatus.EXPIRED: {
        ProfileStatus.SUBMITTED,
        ProfileStatus.PUBLISHED,
        ProfileStatus.ARCHIVED,
    },
    ProfileStatus.ARCHIVED: {ProfileStatus.DRAFT},
}


class StaleEdit(ValidationError):
    """Someone saved the profile after this editor loaded it."""


def _schedule_index(profile_id: int) -> None:
    """Tell the apps above (matching re-indexes) once the change is committed."""

    def changed():
        queries.lists_changed()
        public_profile_changed.send(sender=Profile, profile_id=profile_id)

    transaction.on_commit(changed)


def snapshot(profile: Profile) -> dict:
    """Every editable field's value, plus sector slugs: what audit entries and revisions compare."""
    data = {name: getattr(profile, name) for name in EDITABLE_FIELDS}
    data["sectors"] = sorted(s.slug for s in profile.sectors.all()) if profile.pk else []
    return data


def next_ref(kind: str) -> str:
    prefix = "OF" if kind == ProfileKind.OFFER else "ND"
    year = timezone.now().year
    last = (
        Profile.objects.filter(ref__startswith=f"{prefix}-{year}-")
        .order_by("-ref")
        .values_list("ref", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}-{year}-{number:05d}"


def detect_language(*, text: str, declared: str | None) -> tuple[str, bool]:
    """(language, declared?) — the author's declared language always wins."""
    if declared:
        return declared, True
    from lintas.core.langid import detect_language as detect

    found = detect(text)
    return (found or "en"), False


def can_edit(user, profile: Profile) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_broker:
        return True
    return access.is_owner(user, profile) and profile.status != ProfileStatus.ARCHIVED


def can_create(user, kind: str) -> bool:
    if not user.is_authenticated or not user.organisation_id:
        return False
    if user.is_broker:
        return True
    return user.role == ("provider" if kind == ProfileKind.OFFER else "seeker")


@transaction.atomic
def create_profile(
    *, user, kind: str, data: dict, sectors, organisation=None, declared_language=None
) -> Profile:
    """Create a draft owned by the user's organisation (brokers may name another one)."""
    # A broker naming the owner (an import, or a profile typed for a member) needs no
    # organisation of their own.
    on_behalf = organisation is not None and rules.has_perm("catalogue.review_profile", user)
    if not (can_create(user, kind) or on_behalf):
        raise PermissionDenied(_("Your role may not create this kind of profile."))
    organisation = organisation if (organisation and user.is_broker) else user.organisation
    profile = Profile(
        kind=kind,
        organisation=organisation,
        created_by=user,
        ref=data.pop("ref", None) or next_ref(kind),
    )
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(profile, name, data[name])
    profile.content_language, profile.content_language_declared = detect_language(
        text=f"{profile.title}\n{profile.summary}\n{profile.description}",
        declared=declared_language,
    )
    if not profile.expires_on:
        profile.expires_on = timezone.localdate() + dt.timedelta(days=DEFAULT_VALIDITY_DAYS)
    profile.full_clean(exclude=["sectors"])
    profile.save()
    profile.sectors.set(sectors)
    profile.quality_score = quality.assess_profile(profile).score
    profile.save(update_fields=["quality_score"])
    audit.record(
        actor=user,
        target=profile,
        action=AuditAction.CREATE,
        summary=profile.title,
        changes=audit.diff(before={}, after=snapshot(profile)),
    )
    return profile


def apply_data(profile: Profile, *, data: dict, declared_language=None) -> None:
    """Set the edited fields on an unsaved copy and settle its language (declared, or detected
    from the new text). Shared by direct edits and by revisions, so both give the same result."""
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(profile, name, data[name])
    profile.content_language, profile.content_language_declared = detect_language(
        text=f"{profile.title}\n{profile.summary}\n{profile.description}",
        declared=declared_language,
    )


def save_edit(*, actor, profile: Profile, before: dict, sectors=None, summary: str = "") -> Profile:
    """Validate and store an edit of a locked profile: version bump, quality score, audit entry
    with the field differences, and re-indexing after commit when the profile is published.
    Direct edits and accepted revisions both end here."""
    profile.full_clean(exclude=["sectors"])
    profile.version += 1
    profile.save()
    if sectors is not None:
        profile.sectors.set(sectors)
    profile.quality_score = quality.assess_profile(profile).score
    profile.save(update_fields=["quality_score"])
    changes = audit.diff(before=before, after=snapshot(profile))
    if changes:
        audit.record(
            actor=actor,
            target=profile,
            action=AuditAction.UPDATE,
            summary=summary + ", ".join(changes),
            changes=changes,
        )
    if profile.status == ProfileStatus.PUBLISHED:
        _schedule_index(profile.pk)
    if profile.published_at:
        schedule_refresh(
            "profiles", ids=[profile.pk]
        )  # its sectors, organisation or broker place it in figures
    return profile


def stale_message() -> str:
    return _(
        "Someone else saved this profile while you were editing it. Reload to see their changes."
    )


@transaction.atomic
def update_profile(
    *,
    user,
    profile: Profile,
    data: dict,
    sectors=None,
    version: int | None = None,
    declared_language=None,
) -> Profile:
    """Apply an edit to a profile that is not published (draft, submitted, expired). Refused
    for people outside the owner organisation and for stale edits. A published profile changes
    only through a revision a broker accepts (:mod:`lintas.catalogue.domain.revisions`), so
    this refuses it rather than let any caller skip the review."""
    if not can_edit(user, profile):
        raise PermissionDenied(_("You may not edit this profile."))
    locked = Profile.objects.select_for_update().get(pk=profile.pk)
    if version is not None and locked.version != version:
        raise StaleEdit(stale_message())
    if locked.status == ProfileStatus.PUBLISHED:
        raise ValidationError(
            _("A published profile changes through a revision that a broker reviews.")
        )
    before = snapshot(locked)
    apply_data(locked, data=data, declared_language=declared_language)
    return save_edit(actor=user, profile=locked, before=before, sectors=sectors)


def _transition(*, user, profile: Profile, to: str, note: str = "") -> Profile:
    if to not in ALLOWED.get(profile.status, set()):
        raise ValidationError(
            _("A profile that is %(from)s cannot become %(to)s.")
            % {"from": profile.get_status_display(), "to": ProfileStatus(to).label}
        )
    before = profile.status
    profile.status = to
    now = timezone.now()
    if to == ProfileStatus.SUBMITTED:
        profile.submitted_at = now
        profile.return_reason, profile.returned_at = "", None
    if to == ProfileStatus.PUBLISHED:
        profile.published_at = now
        profile.published_by = user
        if not profile.expires_on or profile.expires_on <= timezone.localdate():
            profile.expires_on = timezone.localdate() + dt.timedelta(days=DEFAULT_VALIDITY_DAYS)
    profile.version += 1
    profile.save()
    audit.record(
        actor=user,
        target=profile,
        action=AuditAction.STATUS,
        summary=f"{before} → {to}" + (f": {note}" if note else ""),
        changes={"status": [before, to], **({"note": note} if note else {})},
    )
    if ProfileStatus.PUBLISHED in (before, to):
        _schedule_index(profile.pk)
    if to == ProfileStatus.PUBLISHED:
        schedule_refresh("publications", ids=[profile.pk])
    return profile


@transaction.atomic
def submit(*, user, profile: Profile) -> Profile:
    if not can_edit(user, profile):
        raise PermissionDenied(_("You may not submit this profile."))
    return _transition(user=user, profile=profile, to=ProfileStatus.SUBMITTED)


@transaction.atomic
def publish(*, user, profile: Profile) -> Profile:
    """Brokers validate and publish; the engine then indexes and matches the profile."""
    if not rules.has_perm("catalogue.review_profile", user, profile):
        raise PermissionDenied(_("Only brokers publish profiles."))
    profile = _transition(user=user, profile=profile, to=ProfileStatus.PUBLISHED)
    transaction.on_commit(
        lambda pk=profile.pk: profile_published.send(sender=Profile, profile_id=pk)
    )
    return profile


@transaction.atomic
def return_to_author(*, user, profile: Profile, note: str) -> Profile:
    """A broker sends a submitted profile back with the reason. The author reads it in the
    notification list, in an e-mail in their own language, and on the edit page until they
    submit again: a returned profile with no word why is a dead end for its author."""
    if not rules.has_perm("catalogue.review_profile", user, profile):
        raise PermissionDenied(_("Only brokers review submitted profiles."))
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Tell the author what to change."))
    if len(note) > 2000:
        raise ValidationError(
            _("The reason is limited to %(max)d characters; this one has %(n)d.")
            % {"max": 2000, "n": len(note)}
        )
    profile.return_reason, profile.returned_at = note, timezone.now()
    profile = _transition(user=user, profile=profile, to=ProfileStatus.DRAFT, note=note)
    _tell_author_returned(profile=profile, reason=note)
    return profile


def _tell_author_returned(*, profile: Profile, reason: str) -> None:
    author = profile.created_by
    if author is None or author.organisation_id != profile.organisation_id:
        return  # an author who has left the organisation hears nothing more of its profiles

    def compose(person):
        return (
            _("Your profile %(ref)s was returned: please revise it") % {"ref": profile.ref},
            _(
                "A broker reviewed “%(title)s” and returned it to you with this reason:\n\n"
                "%(reason)s\n\nEdit the profile and submit it again when it is ready."
            )
            % {"title": profile.title, "reason": reason},
        )

    notify(
        users=[author],
        compose=compose,
        target=profile,
        url=reverse("catalogue:profile_edit", kwargs={"ref": profile.ref}),
    )


@transaction.atomic
def archive(*, user, profile: Profile) -> Profile:
    if not can_edit(user, profile):
        raise PermissionDenied(_("You may not archive this profile."))
    return _transition(user=user, profile=profile, to=ProfileStatus.ARCHIVED)


@transaction.atomic
def renew(*, user, profile: Profile, days: int = DEFAULT_VALIDITY_DAYS) -> Profile:
    """Extend validity; an expired profile goes back to the broker queue."""
    if not can_edit(user, profile):
        raise PermissionDenied(_("You may not renew this profile."))
    profile.expires_on = timezone.localdate() + dt.timedelta(days=days)
    profile.renewal_reminded_on = None
    profile.save(update_fields=["expires_on", "renewal_reminded_on", "updated_at"])
    audit.record(
        actor=user,
        target=profile,
        action=AuditAction.UPDATE,
        summary="renewed",
        changes={"expires_on": [None, profile.expires_on.isoformat()]},
    )
    if profile.status == ProfileStatus.EXPIRED:
        _transition(user=user, profile=profile, to=ProfileStatus.SUBMITTED)
    return profile


def expire_due(*, today: dt.date | None = None) -> int:
    """Expire published profiles past their date (run daily by Celery beat or cron)."""
    today = today or timezone.localdate()
    count = 0
    for profile in Profile.objects.filter(status=ProfileStatus.PUBLISHED, expires_on__lt=today):
        with transaction.atomic():
            _transition(user=None, profile=profile, to=ProfileStatus.EXPIRED)
        count += 1
    return count


def send_renewal_reminders(*, today: dt.date | None = None) -> int:
    """E-mail owners of published profiles that expire within the reminder window, once."""
    today = today or timezone.localdate()
    window = today + dt.timedelta(days=settings.LINTAS["RENEWAL_REMINDER_DAYS"])
    due = Profile.objects.filter(
        status=ProfileStatus.PUBLISHED,
        expires_on__lte=window,
        expires_on__gte=today,
        renewal_reminded_on__isnull=True,
    ).select_related("created_by")
    sent = 0
    for profile in due:
        author = profile.created_by
        still_entitled = (
            author is not None
            and author.is_active
            and (author.organisation_id == profile.organisation_id or author.is_broker)
        )
        # An author who has left the organisation hears nothing more of its profiles.
        recipient = author.email if still_entitled else profile.contact_email
        if recipient:
            # In the author's language, the date as they write it (a contact address without
            # an account reads the site's default language).
            language = author.language if still_entitled else settings.LANGUAGE_CODE
            with translation.override(language or settings.LANGUAGE_CODE):
                mail.send(
                    subject=_("Your profile %(ref)s expires on %(date)s")
                    % {"ref": profile.ref, "date": readable.date(profile.expires_on)},
                    body=_("Renew it here to keep it visible: %(url)s")
                    % {"url": mail.site_link(profile.get_absolute_url())},
                    to=[recipient],
                )
            sent += 1
        profile.renewal_reminded_on = today
        profile.save(update_fields=["renewal_reminded_on"])
    return sent
