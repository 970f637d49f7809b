from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Stage(models.TextChoices):
    INTEREST = "interest", pgettext_lazy("deal stage", "Interest")
    INTRODUCED = "introduced", pgettext_lazy("deal stage", "Introduced")
    MEETING = "meeting", pgettext_lazy("deal stage", "Meeting")
    NEGOTIATING = "negotiating", pgettext_lazy("deal stage", "Negotiating")
    AGREEMENT = "agreement", pgettext_lazy("deal stage", "Agreement")
    DECLINED = "declined", pgettext_lazy("deal stage", "Declined")
    STALLED = "stalled", pgettext_lazy("deal stage", "Stalled")


# Stages that exist only after both sides consented to the introduction.
CONSENTED_STAGES = {Stage.INTRODUCED, Stage.MEETING, Stage.NEGOTIATING, Stage.AGREEMENT}
# Stages in which a deal is still moving (and can go stale).
ACTIVE_STAGES = {Stage.INTEREST, Stage.INTRODUCED, Stage.MEETING, Stage.NEGOTIATING}


class Consent(models.TextChoices):
    PENDING = "pending", pgettext_lazy("consent", "Waiting")
    ACCEPTED = "accepted", pgettext_lazy("consent", "Accepted")
    DECLINED = "declined", pgettext_lazy("consent", "Declined")
    NOT_REQUIRED = "not_required", pgettext_lazy("consent", "Not required")


class Source(models.TextChoices):
    SEARCH = "search", pgettext_lazy("interest source", "Search")
    MATCH = "match", pgettext_lazy("interest source", "Match")
    EVENT = "event", pgettext_lazy("interest source", "Event")


class AgreementType(models.TextChoices):
    """China's four technology-contract types (Civil Code, book III, chapter 20) and the
    other cooperation documents a transfer network counts."""

    DEVELOPMENT = "development", _("Technology development contract")
    TRANSFER = "transfer", _("Technology transfer contract")
    CONSULTING = "consulting", _("Technology consulting contract")
    SERVICE = "service", _("Technology service contract")
    LICENCE = "licence", _("Licence")
    JOINT_VENTURE = "joint_venture", _("Joint venture")
    MOU = "mou", _("Memorandum of understanding")


# ISO 4217 codes the forms offer; the model accepts any three-letter code.
CURRENCIES = [
    "CNY", "USD", "EUR", "IDR", "MYR", "THB", "VND", "PHP", "SGD", "BND", "KHR", "LAK", "MMK",
]  # fmt: skip


class DeclineCode(models.TextChoices):
    """Coded reasons for turning down a match or an interest (counted in insights). A reason
    is optional: a decline without one is kept as ``NONE`` ("no reason given") so that every
    decline counts."""

    WRONG_TECHNOLOGY = "technology", _("Wrong technology")
    WRONG_STAGE = "stage", _("Wrong stage or TRL")
    WRONG_COUNTRY = "country", _("Wrong country")
    PRICE_TERMS = "terms", _("Price or terms")
    ALREADY_SOLVED = "solved", _("Already solved")
    NOT_CREDIBLE = "credible", _("Not credible")
    OTHER = "other", _("Other")
    NONE = "none", _("No reason given")
