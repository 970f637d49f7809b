from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.TextChoices):
    """What a partner can subscribe to. The values are the ``event`` a delivery names (and the
    ``X-Lintas-Event`` header), so they never change once published."""

    PROFILE_PUBLISHED = "profile.published", _("Profile published")
    INTEREST_EXPRESSED = "interest.expressed", _("Interest expressed")
    INTRODUCTION_MADE = "introduction.made", _("Introduction made")
    AGREEMENT_RECORDED = "agreement.recorded", _("Agreement recorded")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RETRYING = "retrying", _("Retrying")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")
