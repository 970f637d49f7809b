"""The network's shared vocabulary: technology readiness levels, IPR status and cooperation
modes. Profiles (catalogue), campaigns, competitions and exports all speak it, and
:mod:`lintas.core.readable` turns each code into the reader's words, so it lives on the
lowest floor. ``lintas.catalogue.enums`` re-exports these names."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class IPRStatus(models.TextChoices):
    GRANTED_PATENT = "granted_patent", _("Granted patent")
    PATENT_APPLICATION = "patent_application", _("Patent application")
    UTILITY_MODEL = "utility_model", _("Utility model")
    SOFTWARE_COPYRIGHT = "software_copyright", _("Software copyright")
    KNOW_HOW = "know_how", _("Know-how / trade secret")
    NONE = "none", pgettext_lazy("IPR status", "None")


class CooperationMode(models.TextChoices):
    LICENCE = "licence", _("Licence")
    ASSIGNMENT = "assignment", _("Assignment / sale")
    JOINT_VENTURE = "joint_venture", _("Joint venture")
    TECHNICAL_COOPERATION = "technical_cooperation", _("Technical cooperation")
    JOINT_RND = "joint_rnd", _("Joint R&D")
    CONSULTING = "consulting", _("Consulting / service")
    EQUIPMENT_SUPPLY = "equipment_supply", _("Equipment supply")
    INVESTMENT = "investment", _("Investment")


# Horizon 2020 wording (General Annex G), shown in the form and on profile pages.
TRL_LABELS = {
    1: _("TRL 1 – basic principles observed"),
    2: _("TRL 2 – technology concept formulated"),
    3: _("TRL 3 – experimental proof of concept"),
    4: _("TRL 4 – technology validated in lab"),
    5: _("TRL 5 – technology validated in relevant environment"),
    6: _("TRL 6 – technology demonstrated in relevant environment"),
    7: _("TRL 7 – system prototype demonstration in operational environment"),
    8: _("TRL 8 – system complete and qualified"),
    9: _("TRL 9 – actual system proven in operational environment"),
}
TRL_CHOICES = list(TRL_LABELS.items())

# The short form for cards and table cells: "TRL 4 · validated in lab".
TRL_SHORT = {
    1: pgettext_lazy("TRL short label", "basic principles"),
    2: pgettext_lazy("TRL short label", "concept formulated"),
    3: pgettext_lazy("TRL short label", "proof of concept"),
    4: pgettext_lazy("TRL short label", "validated in lab"),
    5: pgettext_lazy("TRL short label", "validated in relevant environment"),
    6: pgettext_lazy("TRL short label", "demonstrated in relevant environment"),
    7: pgettext_lazy("TRL short label", "prototype in operation"),
    8: pgettext_lazy("TRL short label", "system complete and qualified"),
    9: pgettext_lazy("TRL short label", "proven in operation"),
}
