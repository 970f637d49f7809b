"""What the officer's work leaves behind: background assignment runs, reviewer invitations,
certificates and the history of placements' dates."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lintas.programmes.enums import CertificateKind, RunKind, RunStatus


class AssignmentRun(models.Model):
    """One run of reviewer assignment or host matching as a background task.

    The task writes its stage and progress here (the progress page reads them) and, when it
    ends, ``result``: {"assigned": [...], "unassigned": [...], "changes": {...}, "loads": [...]}
    or ``error`` (the solver's message in the officer's words)."""

    call = models.ForeignKey("programmes.Call", on_delete=models.CASCADE, related_name="runs")
    kind = models.CharField(_("kind"), max_length=10, choices=RunKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("assignment run")
        verbose_name_plural = _("assignment runs")

    def __str__(self):
        return f"{self.get_kind_display()} {self.call} #{self.pk}"

    def get_absolute_url(self):
        return reverse("programmes:run", kwargs={"pk": self.pk})

    @property
    def finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)


class ReviewerInvitation(models.Model):
    """An external reviewer invited by e-mail; the account is created when they accept
    through the signed link (domain/pool.py)."""

    call = models.ForeignKey(
        "programmes.Call", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=200)
    max_load = models.PositiveSmallIntegerField(_("maximum applications"), default=5)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        unique_together = [("call", "email")]
        verbose_name = _("reviewer invitation")
        verbose_name_plural = _("reviewer invitations")

    def __str__(self):
        return f"{self.name} <{self.email}>"


class Certificate(models.Model):
    """A certificate with a public verification page (/certificates/<number>/): a completed
    placement, an accepted application or completed training."""

    number = models.CharField(_("number"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=CertificateKind.choices)
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="certificates"
    )
    application = models.OneToOneField(
        "programmes.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificate",
    )
    participant = models.OneToOneField(
        "programmes.Participant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificate",
    )
    holder = models.CharField(_("holder"), max_length=200)
    statement = models.CharField(_("what it certifies"), max_length=400)
    issued_on = models.DateField(_("issue date"))
    issuer = models.CharField(_("issuer"), max_length=200)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("certificates:verify", kwargs={"number": self.number})


class PlacementChange(models.Model):
    """One change of a placement's dates, with who made it and why (the history the
    placement page shows)."""

    placement = models.ForeignKey(
        "programmes.Placement", on_delete=models.CASCADE, related_name="changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    old_start = models.DateField()
    old_end = models.DateField()
    new_start = models.DateField()
    new_end = models.DateField()
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        ordering = ["-changed_at", "-id"]
