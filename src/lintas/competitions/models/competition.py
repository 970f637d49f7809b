from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lintas.competitions.enums import CompetitionStatus, Criterion, GroupKind, StageStatus, TieBreak

DEFAULT_TIE_BREAK = [TieBreak.HEAVIEST, TieBreak.RAW, TieBreak.EARLIER]


class Competition(models.Model):
    """One edition of a competition (e.g. the China-ASEAN Innovation and Entrepreneurship
    Competition, 3rd edition): groups, fields, stages, and the tie-break rules it publishes
    before judging starts."""

    slug = models.SlugField(unique=True, max_length=80)
    name = models.CharField(_("name"), max_length=200)
    edition = models.PositiveSmallIntegerField(_("edition"), default=1)
    organisers = models.CharField(_("organisers"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CompetitionStatus.choices,
        default=CompetitionStatus.DRAFT,
    )
    tie_break = models.JSONField(_("tie-break rules"), default=list, blank=True)
    results_published = models.BooleanField(_("results published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-edition", "name"]
        verbose_name = _("competition")
        verbose_name_plural = _("competitions")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("competitions:detail", kwargs={"slug": self.slug})

    @property
    def tie_break_rules(self) -> list[str]:
        return [r for r in (self.tie_break or DEFAULT_TIE_BREAK) if r in TieBreak.values]

    @property
    def tie_break_labels(self) -> list[str]:
        return [str(TieBreak(r).label) for r in self.tie_break_rules]


class Group(models.Model):
    """Enterprise or team group, each with eligibility rules in the programmes' rule format
    (``lintas.programmes.domain.eligibility``), e.g. {"founded_from": 2021,
    "max_capital_usd": 4500000, "max_revenue_usd": 30000000, "countries": [...]}."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="groups")
    kind = models.CharField(_("group"), max_length=12, choices=GroupKind.choices)
    eligibility = models.JSONField(_("eligibility rules"), default=dict, blank=True)

    class Meta:
        ordering = ["competition", "kind"]
        unique_together = [("competition", "kind")]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self):
        return str(self.get_kind_display())


class Field(models.Model):
    """A field (track), e.g. digital economy or new energy; tied to a sector when one fits."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="fields")
    name = models.CharField(_("name"), max_length=120)
    sector = models.ForeignKey(
        "core.Sector", verbose_name=_("sector"), on_delete=models.SET_NULL, null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["competition", "position", "name"]
        verbose_name = _("field")
        verbose_name_plural = _("fields")

    def __str__(self):
        return self.sector.name if self.sector_id else self.name


class Stage(models.Model):
    """A judging stage (preliminary, semi-final, final) with dates, a weighted rubric
    ([{"criterion": "innovation", "weight": 30}, ...]), k judges per entry and how many
    entries of each group and field go on to the next stage."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="stages")
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    name = models.CharField(_("name"), max_length=120)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    rubric = models.JSONField(_("rubric"), default=list, blank=True)
    judges_per_entry = models.PositiveSmallIntegerField(_("judges per entry"), default=3)
    advance_per_cell = models.PositiveSmallIntegerField(
        _("entries advancing per group and field"), default=2
    )
    is_final = models.BooleanField(_("final"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=StageStatus.choices, default=StageStatus.PLANNED
    )

    class Meta:
        ordering = ["competition", "position"]
        unique_together = [("competition", "position")]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("competitions:stage", kwargs={"pk": self.pk})

    @property
    def criteria(self) -> list[dict]:
        """The rubric with words: [{"criterion", "label", "weight"}] (weights as given)."""
        out = []
        for row in self.rubric or []:
            if row.get("criterion") in Criterion.values:
                out.append(
                    {
                        "criterion": row["criterion"],
                        "label": str(Criterion(row["criterion"]).label),
                        "weight": float(row.get("weight", 1)),
                    }
                )
        return out

    def next_stage(self):
        return (
            self.competition.stages.filter(position__gt=self.position).order_by("position").first()
        )
