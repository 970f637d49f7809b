from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lintas.catalogue.enums import (
    TRL_LABELS,
    ContentLanguage,
    IPRStatus,
    ProfileKind,
    ProfileStatus,
)

# Field limits, shared by forms, API serializers and imports.
TITLE_MAX = 200
SUMMARY_MAX = 600
DESCRIPTION_MAX = 10_000
CONFIDENTIAL_MAX = 5_000

# Fields that only entitled people see (the owner's organisation, brokers, and the other
# party of an introduction both sides consented to).
CONFIDENTIAL_FIELDS = ("confidential_details", "contact_name", "contact_email", "contact_phone")


class Profile(models.Model):
    """A technology offer or need. One table for both kinds: they are matched against each other
    and share every field. State changes go through :mod:`lintas.catalogue.domain.lifecycle`."""

    kind = models.CharField(_("kind"), max_length=5, choices=ProfileKind.choices, db_index=True)
    ref = models.CharField(_("reference"), max_length=20, unique=True)
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="profiles",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="profiles",
    )
    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible broker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="brokered_profiles",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    summary = models.TextField(_("summary"), max_length=SUMMARY_MAX)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX, blank=True)
    sectors = models.ManyToManyField(
        "core.Sector", verbose_name=_("sectors"), related_name="profiles"
    )
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    ipr_status = models.CharField(
        _("IPR status"), max_length=20, choices=IPRStatus.choices, blank=True
    )
    patent_numbers = models.CharField(_("patent numbers"), max_length=300, blank=True)
    cooperation_modes = models.JSONField(_("cooperation modes"), default=list, blank=True)
    target_countries = models.JSONField(_("target countries"), default=list, blank=True)
    content_language = models.CharField(
        _("language of this profile"), max_length=3, choices=ContentLanguage.choices, default="en"
    )
    content_language_declared = models.BooleanField(default=False)
    confidential_details = models.TextField(
        _("confidential details"),
        max_length=CONFIDENTIAL_MAX,
        blank=True,
        help_text=_("Shown only to brokers and, after both sides consent, to the other party."),
    )
    contact_name = models.CharField(_("contact name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProfileStatus.choices,
        default=ProfileStatus.DRAFT,
        db_index=True,
    )
    quality_score = models.PositiveSmallIntegerField(_("quality score"), default=0)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    renewal_reminded_on = models.DateField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Why a broker sent the profile back; shown to the author until they submit it again.
    return_reason = models.TextField(
        _("reason for return"),
        max_length=2000,
        blank=True,
        db_default="",  # rows written by code that predates the column stay valid
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["kind", "status", "-published_at"])]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return f"{self.ref} {self.title}"

    def get_absolute_url(self):
        return reverse("catalogue:profile", kwargs={"ref": self.ref})

    @property
    def is_offer(self) -> bool:
        return self.kind == ProfileKind.OFFER

    @property
    def is_published(self) -> bool:
        return self.status == ProfileStatus.PUBLISHED

    @property
    def trl_label(self) -> str:
        return str(TRL_LABELS.get(self.trl, "")) if self.trl else ""

    def text_for_matching(self) -> str:
        """The public text the engine encodes: never the confidential fields."""
        parts = [self.title, self.summary, self.description, " ".join(self.keywords or [])]
        return "\n".join(p for p in parts if p)
