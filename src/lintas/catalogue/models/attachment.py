from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lintas.core.files import ProtectedFileField, RandomName


def _upload_to(instance, filename):
    """Named in migration 0001 only; files are now named by ProtectedFileField."""
    return RandomName("attachments")(instance, filename)


class Attachment(models.Model):
    """A PDF or image attached to a profile. Type and size are checked in the domain."""

    profile = models.ForeignKey(
        "catalogue.Profile", on_delete=models.CASCADE, related_name="attachments"
    )
    file = ProtectedFileField(_("file"), folder="attachments")
    title = models.CharField(_("title"), max_length=200, blank=True)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Confidential attachments follow the same rules as confidential fields."),
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    revision = models.ForeignKey(
        "catalogue.Revision",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        help_text=_(
            "Set when the file was added to a published profile: it stays hidden until a "
            "broker accepts the revision."
        ),
    )

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title or self.file.name

    def get_download_url(self):
        return reverse("catalogue:attachment", kwargs={"ref": self.profile.ref, "pk": self.pk})
