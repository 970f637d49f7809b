from django.db import models
from django.utils.translation import gettext_lazy as _

from lintas.events.enums import FollowUpOutcome


class FollowUp(models.Model):
    """The short survey a participant gets months after a meeting they held ("did this lead to
    an agreement, is it still going?"). Sent by domain.follow_up.send_due; the answer updates
    the deal the meeting opened (if any)."""

    meeting = models.ForeignKey(
        "events.Meeting", on_delete=models.CASCADE, related_name="follow_ups"
    )
    participant = models.ForeignKey(
        "events.Participant", on_delete=models.CASCADE, related_name="follow_ups"
    )
    sent_at = models.DateTimeField(_("sent at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    outcome = models.CharField(
        _("what became of it"), max_length=10, choices=FollowUpOutcome.choices, blank=True
    )
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    # The deal the answer updated, by number: a foreign key would tie the events migrations to
    # brokerage's (whose migration tests move brokerage back with events at their latest).
    deal_id = models.PositiveIntegerField(_("deal"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "participant"], name="one_follow_up_per_side"
            )
        ]
        verbose_name = _("follow-up survey")
        verbose_name_plural = _("follow-up surveys")

    def __str__(self):
        return f"{self.participant} · {self.meeting}"
