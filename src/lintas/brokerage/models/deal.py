from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lintas.brokerage.enums import Consent, Source, Stage

MESSAGE_MAX = 5_000


class Deal(models.Model):
    """An expression of interest in a profile and everything that follows from it.

    A deal starts at stage *interest*; once the profile owner (and, where the network requires
    it, a broker) consent, ``introduced_at`` is set and contact details are revealed to both
    parties. State changes go through :mod:`lintas.brokerage.domain.deals`.
    """

    profile = models.ForeignKey(
        "catalogue.Profile",
        verbose_name=_("profile"),
        on_delete=models.PROTECT,
        related_name="deals",
    )
    counterpart_profile = models.ForeignKey(
        "catalogue.Profile",
        verbose_name=_("your related profile"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counterpart_deals",
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="interests"
    )
    requester_org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="deals_requested"
    )
    owner_org = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="deals_received"
    )
    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("broker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="brokered_deals",
    )
    message = models.TextField(_("message"), max_length=MESSAGE_MAX)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.SEARCH)
    # A string reference: brokerage sits on the events' floor and must not import events.
    # SET_NULL because a deal outlives the event it started at.
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deals",
    )
    owner_consent = models.CharField(
        max_length=12, choices=Consent.choices, default=Consent.PENDING
    )
    broker_consent = models.CharField(
        max_length=12, choices=Consent.choices, default=Consent.NOT_REQUIRED
    )
    # A broker who introduces a pair asks both sides: the requesting side consents too.
    requester_consent = models.CharField(
        max_length=12,
        choices=Consent.choices,
        default=Consent.NOT_REQUIRED,
        db_default=Consent.NOT_REQUIRED,
    )
    introduced_at = models.DateTimeField(null=True, blank=True)
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.INTEREST, db_index=True
    )
    note = models.TextField(_("broker note"), blank=True, max_length=MESSAGE_MAX)
    version = models.PositiveIntegerField(default=1)
    last_activity_at = models.DateTimeField(db_index=True)
    stalled_reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        verbose_name = _("deal")
        verbose_name_plural = _("deals")

    def __str__(self):
        return f"#{self.pk} {self.requester_org} → {self.profile.ref}"

    def get_absolute_url(self):
        return reverse("brokerage:deal", kwargs={"pk": self.pk})

    @property
    def is_introduced(self) -> bool:
        return self.introduced_at is not None


class DealStageChange(models.Model):
    """One step in a deal's history: who moved it, from where to where, and why."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=12, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=12, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("deal stage change")
        verbose_name_plural = _("deal stage changes")


class DealNote(models.Model):
    """A note on a deal (what was said at a meeting, what comes next): kept as a history of who
    wrote what and when, never overwritten."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("note"), max_length=MESSAGE_MAX)
    # The stage the deal was at when the note was written.
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("deal note")
        verbose_name_plural = _("deal notes")

    def __str__(self):
        return self.text[:60]
