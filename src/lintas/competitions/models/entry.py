from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from lintas.competitions.enums import EntryStatus
from lintas.core.files import ProtectedFileField


class Entry(models.Model):
    """A project entered in one group and field of a competition. Pitch deck and business plan
    are checked like catalogue attachments (PDF or image by content) and served only to the
    entitled. ``stage`` is the furthest stage the entry reached."""

    competition = models.ForeignKey(
        "competitions.Competition", on_delete=models.CASCADE, related_name="entries"
    )
    number = models.PositiveIntegerField(_("entry number"))
    project_name = models.CharField(_("project name"), max_length=200)
    summary = models.TextField(_("summary"), max_length=3000, blank=True)
    group = models.ForeignKey(
        "competitions.Group", on_delete=models.PROTECT, related_name="entries"
    )
    field = models.ForeignKey(
        "competitions.Field", on_delete=models.PROTECT, related_name="entries"
    )
    country = CountryField(_("country of registration"))
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="competition_entries",
    )
    organisation_name = models.CharField(_("enterprise or team name"), max_length=200, blank=True)
    founded_year = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    capital_usd = models.PositiveBigIntegerField(
        _("registered capital (US$)"), null=True, blank=True
    )
    revenue_usd = models.PositiveBigIntegerField(
        _("last year's revenue (US$)"), null=True, blank=True
    )
    pitch_deck = ProtectedFileField(_("pitch deck"), folder="competitions", blank=True)
    business_plan = ProtectedFileField(_("business plan"), folder="competitions", blank=True)
    offer = models.ForeignKey(
        "catalogue.Profile",
        verbose_name=_("offer in the catalogue"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="competition_entries",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="competition_entries",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=EntryStatus.choices, default=EntryStatus.SUBMITTED
    )
    eligibility_reasons = models.JSONField(default=list, blank=True)
    stage = models.ForeignKey(
        "competitions.Stage",
        verbose_name=_("stage reached"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entries",
    )
    withdrawal_reason = models.CharField(_("reason for withdrawing"), max_length=300, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["competition", "number"]
        unique_together = [("competition", "number")]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")

    def __str__(self):
        return self.project_name

    def get_absolute_url(self):
        return reverse("competitions:entry", kwargs={"pk": self.pk})

    def get_download_url(self):
        # Both files share one checked view; the field name picks the file.
        return reverse("competitions:entry_file", kwargs={"pk": self.pk, "which": "pitch_deck"})

    @property
    def entrant_label(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name


class TeamMember(models.Model):
    """A member of an entry's team, linked to their talent profile when they have one."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role in the team"), max_length=120, blank=True)
    nationality = CountryField(_("nationality"))
    talent = models.ForeignKey(
        "talents.Talent",
        verbose_name=_("talent profile"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="competition_teams",
    )

    class Meta:
        ordering = ["entry", "id"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self):
        return self.name
