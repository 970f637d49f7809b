from django.db import models
from django.utils.translation import gettext_lazy as _

from lintas.competitions.enums import AwardKind, SlotKind


class PitchSlot(models.Model):
    """One slot of the final's pitch schedule in a room: a finalist's pitch and questions, a
    break (entry empty), or the slot of a finalist who withdrew after it was built (kind
    ``withdrawn``: the entry is kept for the organisers, the public agenda shows a free slot)."""

    stage = models.ForeignKey(
        "competitions.Stage", on_delete=models.CASCADE, related_name="pitch_slots"
    )
    kind = models.CharField(max_length=10, choices=SlotKind.choices, default=SlotKind.PITCH)
    entry = models.ForeignKey(
        "competitions.Entry", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    room = models.CharField(_("room"), max_length=80)
    starts_at = models.DateTimeField(_("starts at"))
    pitch_ends_at = models.DateTimeField(_("pitch ends at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        ordering = ["stage", "starts_at", "room"]
        verbose_name = _("pitch slot")
        verbose_name_plural = _("pitch slots")

    def __str__(self):
        return f"{self.room} {self.starts_at:%H:%M}"


class Award(models.Model):
    """A prize: a winner's place in a group (1st, 2nd, 3rd) or a special award named by the
    officers (e.g. "Creative Stars"), which has no group."""

    competition = models.ForeignKey(
        "competitions.Competition", on_delete=models.CASCADE, related_name="awards"
    )
    kind = models.CharField(max_length=8, choices=AwardKind.choices)
    group = models.ForeignKey(
        "competitions.Group", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    place = models.PositiveSmallIntegerField(_("place"), null=True, blank=True)
    name = models.CharField(_("award"), max_length=120, blank=True)
    entry = models.ForeignKey("competitions.Entry", on_delete=models.CASCADE, related_name="awards")

    class Meta:
        ordering = ["competition", "kind", "group", "place", "name"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self):
        return self.name or f"{self.group} #{self.place}"
