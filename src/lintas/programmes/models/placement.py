from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lintas.core.files import ProtectedFileField, RandomName
from lintas.programmes.enums import PlacementStatus, RequestStatus


class Placement(models.Model):
    """An accepted researcher at a host lab, with the explanation of why this host."""

    application = models.OneToOneField(
        "programmes.Application", on_delete=models.CASCADE, related_name="placement"
    )
    host = models.ForeignKey("programmes.Host", on_delete=models.PROTECT, related_name="placements")
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    status = models.CharField(
        _("status"), max_length=10, choices=PlacementStatus.choices, default=PlacementStatus.PLANNED
    )
    affinity = models.FloatField(default=0)
    explanation = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")

    def __str__(self):
        return f"{self.application.full_name} @ {self.host.name}"


def _report_to(instance, filename):
    """Named in migration 0001 only; files are now named by ProtectedFileField."""
    return RandomName("placements")(instance, filename)


class PlacementReport(models.Model):
    """A report the researcher (or an officer) files during a placement."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="reports")
    title = models.CharField(_("title"), max_length=200)
    file = ProtectedFileField(_("file"), folder="placements")
    content_type = models.CharField(max_length=50)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]

    def get_download_url(self):
        return reverse(
            "programmes:report_file", kwargs={"pk": self.placement_id, "report": self.pk}
        )


class ExtensionRequest(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="extensions")
    new_end = models.DateField(_("new end date"))
    reason = models.TextField(_("reason"), max_length=2000)
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
