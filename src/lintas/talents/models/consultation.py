from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lintas.talents.enums import ConsultationStatus

TOPIC_MAX = 200
MESSAGE_MAX = 3_000


class Consultation(models.Model):
    """A member asks a talent for advice. Until the talent accepts, neither side sees the
    other's contact details; on acceptance both do (``access.contact_granted``) and a
    conversation opens between them (``conversation``, the brokerage's machinery). State
    changes go through :mod:`lintas.talents.domain.consultations`."""

    talent = models.ForeignKey(
        "talents.Talent", on_delete=models.CASCADE, related_name="consultations"
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultations_asked"
    )
    topic = models.CharField(_("topic"), max_length=TOPIC_MAX)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX)
    profile = models.ForeignKey(
        "catalogue.Profile",
        verbose_name=_("about this offer or need"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    deal = models.ForeignKey(
        "brokerage.Deal",
        verbose_name=_("deal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.REQUESTED,
        db_index=True,
    )
    answer = models.TextField(_("answer"), max_length=MESSAGE_MAX, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_comment = models.CharField(_("comment"), max_length=500, blank=True)
    # Opened when the talent accepts: the brokerage's conversation machinery (messages,
    # attachments, read marks, notifications, machine translation), between the two people.
    conversation = models.OneToOneField(
        "brokerage.Conversation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self):
        return self.topic

    def get_absolute_url(self):
        return reverse("talents:consultation", kwargs={"pk": self.pk})

    @property
    def is_accepted(self) -> bool:
        return self.status == ConsultationStatus.ACCEPTED
