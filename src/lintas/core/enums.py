from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# China and the eleven ASEAN members come first in every country list.
FOCUS_COUNTRIES = ["CN", "BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN"]

CHINA_PROVINCES = [
    "Anhui", "Beijing", "Chongqing", "Fujian", "Gansu", "Guangdong", "Guangxi", "Guizhou",
    "Hainan", "Hebei", "Heilongjiang", "Henan", "Hong Kong", "Hubei", "Hunan", "Inner Mongolia",
    "Jiangsu", "Jiangxi", "Jilin", "Liaoning", "Macao", "Ningxia", "Qinghai", "Shaanxi",
    "Shandong", "Shanghai", "Shanxi", "Sichuan", "Tianjin", "Tibet", "Xinjiang", "Yunnan",
    "Zhejiang",
]  # fmt: skip


class OrganisationType(models.TextChoices):
    UNIVERSITY = "university", _("University")
    INSTITUTE = "institute", _("Research institute")
    ENTERPRISE = "enterprise", _("Enterprise")
    GOVERNMENT = "government", _("Government body")
    INTERMEDIARY = "intermediary", _("Intermediary")


class EnterpriseSize(models.TextChoices):
    NONE = "", pgettext_lazy("enterprise size", "Not applicable")
    MICRO = "micro", _("Micro (fewer than 10 staff)")
    SMALL = "small", _("Small (10–49 staff)")
    MEDIUM = "medium", _("Medium (50–249 staff)")
    LARGE = "large", _("Large (250 staff or more)")


class MemberType(models.TextChoices):
    NONE = "", pgettext_lazy("membership", "Not a member")
    FULL = "full", pgettext_lazy("membership", "Full member")
    ASSOCIATE = "associate", pgettext_lazy("membership", "Associate member")


class Role(models.TextChoices):
    PROVIDER = "provider", _("Technology provider")
    SEEKER = "seeker", _("Technology seeker")
    BROKER = "broker", _("Broker")
    OFFICER = "officer", _("Programme officer")
    ADMIN = "admin", _("Administrator")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("membership request", "Pending")
    APPROVED = "approved", pgettext_lazy("membership request", "Approved")
    REFUSED = "refused", pgettext_lazy("membership request", "Refused")
    CANCELLED = "cancelled", pgettext_lazy("membership request", "Cancelled")


class AuditAction(models.TextChoices):
    CREATE = "create", pgettext_lazy("audit", "Created")
    UPDATE = "update", pgettext_lazy("audit", "Changed")
    STATUS = "status", pgettext_lazy("audit", "Status changed")
    DELETE = "delete", pgettext_lazy("audit", "Deleted")
    VIEW = "view", pgettext_lazy("audit", "Viewed confidential data")
