from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TalentRole(models.TextChoices):
    """What a talent offers to do for others (the directory filters on it)."""

    CONSULTING = "consulting", pgettext_lazy("talent role", "Consulting")
    JOINT_RESEARCH = "joint_research", pgettext_lazy("talent role", "Joint research")
    SUPERVISING = "supervising", pgettext_lazy("talent role", "Supervising students")
    REVIEWING = "reviewing", pgettext_lazy("talent role", "Reviewing")
    MENTORING = "mentoring", pgettext_lazy("talent role", "Mentoring")
    SPEAKING = "speaking", pgettext_lazy("talent role", "Speaking")


class Availability(models.TextChoices):
    AVAILABLE = "available", pgettext_lazy("talent availability", "Available")
    LIMITED = "limited", pgettext_lazy("talent availability", "Limited availability")
    UNAVAILABLE = "unavailable", pgettext_lazy("talent availability", "Not available now")


class MemberField(models.TextChoices):
    """Fields a talent may show to signed-in members only (the rest of the profile is public)."""

    ORGANISATION = "organisation", _("Organisation and position")
    BIO = "bio", _("Biography")
    PUBLICATIONS = "publications", _("Publications and patents")
    AVAILABILITY = "availability", _("Availability")


class PublicationKind(models.TextChoices):
    ARTICLE = "article", pgettext_lazy("publication", "Journal article")
    CONFERENCE = "conference", pgettext_lazy("publication", "Conference paper")
    BOOK = "book", pgettext_lazy("publication", "Book or chapter")
    PATENT = "patent", pgettext_lazy("publication", "Patent")
    THESIS = "thesis", pgettext_lazy("publication", "Thesis")
    OTHER = "other", pgettext_lazy("publication", "Other")


class PublicationSource(models.TextChoices):
    MANUAL = "manual", pgettext_lazy("publication source", "Typed in")
    BIBTEX = "bibtex", "BibTeX"
    RIS = "ris", "RIS"
    ORCID = "orcid", "ORCID"
    APPLICATION = "application", pgettext_lazy("publication source", "Programme application")
    DEMO = "demo", pgettext_lazy("publication source", "Demo data")


class ConsultationStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("consultation", "Waiting for an answer")
    ACCEPTED = "accepted", pgettext_lazy("consultation", "Accepted")
    DECLINED = "declined", pgettext_lazy("consultation", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("consultation", "Withdrawn")


class AbstractStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("abstract", "Submitted")
    ACCEPTED = "accepted", pgettext_lazy("abstract", "Accepted")
    REJECTED = "rejected", pgettext_lazy("abstract", "Not accepted")
