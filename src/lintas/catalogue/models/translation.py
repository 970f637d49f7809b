import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lintas.catalogue.enums import ContentLanguage
from lintas.catalogue.models.profile import DESCRIPTION_MAX, SUMMARY_MAX, TITLE_MAX


def source_digest(*, title: str, summary: str, description: str) -> str:
    """A fingerprint of the original text a translation was written from. Comparing it with
    the profile's current text tells readers a translation is outdated, without any hook
    that would have to run on every edit."""
    text = "\x1f".join((title or "", summary or "", description or ""))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


class ProfileTranslation(models.Model):
    """The title and summary (and optionally the description) of a profile in another
    language, so that a Thai reader can read a Chinese offer.

    Why a separate row per language: each translation has its own author (the profile's author
    or a broker), date and provenance (``machine``: the text came from machine translation,
    confirmed by ``written_by``), and is outdated on its own when the original changes
    (``source_digest`` holds a fingerprint of the original it was written from;
    ``source_version`` the profile version at that time, for people reading the history).
    Writes go through :mod:`lintas.catalogue.domain.translations`.
    """

    profile = models.ForeignKey(
        "catalogue.Profile",
        verbose_name=_("profile"),
        on_delete=models.CASCADE,
        related_name="translations",
    )
    language = models.CharField(_("language"), max_length=3, choices=ContentLanguage.choices)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    summary = models.TextField(_("summary"), max_length=SUMMARY_MAX)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    machine = models.BooleanField(_("machine translation"), default=False)
    source_version = models.PositiveIntegerField(default=1)
    source_digest = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "language"], name="one_translation_per_language"
            )
        ]
        verbose_name = _("profile translation")
        verbose_name_plural = _("profile translations")

    def __str__(self):
        return f"{self.profile_id} [{self.language}] {self.title}"

    def get_absolute_url(self):
        return reverse(
            "catalogue:translation_edit",
            kwargs={"ref": self.profile.ref, "language": self.language},
        )

    @property
    def written_by_name(self) -> str:
        user = self.written_by
        return (user.get_full_name() or user.username) if user else "—"

    @property
    def is_outdated(self) -> bool:
        """True when the original's title, summary or description changed since."""
        p = self.profile
        return self.source_digest != source_digest(
            title=p.title, summary=p.summary, description=p.description
        )
