from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignView(models.Model):
    """Views of a campaign's country page (``profile`` empty) or of one offer shown from it,
    counted per day: enough for reach figures, without keeping who looked."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="views"
    )
    country = models.CharField(max_length=2)
    profile = models.ForeignKey(
        "catalogue.Profile", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "country", "profile", "day"], name="one_view_row_per_day"
            ),
            models.UniqueConstraint(
                fields=["campaign", "country", "day"],
                condition=models.Q(profile__isnull=True),
                name="one_page_view_row_per_day",
            ),
        ]
        verbose_name = _("campaign view")
        verbose_name_plural = _("campaign views")


class CampaignInterest(models.Model):
    """An interest (a brokerage deal) started from a campaign page for one target country:
    the attribution everything after it (introduction, meeting, agreement) follows."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="interests"
    )
    country = models.CharField(max_length=2)
    deal = models.OneToOneField(
        "brokerage.Deal", on_delete=models.CASCADE, related_name="campaign_interest"
    )
    # Sent from the ordinary profile page within the attribution window after the visitor came
    # through the campaign's offer page (attribution.ATTRIBUTION_DAYS), not from that page.
    via_profile_page = models.BooleanField(_("sent from the profile page"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("campaign interest")
        verbose_name_plural = _("campaign interests")
