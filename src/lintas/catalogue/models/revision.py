from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lintas.catalogue.enums import RevisionStatus


class Revision(models.Model):
    """A proposed edit of a published profile, waiting for a broker.

    Why: a published profile speaks for an organisation to the whole network; an edit (a new
    contact e-mail, a different TRL) must not reach readers until a broker has seen it. The
    published text stays as it is until :func:`lintas.catalogue.domain.revisions.accept`
    applies it through the lifecycle. ``values`` holds the proposed value of every editable
    field (see ``lifecycle.EDITABLE_FIELDS``) plus ``sectors`` (slugs) and
    ``content_language_declared``; ``base`` the same fields as they were when the author
    started, so the review shows (and accepting applies) only what the author changed. Files
    added meanwhile point at the revision
    (``Attachment.revision``) and stay hidden until it is accepted. ``base_version`` is the
    profile version the author edited: a revision whose base is no longer current is stale and
    cannot be accepted.
    """

    profile = models.ForeignKey(
        "catalogue.Profile",
        verbose_name=_("profile"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    base_version = models.PositiveIntegerField()
    values = models.JSONField(default=dict)
    base = models.JSONField(default=dict)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RevisionStatus.choices,
        default=RevisionStatus.PENDING,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "author"],
                condition=models.Q(status="pending"),
                name="one_pending_revision_per_author",
            )
        ]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self):
        return f"{self.profile_id} #{self.pk} ({self.status})"

    def get_absolute_url(self):
        return reverse("catalogue:revision", kwargs={"pk": self.pk})

    @property
    def is_pending(self) -> bool:
        return self.status == RevisionStatus.PENDING

    @property
    def is_stale(self) -> bool:
        return self.is_pending and self.base_version != self.profile.version
