from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Match(models.Model):
    """An offer–need pair with a score and an explanation a person can check."""

    class Source(models.TextChoices):
        ENGINE = "engine", _("Suggested by the engine")
        BROKER = "broker", _("Suggested by a broker")

    offer = models.ForeignKey(
        "catalogue.Profile", on_delete=models.CASCADE, related_name="matches_as_offer"
    )
    need = models.ForeignKey(
        "catalogue.Profile", on_delete=models.CASCADE, related_name="matches_as_need"
    )
    score = models.FloatField()
    explanation = models.JSONField(default=dict)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENGINE)
    pinned = models.BooleanField(default=False)
    dismissed = models.BooleanField(default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notified = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["offer", "need"], name="unique_match_pair")]
        indexes = [
            models.Index(fields=["need", "-score"]),
            models.Index(fields=["offer", "-score"]),
        ]
        ordering = ["-pinned", "-score"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")

    def __str__(self):
        return f"{self.offer.ref} ↔ {self.need.ref} ({self.band or '-'})"

    @property
    def band(self) -> str | None:
        """strong / good / possible (or None): what pages and the API show, not the score."""
        from lintas.matching.retrieval import MATCH_BANDS, band_for

        return band_for(self.score, MATCH_BANDS)


class MatchFeedback(models.Model):
    """A user's judgement of a match, kept for evaluating the engine."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    relevant = models.BooleanField()
    comment = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["match", "user"], name="one_feedback_per_user")
        ]


class MatchSettings(models.Model):
    """Per-user digest settings for new matches."""

    class Frequency(models.TextChoices):
        NEVER = "never", _("Never")
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="match_settings"
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    min_score = models.FloatField(default=0.0)
    last_sent_at = models.DateTimeField(null=True, blank=True)
