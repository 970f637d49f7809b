from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lintas.network.enums import SiteStatus
from lintas.network.models.fields import country_list, partial_date


class JointLab(models.Model):
    """A (usually bilateral) joint laboratory of the network.

    Partners are organisations of the registry where they are known, plus free-text names for
    institutions that have no account (``partner_names``).
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    aliases = models.JSONField(_("other names"), default=list, blank=True)
    partners = models.ManyToManyField(
        "core.Organisation", verbose_name=_("partner organisations"), blank=True,
        related_name="joint_labs",
    )  # fmt: skip
    partner_names = models.JSONField(_("other partners"), default=list, blank=True)
    countries = country_list(_("countries"))
    sector = models.ForeignKey(
        "core.Sector", verbose_name=_("sector"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="joint_labs",
    )  # fmt: skip
    launched = partial_date(_("launch date"))
    status = models.CharField(
        _("status"), max_length=20, choices=SiteStatus.choices, default=SiteStatus.ACTIVE
    )
    description = models.TextField(_("description"), blank=True, max_length=4000)
    illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("Not from the sources: demo data only.")
    )
    note = models.TextField(_("note on sources"), blank=True, max_length=2000)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("joint laboratory")
        verbose_name_plural = _("joint laboratories")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:lab", kwargs={"pk": self.pk})
