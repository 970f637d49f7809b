from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lintas.brokerage.models.deal import MESSAGE_MAX
from lintas.core.files import ProtectedFileField, RandomName


def _upload_to(instance, filename):
    """Named in migration 0001 only; files are now named by ProtectedFileField."""
    return RandomName("deals")(instance, filename)


class Message(models.Model):
    """A message in a deal's conversation, optionally with one PDF or image."""

    deal = models.ForeignKey("brokerage.Deal", on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("message"), max_length=MESSAGE_MAX)
    attachment = ProtectedFileField(_("attachment"), folder="deals", blank=True)
    attachment_name = models.CharField(max_length=200, blank=True)
    attachment_type = models.CharField(max_length=50, blank=True)
    attachment_size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return self.body[:60]

    def get_download_url(self) -> str:
        return reverse("brokerage:message_file", kwargs={"pk": self.pk})

    attachment_url = get_download_url


class ReadMark(models.Model):
    """Read state per person and conversation: everything up to ``read_at`` has been seen."""

    deal = models.ForeignKey("brokerage.Deal", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["deal", "user"], name="one_readmark")]
