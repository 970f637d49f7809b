from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lintas.core.enums import OrganisationType
from lintas.core.files import ProtectedFileField, RandomName
from lintas.programmes.enums import ApplicationStatus, Degree, DocumentKind


def _upload_to(instance, filename):
    """Named in migration 0001 only; files are now named by ProtectedFileField."""
    return RandomName("applications")(instance, filename)


class Application(models.Model):
    """A researcher's application to a call. Publications are [{"title", "abstract"}]."""

    call = models.ForeignKey(
        "programmes.Call", on_delete=models.CASCADE, related_name="applications"
    )
    # PROTECT: an application is a record of the call (reviews, decisions, placements);
    # deactivate the account instead of deleting it.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="programme_applications"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    full_name = models.CharField(_("full name"), max_length=200)
    birth_date = models.DateField(_("date of birth"))
    nationality = models.CharField(_("nationality"), max_length=2)
    degree = models.CharField(_("highest degree"), max_length=10, choices=Degree.choices)
    proposal = models.TextField(_("research proposal"), max_length=8000)
    publications = models.JSONField(_("publications"), default=list, blank=True)
    preferred_fields = models.CharField(_("preferred fields"), max_length=300, blank=True)
    preferred_hosts = models.ManyToManyField("programmes.Host", blank=True)
    months = models.PositiveSmallIntegerField(_("months requested"), default=12)
    # Facts only some calls' eligibility rules ask for (domain/eligibility.py).
    years_experience = models.PositiveSmallIntegerField(
        _("years of experience"), null=True, blank=True
    )
    organisation_type = models.CharField(
        _("organisation type"), max_length=20, choices=OrganisationType.choices, blank=True
    )
    founded_year = models.PositiveSmallIntegerField(
        _("year the organisation was founded"), null=True, blank=True
    )
    capital_usd = models.PositiveBigIntegerField(
        _("registered capital (US dollars)"), null=True, blank=True
    )
    revenue_usd = models.PositiveBigIntegerField(
        _("last year's revenue (US dollars)"), null=True, blank=True
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        unique_together = [("call", "applicant")]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self):
        return f"{self.full_name} — {self.call}"

    def get_absolute_url(self):
        return reverse("programmes:application", kwargs={"pk": self.pk})

    def facts(self) -> dict:
        """What the call's eligibility rules are checked against."""
        return {
            "birth_date": self.birth_date,
            "nationality": self.nationality,
            "degree": self.degree,
            "years_experience": self.years_experience,
            "organisation_type": self.organisation_type,
            "founded_year": self.founded_year,
            "capital_usd": self.capital_usd,
            "revenue_usd": self.revenue_usd,
        }

    def texts(self) -> list[str]:
        """What reviewers' and hosts' expertise is compared with."""
        pubs = [f"{p.get('title', '')}. {p.get('abstract', '')}".strip() for p in self.publications]
        return [self.proposal, *pubs]


class ApplicationDocument(models.Model):
    """A CV or other supporting file; type and size are checked in the domain."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    file = ProtectedFileField(_("file"), folder="applications")
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.file_name or self.get_kind_display()

    def get_download_url(self):
        return reverse(
            "programmes:document_file", kwargs={"pk": self.application_id, "document": self.pk}
        )


class Conflict(models.Model):
    """A conflict of interest a reviewer declared (or an officer recorded for them);
    computed ones are not stored."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    reason = models.CharField(_("reason"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = [("application", "reviewer")]


class Review(models.Model):
    """A reviewer assigned to an application, and (once submitted) their scores 1–5 per criterion."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_reviews"
    )
    affinity = models.FloatField(default=0)
    # Why this reviewer: the sentence of their texts and the application's text that matched
    # best ({"reviewer_text", "applicant_text", "score"}), as host matching explains placements.
    explanation = models.JSONField(default=dict, blank=True)
    scores = models.JSONField(default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=4000)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        unique_together = [("application", "reviewer")]
        ordering = ["application_id", "reviewer_id"]

    @property
    def total(self) -> float | None:
        return sum(self.scores.values()) / len(self.scores) if self.scores else None
