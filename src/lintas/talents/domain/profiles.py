"""Opting in to the directory, editing one's entry, and typed-in publications.

Only the person themselves writes their entry (brokers and administrators use the admin site
for corrections): a talent profile speaks for a person, not for an organisation.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lintas.catalogue.enums import ContentLanguage
from lintas.core.domain import audit
from lintas.core.enums import AuditAction
from lintas.programmes.enums import ApplicationStatus
from lintas.talents.domain import indexing
from lintas.talents.enums import Availability, MemberField, PublicationSource, TalentRole
from lintas.talents.models import Publication, Talent
from lintas.talents.models.talent import KEYWORDS_MAX

FIELDS = (
    "name",
    "position",
    "organisation_name",
    "country",
    "languages",
    "keywords",
    "bio",
    "bio_language",
    "roles",
    "availability",
    "availability_note",
    "members_only",
    "contact_email",
    "contact_phone",
    "listed",
)


def normalise_title(title: str) -> str:
    """Lower case letters and digits only: "Salt-Tolerant Rice." == "salt tolerant rice"."""
    text = unicodedata.normalize("NFKC", title or "").casefold()
    return re.sub(r"[\W_]+", " ", text).strip()[:500]


def normalise_doi(doi: str) -> str:
    doi = (doi or "").strip().lower()
    doi = re.sub(r"^(https?://)?(dx\.)?doi\.org/", "", doi)
    return re.sub(r"^doi:\s*", "", doi)[:200]


def _check_choices(values, choices, message) -> list[str]:
    values = list(dict.fromkeys(values or []))
    allowed = set(choices.values)
    bad = [v for v in values if v not in allowed]
    if bad:
        raise ValidationError(message % {"values": ", ".join(map(str, bad))})
    return values


def _clean(data: dict) -> dict:
    data = {k: v for k, v in data.items() if k in FIELDS}
    if "name" in data:
        data["name"] = (data["name"] or "").strip()
        if not data["name"]:
            raise ValidationError(_("Give your name as others should see it."))
    if "languages" in data:
        data["languages"] = _check_choices(
            data["languages"], ContentLanguage, _("Unknown language codes: %(values)s.")
        )
    if "roles" in data:
        data["roles"] = _check_choices(data["roles"], TalentRole, _("Unknown roles: %(values)s."))
    if "members_only" in data:
        data["members_only"] = _check_choices(
            data["members_only"], MemberField, _("These fields cannot be hidden: %(values)s.")
        )
    if "availability" in data and data["availability"] not in Availability.values:
        raise ValidationError(_("Choose an availability from the list."))
    if "keywords" in data:
        words = data["keywords"]
        if isinstance(words, str):
            words = words.split(",")
        words = list(dict.fromkeys(w.strip() for w in words if w and w.strip()))
        if len(words) > KEYWORDS_MAX:
            raise ValidationError(
                _("At most %(max)d keywords; you gave %(n)d.")
                % {"max": KEYWORDS_MAX, "n": len(words)}
            )
        if any(len(w) > 60 for w in words):
            raise ValidationError(_("Each keyword is at most 60 characters."))
        data["keywords"] = words
    return data


def _unique_slug(name: str, user) -> str:
    base = slugify(name)[:60] or slugify(user.username)[:60] or "talent"
    slug, n = base, 1
    while Talent.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def create_talent(*, user, data: dict, sectors=None) -> Talent:
    """Opt in: the person's own entry. One per person; refused before anything is saved."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Sign in to create your talent profile."))
    if Talent.objects.filter(user=user).exists():
        raise ValidationError(_("You already have a talent profile; edit it instead."))
    values = _clean(data)
    if not values.get("name"):
        raise ValidationError(_("Give your name as others should see it."))
    if not values.get("country"):
        raise ValidationError(_("Choose your country."))
    values.setdefault("contact_email", user.email)
    talent = Talent.objects.create(
        user=user,
        slug=_unique_slug(values["name"], user),
        organisation=user.organisation,
        **values,
    )
    if sectors is not None:
        talent.sectors.set(sectors)
    import_application_publications(talent=talent)
    audit.record(actor=user, target=talent, action=AuditAction.CREATE, summary="talent profile")
    indexing.schedule(talent.pk)
    return talent


@transaction.atomic
def update_talent(*, user, talent: Talent, data: dict, sectors=None) -> Talent:
    """Edit one's own entry (unlisting it hides it from the directory, keeps it for later)."""
    if not user.is_authenticated or talent.user_id != user.pk:
        raise PermissionDenied(_("Only the person themselves can edit a talent profile."))
    values = _clean(data)
    if "country" in values and not values["country"]:
        raise ValidationError(_("Choose your country."))
    for key, value in values.items():
        setattr(talent, key, value)
    talent.organisation = user.organisation or talent.organisation
    talent.save()
    if sectors is not None:
        talent.sectors.set(sectors)
    audit.record(actor=user, target=talent, action=AuditAction.UPDATE, summary="talent profile")
    if "bio" in values:
        indexing.schedule(talent.pk)
    return talent


