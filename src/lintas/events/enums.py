from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    FORUM = "forum", _("Forum")
    EXHIBITION = "exhibition", _("Exhibition")
    MATCHMAKING = "matchmaking", _("Matchmaking conference")
    TRAINING = "training", _("Training session")


class ParticipantStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for validation")
    VALIDATED = "validated", _("Validated")
    REJECTED = "rejected", _("Rejected")


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired (no answer in time)")


class FollowUpOutcome(models.TextChoices):
    """What a participant says, months after the event, became of a meeting."""

    AGREEMENT = "agreement", _("It led to an agreement")
    ONGOING = "ongoing", _("We are still working on it")
    STOPPED = "stopped", _("It did not go further")
