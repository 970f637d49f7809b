import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lintas.events.enums import EventKind


class Event(models.Model):
    """A forum, exhibition, matchmaking conference or training session run by the network.
    Brokers and administrators organise every event."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    description = models.TextField(_("description"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    max_requests_sent = models.PositiveSmallIntegerField(
        _("meeting requests a participant may send"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )
    published = models.BooleanField(_("published"), default=True)
    # Set by domain.events.cancel_event; a cancelled event takes no registrations or requests.
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancellation_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "slug"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def registration_open(self) -> bool:
        if self.is_cancelled:
            return False
        return self.registration_deadline is None or timezone.now() <= self.registration_deadline

    @property
    def timezone(self):
        return timezone.get_default_timezone()


class Session(models.Model):
    """One block of meetings on one day: cut into slots of ``slot_minutes`` at ``tables`` tables
    (for an online session, ``tables`` is the number of parallel video rooms)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200, blank=True)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("minutes per meeting"), default=30, validators=[MinValueValidator(5)]
    )
    tables = models.PositiveSmallIntegerField(
        _("tables"), default=10, validators=[MinValueValidator(1)]
    )
    online = models.BooleanField(_("online"), default=False)

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return f"{self.event.slug} {self.date} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    def slot_times(self) -> list[tuple[dt.datetime, dt.datetime]]:
        """Start and end of every whole slot that fits between start and end time."""
        tz = timezone.get_default_timezone()
        start = dt.datetime.combine(self.date, self.start_time, tzinfo=tz)
        end = dt.datetime.combine(self.date, self.end_time, tzinfo=tz)
        step = dt.timedelta(minutes=self.slot_minutes)
        out = []
        while start + step <= end:
            out.append((start, start + step))
            start += step
        return out


class Slot(models.Model):
    """A time slot of a session; derived from the session by the domain (never edited)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "starts_at"], name="unique_slot_start")
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        end = timezone.localtime(self.ends_at)
        return f"{local:%Y-%m-%d %H:%M}–{end:%H:%M}"

    @property
    def has_started(self) -> bool:
        return timezone.now() >= self.starts_at

    @property
    def has_ended(self) -> bool:
        return timezone.now() >= self.ends_at
