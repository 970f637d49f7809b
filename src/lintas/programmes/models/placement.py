from django.db import models
from django.utils.translation import gettext_lazy as _

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
    return f"programmes/placements/{instance.placement_id}/{filename}"


class PlacementReport(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="reports")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=_report_to)
    content_type = models.CharField(max_length=50)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]


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
