from django.db import models
from django.utils.translation import pgettext_lazy

# The network's shared vocabulary lives in core (pages, e-mails and exports of every app show
# it as words through lintas.core.readable); the catalogue's names stay importable from here.
from lintas.core.vocabulary import TRL_CHOICES as TRL_CHOICES
from lintas.core.vocabulary import TRL_LABELS as TRL_LABELS
from lintas.core.vocabulary import TRL_SHORT as TRL_SHORT
from lintas.core.vocabulary import CooperationMode as CooperationMode
from lintas.core.vocabulary import IPRStatus as IPRStatus


class ProfileKind(models.TextChoices):
    OFFER = "offer", pgettext_lazy("profile kind", "Technology offer")
    NEED = "need", pgettext_lazy("profile kind", "Technology need")


class ProfileStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("profile status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("profile status", "Submitted")
    PUBLISHED = "published", pgettext_lazy("profile status", "Published")
    ARCHIVED = "archived", pgettext_lazy("profile status", "Archived")
    EXPIRED = "expired", pgettext_lazy("profile status", "Expired")


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


class RevisionStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("revision status", "Awaiting review")
    ACCEPTED = "accepted", pgettext_lazy("revision status", "Accepted")
    REJECTED = "rejected", pgettext_lazy("revision status", "Rejected")
    SUPERSEDED = "superseded", pgettext_lazy("revision status", "Replaced by a newer edit")
