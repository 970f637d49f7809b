from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lintas.catalogue.enums import ProfileKind


class AlertFrequency(models.TextChoices):
    DAILY = "daily", pgettext_lazy("alert frequency", "Daily")
    WEEKLY = "weekly", pgettext_lazy("alert frequency", "Weekly")
    OFF = "off", pgettext_lazy("alert frequency", "No e-mail")


class SavedSearch(models.Model):
    """A member's search over the offers or the needs (words and filters), kept to be run
    again and to hear about new results.

    ``params`` holds exactly what the list's filter form accepts (``q``, ``sector``, ``country``,
    ``trl_min``, ``trl_max``, ``ipr``, ``mode``, ``language``), so the saved search and the list
    page apply one rule (:class:`lintas.catalogue.filters.ProfileFilter`). ``checked_until`` is
    the publication time up to which results were already reported: an alert names only
    profiles published after it. Writes go through :mod:`lintas.catalogue.domain.saved_searches`.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=5, choices=ProfileKind.choices)
    params = models.JSONField(_("words and filters"), default=dict, blank=True)
    frequency = models.CharField(
        _("e-mail alerts"),
        max_length=6,
        choices=AlertFrequency.choices,
        default=AlertFrequency.WEEKLY,
    )
    checked_until = models.DateTimeField()
    last_alert_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["frequency", "checked_until"])]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:saved_search", kwargs={"pk": self.pk})

    def get_results_url(self) -> str:
        """The offer or need list with these words and filters."""
        list_url = reverse(
            "catalogue:offers" if self.kind == ProfileKind.OFFER else "catalogue:needs"
        )
        query = urlencode({k: v for k, v in sorted(self.params.items()) if v not in ("", None)})
        return f"{list_url}?{query}" if query else list_url


class Star(models.Model):
    """A profile a member marked to come back to (their starred list)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stars"
    )
    profile = models.ForeignKey("catalogue.Profile", on_delete=models.CASCADE, related_name="stars")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "profile"], name="one_star_per_profile")
        ]
        verbose_name = _("starred profile")
        verbose_name_plural = _("starred profiles")

    def __str__(self):
        return f"{self.user_id} ★ {self.profile_id}"