def prefill_for(user) -> dict:
    """Initial values for a new entry from the person's programme records: an accepted
    application (name, nationality) or a training participation (name, country)."""
    from lintas.programmes.models import Application
    from lintas.programmes.models import Participant as Trainee

    initial = {
        "name": user.get_full_name() or user.username,
        "country": user.organisation.country.code if user.organisation_id else "",
        "contact_email": user.email,
        "languages": [user.language.split("-")[0]] if user.language else [],
    }
    application = (
        Application.objects.filter(applicant=user, status=ApplicationStatus.ACCEPTED)
        .order_by("-decided_at")
        .first()
    )
    trainee = Trainee.objects.filter(user=user).select_related("organisation").first()
    if application:
        initial.update(name=application.full_name, country=application.nationality)
    elif trainee:
        initial.update(name=trainee.name, country=trainee.country.code)
    if initial["languages"] == ["zh"] or user.language == "zh-hans":
        initial["languages"] = ["zh"]
    initial["languages"] = [c for c in initial["languages"] if c in ContentLanguage.values]
    return initial


def import_application_publications(*, talent: Talent) -> int:
    """Copy the publications of the person's programme applications (title, abstract)."""
    from lintas.programmes.models import Application

    added = 0
    for application in Application.objects.filter(applicant_id=talent.user_id):
        for item in application.publications or []:
            title = (item.get("title") or "").strip()
            if title and _add(talent, title=title, abstract=item.get("abstract") or "",
                              source=PublicationSource.APPLICATION):  # fmt: skip
                added += 1
    return added


def _add(talent, *, title: str, source: str, doi: str = "", **fields) -> Publication | None:
    """Add unless a publication with the same DOI or normalised title exists."""
    key = normalise_title(title)
    doi = normalise_doi(doi)
    existing = talent.publications.filter(normalised_title=key)
    if doi:
        existing = existing | talent.publications.filter(doi=doi)
    if not key or existing.exists():
        return None
    return Publication.objects.create(
        talent=talent, title=title[:500], normalised_title=key, doi=doi, source=source, **fields
    )


@transaction.atomic
def add_publication(*, user, talent: Talent, data: dict) -> Publication:
    """Type in one publication; a duplicate (same DOI or title) is refused with a message."""
    if talent.user_id != user.pk:
        raise PermissionDenied(_("Only the person themselves can edit a talent profile."))
    title = (data.get("title") or "").strip()
    if not title:
        raise ValidationError(_("A publication needs a title."))
    fields = {
        k: data[k]
        for k in ("kind", "authors", "venue", "year", "url", "abstract")
        if data.get(k) not in (None, "")
    }
    publication = _add(
        talent, title=title, doi=data.get("doi") or "", source=PublicationSource.MANUAL, **fields
    )
    if publication is None:
        raise ValidationError(_("This publication is already in your list."))
    indexing.schedule(talent.pk)
    return publication


def delete_publication(*, user, publication: Publication) -> None:
    if publication.talent.user_id != user.pk:
        raise PermissionDenied(_("Only the person themselves can edit a talent profile."))
    publication.delete()


@transaction.atomic
def set_bio_translation(*, user, talent: Talent, language: str, text: str, machine: bool = False):
    """Add or replace the biography in ``language`` (not the biography's own language)."""
    from lintas.talents.models import BioTranslation

    if not user.is_authenticated or talent.user_id != user.pk:
        raise PermissionDenied(_("Only the person themselves can edit a talent profile."))
    if language not in ContentLanguage.values:
        raise ValidationError(_("Unknown language codes: %(values)s.") % {"values": language})
    if language == talent.bio_language:
        raise ValidationError(_("This is the language of the biography itself."))
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the biography in that language."))
    translation, _created = BioTranslation.objects.update_or_create(
        talent=talent, language=language, defaults={"text": text[:3000], "machine": machine}
    )
    indexing.schedule(talent.pk)
    return translation


def delete_bio_translation(*, user, translation) -> None:
    if translation.talent.user_id != user.pk:
        raise PermissionDenied(_("Only the person themselves can edit a talent profile."))
    talent_id = translation.talent_id
    translation.delete()
    indexing.schedule(talent_id)


def bio_for(talent: Talent, language: str):
    """(text, language, translation or None): the biography in ``language`` if the talent
    wrote it, else the original."""
    code = "zh" if language.startswith("zh") else language.split("-")[0]
    if code != talent.bio_language:
        for translation in talent.bio_translations.all():
            if translation.language == code:
                return translation.text, code, translation
    return talent.bio, talent.bio_language, None


PHOTO_TYPES = ("image/png", "image/jpeg", "image/webp")


@transaction.atomic
def set_photo(*, user, talent: Talent, upload) -> Talent:
    """An optional photo: PNG, JPEG or WebP (checked by content), within the upload limit."""
    from lintas.catalogue.domain.attachments import check_upload

    if not user.is_authenticated or talent.user_id != user.pk:
        raise PermissionDenied(_("Only the person themselves can edit a talent profile."))
    if check_upload(upload) not in PHOTO_TYPES:
        raise ValidationError(_("A photo must be a PNG, JPEG or WebP image."))
    talent.photo = upload
    talent.save(update_fields=["photo", "updated_at"])
    return talent


def remove_photo(*, user, talent: Talent) -> None:
    if not user.is_authenticated or talent.user_id != user.pk:
        raise PermissionDenied(_("Only the person themselves can edit a talent profile."))
    talent.photo = ""
    talent.save(update_fields=["photo", "updated_at"])
