from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lintas.catalogue.enums import ContentLanguage

NAME_MAX = 200
INTRODUCTION_MAX = 3_000


class Campaign(models.Model):
    """A technology campaign: a curated set of published offers introduced to target countries
    (the "1,000 technologies for ASEAN" action), run by brokers, with a goal and a period.

    ``slug`` is the campaign tag: every public campaign link carries it, so views and interests
    started from a campaign page are attributed to it. Writes go through
    :mod:`lintas.campaigns.domain.campaigns`.
    """

    slug = models.SlugField(_("campaign tag"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=NAME_MAX)
    goal = models.PositiveIntegerField(
        _("goal (technologies)"), validators=[MinValueValidator(1)], default=100
    )
    sectors = models.ManyToManyField(
        "core.Sector", verbose_name=_("sectors"), related_name="campaigns", blank=True
    )
    # ISO 3166 codes, in the order the pages list them.
    countries = models.JSONField(_("target countries"), default=list)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    brokers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("brokers who run it"),
        related_name="campaigns_run",
        blank=True,
    )
    published = models.BooleanField(_("public"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("campaigns:detail", kwargs={"slug": self.slug})

    def country_url(self, country: str) -> str:
        return reverse("campaigns:country", kwargs={"slug": self.slug, "country": country.lower()})

    def offer_url(self, country: str, ref: str) -> str:
        """The offer as the campaign's page for ``country`` shows it (views and interests
        started there are the campaign's)."""
        return reverse(
            "campaigns:offer", kwargs={"slug": self.slug, "country": country.lower(), "ref": ref}
        )


class CampaignOffer(models.Model):
    """One offer in a campaign, and the target countries it is introduced to (empty: all of
    the campaign's countries). ``source`` says how a broker found it."""

    class Source(models.TextChoices):
        SEARCH = "search", _("Search")
        SUGGESTION = "suggestion", _("Suggestion for a country")
        DEMO = "demo", _("Demo data")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="entries")
    profile = models.ForeignKey(
        "catalogue.Profile", on_delete=models.CASCADE, related_name="campaign_entries"
    )
    countries = models.JSONField(default=list, blank=True)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.SEARCH)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "profile"], name="one_entry_per_offer")
        ]
        verbose_name = _("campaign offer")
        verbose_name_plural = _("campaign offers")

    def __str__(self):
        return f"{self.campaign_id}: {self.profile_id}"

    def serves(self, country: str) -> bool:
        return not self.countries or country in self.countries


class CampaignBrief(models.Model):
    """The campaign's title and introduction for one target country, in one of its languages
    (Malaysia reads Malay and English: two briefs)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="briefs")
    country = models.CharField(_("country"), max_length=2)
    language = models.CharField(_("language"), max_length=3, choices=ContentLanguage.choices)
    title = models.CharField(_("title"), max_length=NAME_MAX)
    introduction = models.TextField(_("introduction"), max_length=INTRODUCTION_MAX)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "country", "language"], name="one_brief_per_language"
            )
        ]
        verbose_name = _("campaign brief")
        verbose_name_plural = _("campaign briefs")

    def __str__(self):
        return f"{self.campaign_id} {self.country} [{self.language}] {self.title}"
