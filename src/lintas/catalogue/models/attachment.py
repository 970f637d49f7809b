from django.db import models
from django.utils.translation import gettext_lazy as _


def _upload_to(instance, filename):
    return f"attachments/{instance.profile.ref}/{filename}"


class Attachment(models.Model):
    """A PDF or image attached to a profile. Type and size are checked in the domain."""

    profile = models.ForeignKey(
        "catalogue.Profile", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=_upload_to)
    title = models.CharField(_("title"), max_length=200, blank=True)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Confidential attachments follow the same rules as confidential fields."),
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title or self.file.name
