"""Who may see what of a profile. Confidential fields and contact details are revealed only to
the owner's organisation, brokers, and parties of an introduction both sides consented to."""

from __future__ import annotations

from lintas.catalogue.enums import ProfileStatus, RevisionStatus
from lintas.catalogue.models.profile import CONFIDENTIAL_FIELDS, Profile
from lintas.catalogue.signals import confidential_access
from lintas.core.domain import audit
from lintas.core.enums import AuditAction


def is_owner(user, profile) -> bool:
    return bool(
        user.is_authenticated
        and user.organisation_id
        and user.organisation_id == profile.organisation_id
    )


def can_view(user, profile) -> bool:
    if profile.status == ProfileStatus.PUBLISHED:
        return True
    return bool(user.is_authenticated and (is_owner(user, profile) or user.is_broker))


def can_see_confidential(user, profile) -> bool:
    """Owners, brokers and granted parties. A broker outside the owner organisation is about
    to see another organisation's confidential fields: that is audited like a party's view
    (the grants audit theirs), so the owner can learn who saw them."""
    if not user.is_authenticated:
        return False
    if is_owner(user, profile):
        return True
    if user.is_broker:
        _audit_view(user, profile, role="broker")
        return True
    # Apps above the catalogue grant access through a signal (brokerage: consented
    # introductions); the catalogue stays unaware of introductions while honouring them.
    answers = confidential_access.send(sender=Profile, user=user, profile=profile)
    return any(granted is True for _receiver, granted in answers)


def _audit_view(user, profile, *, role: str) -> None:
    audit.record(
        actor=user,
        target=profile,
        action=AuditAction.VIEW,
        summary=f"confidential fields of {profile.ref} seen by {user.username} ({role})",
    )


def can_view_attachment(user, attachment) -> bool:
    """An attachment is seen by whoever sees its profile; a confidential one only by those who
    see the confidential fields; one added to a published profile only by its author and
    brokers until a broker accepts the revision it came with."""
    profile = attachment.profile
    if not can_view(user, profile):
        return False
    revision = attachment.revision
    if revision is not None and revision.status != RevisionStatus.ACCEPTED:
        reviewer_or_author = user.is_authenticated and (
            user.is_broker or revision.author_id == user.pk
        )
        if not reviewer_or_author:
            return False
    return not attachment.confidential or can_see_confidential(user, profile)


def visible_attachments(user, profile) -> list:
    files = profile.attachments.select_related("revision")
    return [a for a in files if can_view_attachment(user, a)]


def public_dict(profile) -> dict:
    """The profile without confidential fields: what anonymous visitors, search and exports get."""
    return {
        "ref": profile.ref,
        "kind": profile.kind,
        "title": profile.title,
        "summary": profile.summary,
        "description": profile.description,
        "keywords": profile.keywords,
        "trl": profile.trl,
        "ipr_status": profile.ipr_status,
        "patent_numbers": profile.patent_numbers,
        "cooperation_modes": profile.cooperation_modes,
        "target_countries": profile.target_countries,
        "content_language": profile.content_language,
        "organisation": profile.organisation.name,
        "country": str(profile.organisation.country),
        "sectors": [s.slug for s in profile.sectors.all()],
        "status": profile.status,
        "published_at": profile.published_at.isoformat() if profile.published_at else None,
        "expires_on": profile.expires_on.isoformat() if profile.expires_on else None,
    }


def confidential_dict(profile) -> dict:
    return {name: getattr(profile, name) for name in CONFIDENTIAL_FIELDS}
