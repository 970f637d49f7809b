from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lintas.brokerage.enums import AgreementType
from lintas.core.files import ProtectedFileField, RandomName


def _upload_to(instance, filename):
    """Named in migration 0001 only; files are now named by ProtectedFileField."""
    return RandomName("agreements")(instance, filename)


class Agreement(models.Model):
    """A signed cooperation document: the outcome the network reports."""

    title = models.CharField(_("title"), max_length=200)
    type = models.CharField(_("type"), max_length=15, choices=AgreementType.choices)
    parties = models.ManyToManyField(
        "core.Organisation", verbose_name=_("parties"), related_name="agreements"
    )
    signed_on = models.DateField(_("signing date"))
    value = models.DecimalField(
        _("value"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Use a three-letter ISO 4217 code."))],
    )
    profiles = models.ManyToManyField(
        "catalogue.Profile", verbose_name=_("linked profiles"), blank=True, related_name="+"
    )
    deal = models.ForeignKey(
        "brokerage.Deal",
        verbose_name=_("deal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
    )
    # SET_NULL: the agreement stays in the registry (and the figures) if its event is deleted.
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
    )
    document = ProtectedFileField(_("document"), folder="agreements", blank=True)
    document_name = models.CharField(max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("brokerage:agreement", kwargs={"pk": self.pk})

    def get_download_url(self):
        return reverse("brokerage:agreement_document", kwargs={"pk": self.pk})
