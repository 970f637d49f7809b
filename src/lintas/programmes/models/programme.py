from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lintas.programmes.enums import CallStatus, ProgrammeKind

DEFAULT_CRITERIA = ["excellence", "proposal", "fit"]


class Programme(models.Model):
    """A standing programme (talent exchange or training) that runs calls or sessions."""

    slug = models.SlugField(unique=True, max_length=80)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=ProgrammeKind.choices)
    description = models.TextField(_("description"), blank=True)
    issuer = models.CharField(
        _("certificates issued by"),
        max_length=200,
        blank=True,
        help_text=_(
            "The office named on certificates, e.g. China–ASEAN Technology Transfer Center."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programmes:programme", kwargs={"slug": self.slug})


class Call(models.Model):
    """One call for applications (a review round): eligibility as data, deadline, stipend.

    ``eligibility`` is JSON so officers can change rules without a migration:
    {"max_age": 45, "age_on": "2027-03-31", "nationalities": ["ID", ...], "degrees": ["phd"]}.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="calls")
    slug = models.SlugField(unique=True, max_length=80)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    opens_on = models.DateField(_("opens on"))
    deadline = models.DateTimeField(_("deadline"))
    review_round = models.CharField(_("review round"), max_length=40, blank=True)
    eligibility = models.JSONField(_("eligibility rules"), default=dict, blank=True)
    required_documents = models.JSONField(_("required documents"), default=list, blank=True)
    stipend_monthly = models.DecimalField(
        _("monthly stipend"), max_digits=10, decimal_places=2, default=0
    )
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    duration_min_months = models.PositiveSmallIntegerField(_("minimum months"), default=6)
    duration_max_months = models.PositiveSmallIntegerField(_("maximum months"), default=12)
    reviews_per_application = models.PositiveSmallIntegerField(
        _("reviewers per application"), default=2
    )
    criteria = models.JSONField(_("review criteria"), default=list, blank=True)
    preferred_host_bonus = models.FloatField(_("bonus for a preferred host"), default=0.2)
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="programmes.Reviewer", related_name="reviewer_calls"
    )

    class Meta:
        ordering = ["-deadline"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programmes:call", kwargs={"slug": self.slug})

    @property
    def criteria_list(self) -> list[str]:
        return list(self.criteria or DEFAULT_CRITERIA)


class Reviewer(models.Model):
    """A member of a call's reviewer pool; expertise is their publications (title + abstract)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="pool")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    max_load = models.PositiveSmallIntegerField(_("maximum applications"), default=5)
    publications = models.JSONField(_("publications"), default=list, blank=True)

    class Meta:
        unique_together = [("call", "user")]
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")

    def __str__(self):
        return str(self.user)


class Host(models.Model):
    """A host lab at an organisation, with research areas (texts) and places per round."""

    slug = models.SlugField(unique=True, max_length=80)
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="hosts")
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.CASCADE, related_name="programme_hosts"
    )
    name = models.CharField(_("laboratory"), max_length=200)
    research_areas = models.JSONField(_("research areas"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(_("places per round"), default=1)
    supervisor = models.CharField(_("supervisor"), max_length=200, blank=True)
    supervisor_email = models.EmailField(_("supervisor e-mail"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("host")
        verbose_name_plural = _("hosts")

    def __str__(self):
        return f"{self.name} ({self.organisation})"
