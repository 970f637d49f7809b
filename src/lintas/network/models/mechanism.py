from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from lintas.network.models.fields import partial_date


class Mechanism(models.Model):
    """A bilateral technology-transfer mechanism between two countries.

    ``working_group`` is a yes/no/unknown: the sources often say how many joint working groups
    exist without saying which mechanisms have one.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    country_a = CountryField(_("first country"))
    country_b = CountryField(_("second country"))
    established = partial_date(_("established"))
    working_group = models.BooleanField(_("joint working group"), null=True, blank=True)
    note = models.TextField(_("note on sources"), blank=True, max_length=2000)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["country_a", "country_b", "name"]
        verbose_name = _("bilateral mechanism")
        verbose_name_plural = _("bilateral mechanisms")

    def __str__(self):
        return self.name
