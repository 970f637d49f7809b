from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from lintas.core.enums import MembershipStatus, OrganisationType


class MembershipRequest(models.Model):
    """A person asks to act for an organisation, or proposes a new one.

    ``organisation`` is empty while the request proposes an organisation that does not exist
    yet (``proposed_*``); a broker who validates it creates the organisation and fills it in.
    The request stays as the record of who decided what, and when.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership_requests",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="membership_requests",
        verbose_name=_("organisation"),
    )
    proposed_name = models.CharField(_("proposed organisation"), max_length=200, blank=True)
    proposed_country = CountryField(_("country"), blank=True)
    proposed_type = models.CharField(
        _("type"), max_length=20, choices=OrganisationType.choices, blank=True
    )
    proposed_website = models.URLField(_("website"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.PENDING,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("membership request")
        verbose_name_plural = _("membership requests")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_membership_request_per_user",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.organisation_name} ({self.status})"

    @property
    def is_proposal(self) -> bool:
        """True while the organisation is only proposed (nobody has validated it yet)."""
        return self.organisation_id is None

    @property
    def is_pending(self) -> bool:
        return self.status == MembershipStatus.PENDING

    @property
    def organisation_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.proposed_name
