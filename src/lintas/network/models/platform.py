from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from lintas.network.enums import PlatformKind
from lintas.network.models.fields import partial_date


class Platform(models.Model):
    """A centre, network, alliance, trading or talent platform, campaign or competition run by
    or with the network, with the headline figures its sources give (``figures``)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PlatformKind.choices)
    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("run by"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="platforms",
    )  # fmt: skip
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"))
    launched = partial_date(_("launch date"))
    description = models.TextField(_("description"), blank=True, max_length=4000)
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    note = models.TextField(_("note on sources"), blank=True, max_length=2000)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")

    def __str__(self):
        return self.name
