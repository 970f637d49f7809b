"""Translations of a profile's title and summary (and optionally description) into other
platform languages, and the one function every page, list, e-mail and export calls to show a
profile in the reader's language: :func:`display_text`.

Why here: a Thai SME cannot read a Chinese offer. Translations are written by the profile's
author or a broker (perhaps starting from a machine suggestion, which stays labelled as
such), each marked with who wrote it and when, and outdated when the original changes.
A translation is public text like the original: it is shown at once, recorded in the audit
log, and the profile is re-indexed so that searches find it in either language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lintas.catalogue.domain import queries
from lintas.catalogue.domain.queries import for_list
from lintas.catalogue.enums import ContentLanguage, ProfileStatus
from lintas.catalogue.models import Profile, ProfileTranslation
from lintas.catalogue.models.profile import DESCRIPTION_MAX, SUMMARY_MAX, TITLE_MAX
from lintas.catalogue.models.translation import source_digest
from lintas.catalogue.signals import public_profile_changed
from lintas.core.domain import audit
from lintas.core.enums import AuditAction


def content_language(code: str | None) -> str:
    """The content language of a UI language code ("zh-hans" → "zh", "th" → "th"); English
    for anything unknown, the platform's common language."""
    base = (code or "en").lower().replace("_", "-").split("-")[0]
    return base if base in ContentLanguage.values else "en"


def language_label(code: str) -> str:
    """A content language's name in that language ("中文", "ไทย")."""
    return str(ContentLanguage(code).label) if code in ContentLanguage.values else code


@dataclass(frozen=True)
class DisplayText:
    """What to show of a profile to one reader: its text in the reader's language when a
    translation exists, otherwise the original, and enough to label and link both."""

    title: str
    summary: str
    description: str
    language: str  # of title and summary
    description_language: str
    original_language: str
    translation: ProfileTranslation | None

    @property
    def is_translation(self) -> bool:
        return self.translation is not None

    @property
    def machine(self) -> bool:
        return bool(self.translation and self.translation.machine)

    @property
    def outdated(self) -> bool:
        return bool(self.translation and self.translation.is_outdated)

    @property
    def language_label(self) -> str:
        return language_label(self.language)

    @property
    def original_label(self) -> str:
        return language_label(self.original_language)


def _translation_in(profile: Profile, language: str) -> ProfileTranslation | None:
    # .all() uses prefetch_related("translations") when the list prefetched it.
    for translation in profile.translations.all():
        if translation.language == language:
            return translation
    return None


def original_text(profile: Profile) -> DisplayText:
    lang = profile.content_language
    return DisplayText(
        title=profile.title,
        summary=profile.summary,
        description=profile.description,
        language=lang,
        description_language=lang,
        original_language=lang,
        translation=None,
    )


def display_text(profile: Profile, language: str | None = None) -> DisplayText:
    """The profile's title, summary and description as a reader of ``language`` (a UI or
    content language code; the active UI language by default) should see them: the
    translation into that language if there is one, else the original. A translation
    without a description shows the original description (labelled with its language)."""
    wanted = content_language(language or get_language())
    if wanted == profile.content_language:
        return original_text(profile)
    translation = _translation_in(profile, wanted)
    if translation is None:
        return original_text(profile)
    has_description = bool(translation.description.strip())
    return DisplayText(
        title=translation.title,
        summary=translation.summary,
        description=translation.description if has_description else profile.description,
        language=wanted,
        description_language=wanted if has_description else profile.content_language,
        original_language=profile.content_language,
        translation=translation,
    )


def available_languages(profile: Profile) -> list[str]:
    """The original language first, then every translation's."""
    return [profile.content_language] + [
        t.language for t in profile.translations.all() if t.language != profile.content_language
    ]


def other_languages(profile: Profile, text: DisplayText) -> list[tuple[str, str]]:
    """(code, name) of the languages a reader can switch to from ``text``: the translations
    not shown, and the original when a translation is shown (pages also link it by name)."""
    return [
        (code, language_label(code))
        for code in available_languages(profile)
        if code != text.language and not (text.is_translation and code == profile.content_language)
    ]


# The languages readers in each target country read, the first being the one to translate into.
# A profile serves a country when it is available in any of them (Singapore reads English).
# Countries not listed read English, the network's common language.
COUNTRY_LANGUAGES = {
    "CN": ("zh",),
    "TW": ("zh",),
    "HK": ("zh", "en"),
    "MO": ("zh",),
    "ID": ("id",),
    "MY": ("ms", "en"),
    "BN": ("ms", "en"),
    "SG": ("en", "zh", "ms"),
    "TH": ("th",),
    "VN": ("vi",),
    "PH": ("fil", "en"),
    "KH": ("km",),
    "LA": ("lo",),
    "MM": ("my",),
}


def country_languages(country: str) -> tuple[str, ...]:
    return COUNTRY_LANGUAGES.get((country or "").upper(), ("en",))


def missing_languages(profile: Profile) -> list[str]:
    """The languages a profile should be translated into for its target countries: for each
    country it cannot be read in, that country's first language (in target-country order,
    without repeats). Uses prefetched translations when the caller prefetched them."""
    available = set(available_languages(profile))
    missing: list[str] = []
    for country in profile.target_countries or []:
        languages = country_languages(country)
        if not available.intersection(languages) and languages[0] not in missing:
            missing.append(languages[0])
    return missing


