from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("import", "Waiting to run")
    DONE = "done", pgettext_lazy("import", "Finished")
    FAILED = "failed", pgettext_lazy("import", "The file could not be read")


class ImportJob(models.Model):
    """One run of an import over an uploaded file, in the background (a large file takes
    longer than a web request may): the dry run a broker reads first, then the commit, which
    points back at the dry run it follows. Runs go through
    :mod:`lintas.catalogue.domain.import_jobs`; the report is
    :meth:`lintas.core.domain.transfer.Report.as_dict`."""

    dataset = models.CharField(_("what the file holds"), max_length=20)
    filename = models.CharField(_("file"), max_length=200)
    stored = models.CharField(max_length=200)  # name in the default storage, under imports/
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    dry_run = models.BooleanField(default=True)
    status = models.CharField(
        max_length=10, choices=ImportJobStatus.choices, default=ImportJobStatus.QUEUED
    )
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    checked = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="commits"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.dataset} {self.filename} ({self.status})"

    def get_absolute_url(self):
        return reverse("ops:import_job", kwargs={"pk": self.pk})

    @property
    def finished(self) -> bool:
        return self.status != ImportJobStatus.QUEUED

    @property
    def committed(self) -> bool:
        return bool(self.report.get("committed"))

    @property
    def can_commit(self) -> bool:
        """A finished dry run without problems, with rows, not committed yet."""
        return (
            self.dry_run
            and self.status == ImportJobStatus.DONE
            and not self.report.get("problems")
            and bool(self.report.get("accepted"))
        )
