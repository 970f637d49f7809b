from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProgrammeKind(models.TextChoices):
    TALENT = "talent", _("Talent programme")
    TRAINING = "training", _("Training programme")


class Degree(models.TextChoices):
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    PHD = "phd", _("Doctorate (PhD)")


class CallStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("call", "Draft")
    OPEN = "open", pgettext_lazy("call", "Open")
    CLOSED = "closed", pgettext_lazy("call", "Closed")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("application", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("application", "Submitted")
    ACCEPTED = "accepted", pgettext_lazy("application", "Accepted")
    WAITLISTED = "waitlisted", pgettext_lazy("application", "Waitlisted")
    REJECTED = "rejected", pgettext_lazy("application", "Rejected")


DECISIONS = (ApplicationStatus.ACCEPTED, ApplicationStatus.WAITLISTED, ApplicationStatus.REJECTED)


class DocumentKind(models.TextChoices):
    CV = "cv", _("CV")
    DEGREE = "degree", _("Degree certificate")
    LETTER = "letter", _("Recommendation letter")
    OTHER = "other", _("Other document")


class PlacementStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("placement", "Planned")
    ACTIVE = "active", pgettext_lazy("placement", "Active")
    COMPLETED = "completed", pgettext_lazy("placement", "Completed")
    EXTENDED = "extended", pgettext_lazy("placement", "Extended")
    CANCELLED = "cancelled", pgettext_lazy("placement", "Cancelled")


class RequestStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("request", "Pending")
    APPROVED = "approved", pgettext_lazy("request", "Approved")
    REJECTED = "rejected", pgettext_lazy("request", "Rejected")


class RunKind(models.TextChoices):
    REVIEWERS = "reviewers", _("Reviewer assignment")
    HOSTS = "hosts", _("Host matching")


class RunStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("run", "Waiting")
    RUNNING = "running", pgettext_lazy("run", "Running")
    DONE = "done", pgettext_lazy("run", "Finished")
    FAILED = "failed", pgettext_lazy("run", "Could not finish")


class CertificateKind(models.TextChoices):
    PLACEMENT = "placement", _("Research placement")
    AWARD = "award", _("Selection in a call")
    TRAINING = "training", _("Training")
