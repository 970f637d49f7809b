from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from lintas.network.enums import SiteStatus
from lintas.network.models.fields import country_list


class SciencePark(models.Model):
    """A science, technology or industrial park the network cooperates with."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    country = CountryField(_("country"))
    countries = country_list(_("countries involved"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    focus = models.CharField(_("focus"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    status = models.CharField(
        _("status"), max_length=20, choices=SiteStatus.choices, default=SiteStatus.ACTIVE
    )
    illustrative = models.BooleanField(_("illustrative"), default=False)
    note = models.TextField(_("note on sources"), blank=True, max_length=2000)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("science park")
        verbose_name_plural = _("science parks")

    def __str__(self):
        return self.name
