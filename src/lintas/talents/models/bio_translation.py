from django.db import models
from django.utils.translation import gettext_lazy as _

from lintas.catalogue.enums import ContentLanguage
from lintas.talents.models.talent import BIO_MAX


class BioTranslation(models.Model):
    """A talent's biography in another language, written (or machine-translated and checked)
    by the talent. Shown to readers of that language beside a link to the original; it follows
    the biography's members-only setting and is searched like the original."""

    talent = models.ForeignKey(
        "talents.Talent", on_delete=models.CASCADE, related_name="bio_translations"
    )
    language = models.CharField(_("language"), max_length=3, choices=ContentLanguage.choices)
    text = models.TextField(_("biography"), max_length=BIO_MAX)
    machine = models.BooleanField(_("machine translation"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["talent", "language"], name="one_bio_per_language")
        ]
        verbose_name = _("biography translation")
        verbose_name_plural = _("biography translations")

    def __str__(self):
        return f"{self.talent} ({self.language})"
