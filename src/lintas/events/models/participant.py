from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lintas.events.enums import ParticipantStatus


class Participant(models.Model):
    """A user registered for an event, with the offers and needs they come to discuss and the
    slots they are free. Organisers validate participants before others can see them."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="participants")
    # PROTECT: deleting a person must not erase who came, met whom and what was agreed;
    # deactivate the account instead (core.domain.accounts.deactivate).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="event_participations"
    )
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    profiles = models.ManyToManyField(
        "catalogue.Profile", verbose_name=_("offers and needs"), blank=True, related_name="+"
    )
    available_slots = models.ManyToManyField(
        "events.Slot", verbose_name=_("available slots"), blank=True, related_name="+"
    )
    note = models.CharField(_("what you are looking for"), max_length=500, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.PENDING,
        db_index=True,
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_user")
        ]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        org = self.organisation.name if self.organisation_id else ""
        return (
            f"{self.user.get_full_name() or self.user.username} ({org})"
            if org
            else (self.user.get_full_name() or self.user.username)
        )

    @property
    def is_validated(self) -> bool:
        return self.status == ParticipantStatus.VALIDATED
