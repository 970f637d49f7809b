from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class GroupKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise group")
    TEAM = "team", _("Team group")


class CompetitionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("competition", "Draft")
    OPEN = "open", pgettext_lazy("competition", "Open for entries")
    JUDGING = "judging", pgettext_lazy("competition", "Judging")
    CLOSED = "closed", pgettext_lazy("competition", "Closed")


class EntryStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("entry", "Submitted")
    ELIGIBLE = "eligible", pgettext_lazy("entry", "Eligible")
    INELIGIBLE = "ineligible", pgettext_lazy("entry", "Not eligible")
    WITHDRAWN = "withdrawn", pgettext_lazy("entry", "Withdrawn")


class StageStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("stage", "Planned")
    JUDGING = "judging", pgettext_lazy("stage", "Judging")
    DONE = "done", pgettext_lazy("stage", "Decided")


class Criterion(models.TextChoices):
    """Rubric criteria: words on every page, keys in the data."""

    INNOVATION = "innovation", _("Innovation")
    MARKET = "market", _("Market potential")
    TEAM = "team", _("Team")
    FEASIBILITY = "feasibility", _("Feasibility")
    ASEAN = "asean", _("ASEAN relevance")
    PITCH = "pitch", _("Pitch and answers")


class TieBreak(models.TextChoices):
    """Rules that order entries with the same normalised score, applied in the order the
    competition lists them (published on its page before judging starts)."""

    HEAVIEST = "heaviest", _("higher normalised score on the rubric's heaviest criterion")
    RAW = "raw", _("higher raw mean score")
    AGREEMENT = "agreement", _("more judges agreeing (smaller spread of normalised scores)")
    EARLIER = "earlier", _("entry submitted earlier")


class SlotKind(models.TextChoices):
    PITCH = "pitch", _("Pitch")
    BREAK = "break", _("Break")
    # The finalist withdrew after the schedule was built: the time stays free until the
    # organisers build the schedule again.
    WITHDRAWN = "withdrawn", _("Free slot (the finalist withdrew)")


class AwardKind(models.TextChoices):
    WINNER = "winner", _("Prize")
    SPECIAL = "special", _("Special award")


# Score scale of every criterion.
SCORE_MIN, SCORE_MAX = 1, 10