def lacking_translations(*, language: str | None = None) -> list[tuple[Profile, list[str]]]:
    """Published profiles that lack a translation into a target country's language (only
    those lacking ``language`` when given), newest first, each with the languages missing.
    Why: a broker sees where a translation would open a profile to a whole country."""
    rows = []
    for profile in for_list().exclude(target_countries=[]):
        missing = missing_languages(profile)
        if missing and (language is None or language in missing):
            rows.append((profile, missing))
    return rows


def machine_draft(*, user, profile: Profile, language: str) -> dict:
    """A machine translation of the profile's title, summary and description into ``language``,
    to pre-fill the form a person checks before saving (never saved by itself). Raises
    :class:`~lintas.core.machine_translation.TranslatorUnavailable` when the service cannot."""
    if not can_translate(user, profile):
        raise PermissionDenied(_("You may not translate this profile."))
    if language not in ContentLanguage.values or language == profile.content_language:
        raise ValidationError(_("Choose one of the platform's languages."))
    from lintas.core.translator import get_translator

    title, summary, description = get_translator().translate(
        [profile.title, profile.summary, profile.description],
        source=profile.content_language,
        target=language,
    )
    return {
        "language": language,
        "title": title[:TITLE_MAX],
        "summary": summary[:SUMMARY_MAX],
        "description": description[:DESCRIPTION_MAX],
        "machine": True,
    }


def can_translate(user, profile: Profile) -> bool:
    """The profile's author (anyone of the owner organisation) or a broker; not on an archived
    profile, which nobody reads any more."""
    if not getattr(user, "is_authenticated", False):
        return False
    if profile.status == ProfileStatus.ARCHIVED:
        return False
    if user.is_broker:
        return True
    return bool(user.organisation_id and user.organisation_id == profile.organisation_id)


def _schedule_index(profile: Profile) -> None:
    if profile.status == ProfileStatus.PUBLISHED:
        pk = profile.pk

        def changed():
            queries.lists_changed()
            public_profile_changed.send(sender=Profile, profile_id=pk)

        transaction.on_commit(changed)


def _fill(translation: ProfileTranslation, *, title, summary, description, machine) -> None:
    profile = translation.profile
    translation.title = (title or "").strip()
    translation.summary = (summary or "").strip()
    translation.description = (description or "").strip()
    translation.machine = bool(machine)
    translation.source_version = profile.version
    translation.source_digest = source_digest(
        title=profile.title, summary=profile.summary, description=profile.description
    )
    if not translation.title or not translation.summary:
        raise ValidationError(_("A translation needs a title and a summary."))
    translation.full_clean(exclude=["profile", "written_by"], validate_unique=False)


@transaction.atomic
def add_translation(
    *,
    user,
    profile: Profile,
    language: str,
    title: str,
    summary: str,
    description: str = "",
    machine: bool = False,
) -> ProfileTranslation:
    """Add the profile's text in another language. ``machine`` says the text came from
    machine translation (a person confirmed it); readers see that label."""
    if not can_translate(user, profile):
        raise PermissionDenied(_("You may not translate this profile."))
    if language not in ContentLanguage.values:
        raise ValidationError(_("Choose one of the platform's languages."))
    if language == profile.content_language:
        raise ValidationError(_("This profile is already written in that language."))
    if profile.translations.filter(language=language).exists():
        raise ValidationError(_("This profile already has a translation into that language."))
    translation = ProfileTranslation(profile=profile, language=language, written_by=user)
    _fill(translation, title=title, summary=summary, description=description, machine=machine)
    try:
        with transaction.atomic():
            translation.save()
    except IntegrityError as error:  # someone added the same language meanwhile
        raise ValidationError(
            _("This profile already has a translation into that language.")
        ) from error
    audit.record(
        actor=user,
        target=profile,
        action=AuditAction.UPDATE,
        summary=f"translation {language} added",
        changes={f"translation_{language}": [None, translation.title]},
    )
    _schedule_index(profile)
    return translation


@transaction.atomic
def edit_translation(
    *,
    user,
    translation: ProfileTranslation,
    title: str,
    summary: str,
    description: str = "",
    machine: bool = False,
) -> ProfileTranslation:
    """Rewrite a translation (for example after the original changed): it is then current
    again and marked as written by this person."""
    profile = translation.profile
    if not can_translate(user, profile):
        raise PermissionDenied(_("You may not translate this profile."))
    locked = ProfileTranslation.objects.select_for_update().get(pk=translation.pk)
    locked.profile = profile
    before = locked.title
    _fill(locked, title=title, summary=summary, description=description, machine=machine)
    locked.written_by = user
    locked.save()
    audit.record(
        actor=user,
        target=profile,
        action=AuditAction.UPDATE,
        summary=f"translation {locked.language} edited",
        changes={f"translation_{locked.language}": [before, locked.title]},
    )
    _schedule_index(profile)
    return locked


@transaction.atomic
def delete_translation(*, user, translation: ProfileTranslation) -> None:
    """Remove a translation; readers of that language see the original again."""
    profile = translation.profile
    if not can_translate(user, profile):
        raise PermissionDenied(_("You may not translate this profile."))
    language, title = translation.language, translation.title
    translation.delete()
    audit.record(
        actor=user,
        target=profile,
        action=AuditAction.UPDATE,
        summary=f"translation {language} deleted",
        changes={f"translation_{language}": [title, None]},
    )
    _schedule_index(profile)
