from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Sector(models.Model):
    """A field of technology. Data, not code: loaded from sectors.json, editable in the admin.

    Names are curated labels, translated per language in ``names`` ({"en": ..., "zh-hans": ...}).
    """

    slug = models.SlugField(unique=True, max_length=50)
    names = models.JSONField(default=dict)
    nace_codes = models.JSONField(default=list, help_text=_("NACE Rev.2 codes"))
    sdgs = models.JSONField(default=list, help_text=_("UN Sustainable Development Goals (1–17)"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        lang = get_language() or "en"
        return (
            self.names.get(lang)
            or self.names.get(lang.split("-")[0])
            or self.names.get("en")
            or self.slug
        )
