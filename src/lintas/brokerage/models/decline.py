from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lintas.brokerage.enums import DeclineCode


class DeclineReason(models.Model):
    """Why a match or an interest was turned down, in a coded reason (plus words for "other").

    ``profile`` is the profile that was turned down: its author is shown the reasons as advice
    ("3 people found the TRL too early"), and insights count them per profile and sector.
    """

    code = models.CharField(_("reason"), max_length=20, choices=DeclineCode.choices)
    text = models.CharField(_("in your words"), max_length=500, blank=True)
    profile = models.ForeignKey(
        "catalogue.Profile", on_delete=models.CASCADE, null=True, blank=True,
        related_name="decline_reasons",
    )  # fmt: skip
    deal = models.ForeignKey(
        "brokerage.Deal", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    match = models.ForeignKey(
        "matching.Match", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The role of the person who declined when they did (seeker, provider, broker...).
    role = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("decline reason")
        verbose_name_plural = _("decline reasons")

    def __str__(self):
        return self.get_code_display()


class MatchNote(models.Model):
    """A broker's note on a match (why it is promising, whom to call): kept, never overwritten."""

    match = models.ForeignKey("matching.Match", on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("note"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("match note")
        verbose_name_plural = _("match notes")

    def __str__(self):
        return self.text[:60]
