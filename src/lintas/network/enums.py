from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

PARTIAL_DATE_RE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"


class SiteStatus(models.TextChoices):
    """Where a joint lab or science park stands."""

    NEGOTIATION = "negotiation", pgettext_lazy("network status", "Under negotiation")
    UNDER_CONSTRUCTION = "under_construction", pgettext_lazy("network status", "Under construction")
    ACTIVE = "active", pgettext_lazy("network status", "Active")
    CLOSED = "closed", pgettext_lazy("network status", "Closed")


class PlatformKind(models.TextChoices):
    CENTRE = "centre", _("Transfer centre")
    NETWORK = "network", _("Cooperation network")
    ALLIANCE = "alliance", _("Alliance")
    TRADING_PLATFORM = "trading_platform", _("Technology trading platform")
    TALENT_PLATFORM = "talent_platform", _("Talent platform")
    CAMPAIGN = "campaign", _("Special action")
    COMPETITION = "competition", _("Competition")
    COOPERATION = "cooperation", _("Cooperation project")
    DIGITAL_PLATFORM = "digital_platform", _("Digital platform")
    OTHER = "other", pgettext_lazy("platform kind", "Other")
