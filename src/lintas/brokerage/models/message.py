from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lintas.brokerage.models.deal import MESSAGE_MAX
from lintas.core.files import ProtectedFileField, RandomName


def _upload_to(instance, filename):
    """Named in migration 0001 only; files are now named by ProtectedFileField."""
    return RandomName("deals")(instance, filename)


class Conversation(models.Model):
    """A thread that belongs to something other than a deal. An app above the brokerage (a
    talents consultation) opens one with the people who may read and write in it
    (:func:`lintas.brokerage.domain.conversations.open_conversation`) and keeps a link to it;
    the brokerage never knows the owner, only its page (``url``, where notifications point).
    A deal's own thread stays on the deal (``Message.deal``): same messages, attachments,
    read marks, notifications and machine translation for both."""

    people = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    url = models.CharField(max_length=300)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return self.url


class Message(models.Model):
    """A message in a conversation, optionally with one PDF or image: a deal's (``deal``) or
    one an app above opened (``conversation``), never both."""

    deal = models.ForeignKey(
        "brokerage.Deal", on_delete=models.CASCADE, related_name="messages", null=True, blank=True
    )
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages", null=True, blank=True
    )
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
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(deal__isnull=False, conversation__isnull=True)
                    | models.Q(deal__isnull=True, conversation__isnull=False)
                ),
                name="message_in_one_thread",
            )
        ]

    def __str__(self):
        return self.body[:60]

    def get_download_url(self) -> str:
        return reverse("brokerage:message_file", kwargs={"pk": self.pk})

    attachment_url = get_download_url


class ReadMark(models.Model):
    """Read state per person and thread (a deal's or a conversation's): everything up to
    ``read_at`` has been seen."""

    deal = models.ForeignKey(
        "brokerage.Deal", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["deal", "user"], name="one_readmark"),
            models.UniqueConstraint(
                fields=["conversation", "user"], name="one_conversation_readmark"
            ),
        ]
