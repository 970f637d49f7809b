from django.db import models
from django.utils.translation import gettext_lazy as _


class Judge(models.Model):
    """A talent from the directory on a stage's judge pool, with the most entries they take."""

    stage = models.ForeignKey("competitions.Stage", on_delete=models.CASCADE, related_name="judges")
    talent = models.ForeignKey("talents.Talent", on_delete=models.CASCADE, related_name="judging")
    max_load = models.PositiveSmallIntegerField(_("most entries"), default=10)

    class Meta:
        ordering = ["stage", "talent__name"]
        unique_together = [("stage", "talent")]
        verbose_name = _("judge")
        verbose_name_plural = _("judges")

    def __str__(self):
        return self.talent.name


class Conflict(models.Model):
    """A conflict of interest a judge (or an officer for them) declared with an entry; it holds
    for every stage."""

    entry = models.ForeignKey(
        "competitions.Entry", on_delete=models.CASCADE, related_name="conflicts"
    )
    talent = models.ForeignKey("talents.Talent", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = [("entry", "talent")]
        verbose_name = _("declared conflict")
        verbose_name_plural = _("declared conflicts")

    def __str__(self):
        return self.reason


class Assignment(models.Model):
    """An entry given to a judge in a stage by the assignment engine (affinity: how well the
    judge's words cover the entry)."""

    stage = models.ForeignKey(
        "competitions.Stage", on_delete=models.CASCADE, related_name="assignments"
    )
    entry = models.ForeignKey(
        "competitions.Entry", on_delete=models.CASCADE, related_name="assignments"
    )
    judge = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="assignments")
    affinity = models.FloatField(default=0.0)

    class Meta:
        ordering = ["stage", "entry__number", "judge__talent__name"]
        unique_together = [("stage", "entry", "judge")]
        verbose_name = _("judge assignment")
        verbose_name_plural = _("judge assignments")

    def __str__(self):
        return f"{self.entry} / {self.judge}"


class Score(models.Model):
    """A judge's scores of an entry on the stage's rubric (1-10 per criterion) and their
    weighted mean. Every change is written to the audit log."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="score")
    values = models.JSONField(default=dict)
    total = models.FloatField()
    comment = models.TextField(_("comment"), max_length=3000, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self):
        return f"{self.total:.2f}"


class Advancement(models.Model):
    """The decision of a stage for one entry: its rank in its group and field, its raw and
    normalised scores, and whether it went on."""

    stage = models.ForeignKey(
        "competitions.Stage", on_delete=models.CASCADE, related_name="advancements"
    )
    entry = models.ForeignKey(
        "competitions.Entry", on_delete=models.CASCADE, related_name="advancements"
    )
    rank = models.PositiveSmallIntegerField(_("rank in group and field"))
    raw_mean = models.FloatField(_("raw mean"))
    normalised = models.FloatField(_("normalised score"))
    advanced = models.BooleanField(_("advanced"), default=False)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["stage", "entry__group", "entry__field", "rank"]
        unique_together = [("stage", "entry")]
        verbose_name = _("stage result")
        verbose_name_plural = _("stage results")

    def __str__(self):
        return f"{self.entry} #{self.rank}"
