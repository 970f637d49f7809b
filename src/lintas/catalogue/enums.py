from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProfileKind(models.TextChoices):
    OFFER = "offer", pgettext_lazy("profile kind", "Technology offer")
    NEED = "need", pgettext_lazy("profile kind", "Technology need")


class ProfileStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("profile status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("profile status", "Submitted")
    PUBLISHED = "published", pgettext_lazy("profile status", "Published")
    ARCHIVED = "archived", pgettext_lazy("profile status", "Archived")
    EXPIRED = "expired", pgettext_lazy("profile status", "Expired")


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


class ContentLanguage(models.TextChoices):
    EN = "en", "English"
    ZH = "zh", "中文"
    ID = "id", "Bahasa Indonesia"
    MS = "ms", "Bahasa Melayu"
    TH = "th", "ไทย"
    VI = "vi", "Tiếng Việt"
    FIL = "fil", "Filipino"
    KM = "km", "ខ្មែរ"
    LO = "lo", "ລາວ"
    MY = "my", "မြန်မာ"


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


class RevisionStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("revision status", "Awaiting review")
    ACCEPTED = "accepted", pgettext_lazy("revision status", "Accepted")
    REJECTED = "rejected", pgettext_lazy("revision status", "Rejected")
    SUPERSEDED = "superseded", pgettext_lazy("revision status", "Replaced by a newer edit")
