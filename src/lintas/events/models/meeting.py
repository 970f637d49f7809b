from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lintas.events.enums import RequestStatus


class MeetingRequest(models.Model):
    """One participant asks another for a B2B meeting; accepted requests are scheduled."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="requests")
    sender = models.ForeignKey(
        "events.Participant", on_delete=models.CASCADE, related_name="sent_requests"
    )
    receiver = models.ForeignKey(
        "events.Participant", on_delete=models.CASCADE, related_name="received_requests"
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    preferred_slot = models.ForeignKey(
        "events.Slot",
        verbose_name=_("preferred slot"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RequestStatus.choices,
        default=RequestStatus.REQUESTED,
        db_index=True,
    )
    priority = models.FloatField(_("priority"), default=1.0, validators=[MinValueValidator(0)])
    added_by_organiser = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # When the person asked was reminded to answer (domain.requests.expire_and_remind).
    reminded_at = models.DateTimeField(null=True, blank=True)
    # Why an accepted request lost its meeting (a removed or shortened session); cleared when
    # the scheduler places it again.
    unscheduled_reason = models.CharField(_("why it is not scheduled"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "sender", "receiver"], name="one_request_per_pair"
            )
        ]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")

    def __str__(self):
        return f"{self.sender} → {self.receiver}"


class Meeting(models.Model):
    """A scheduled meeting: an accepted request at a slot and table. ``fixed`` meetings stay
    where they are when the scheduler runs again."""

    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    slot = models.ForeignKey("events.Slot", on_delete=models.PROTECT, related_name="meetings")
    table = models.PositiveSmallIntegerField(_("table"))
    fixed = models.BooleanField(_("fixed"), default=False)
    no_show = models.BooleanField(_("no-show"), default=False)
    follow_up = models.BooleanField(_("both sides want to continue"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slot__starts_at", "table"]
        constraints = [
            models.UniqueConstraint(fields=["slot", "table"], name="one_meeting_per_table")
        ]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.slot} #{self.table}: {self.request}"


class MeetingRating(models.Model):
    """A participant's quick rating right after a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="ratings")
    participant = models.ForeignKey(
        "events.Participant", on_delete=models.CASCADE, related_name="ratings"
    )
    score = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    wants_to_continue = models.BooleanField(_("we want to continue"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "participant"], name="one_rating_per_side")
        ]


class SchedulerRun(models.Model):
    """One run of the scheduler for an event, with the requests it could not place and why."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="runs")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, default="")
    scheduled = models.PositiveIntegerField(default=0)
    moved = models.PositiveIntegerField(default=0)
    objective = models.FloatField(null=True, blank=True)
    bound = models.FloatField(null=True, blank=True)
    seconds = models.FloatField(default=0)
    unscheduled = models.JSONField(default=list)  # [{"request": id, "reason": text}]
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"
