from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lintas.catalogue.enums import ContentLanguage
from lintas.talents.enums import AbstractStatus

ABSTRACT_TEXT_MAX = 3_000
CRITERIA = "relevance, originality, clarity"


class AbstractCall(models.Model):
    """An event's call for abstracts (the ASEAN+3 Young Scientists Forum's, say): people submit
    abstracts, talents of the directory review them (assigned by the shared review machinery,
    ``programmes.domain.reviewing``), organisers accept or reject, and the accepted ones are
    published as the forum's programme on the event page. Writes go through
    :mod:`lintas.talents.domain.abstracts`."""

    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE,
        related_name="abstract_calls",
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    topics = models.CharField(
        _("topics"), max_length=600, help_text=_("Comma-separated; each becomes a session.")
    )
    deadline = models.DateTimeField(_("submission deadline"))
    reviews_per_abstract = models.PositiveSmallIntegerField(_("reviews per abstract"), default=2)
    criteria = models.CharField(_("review criteria"), max_length=300, default=CRITERIA)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-deadline", "-id"]
        verbose_name = _("call for abstracts")
        verbose_name_plural = _("calls for abstracts")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("talents:abstract_call", kwargs={"pk": self.pk})

    @property
    def topic_list(self) -> list[str]:
        return [t.strip() for t in self.topics.split(",") if t.strip()]

    @property
    def criteria_list(self) -> list[str]:
        return [c.strip() for c in self.criteria.split(",") if c.strip()]


class AbstractSession(models.Model):
    """When and where one topic's session of a forum takes place, set by an organiser: the
    accepted talks of that topic are given in it (shown on the event page and in the
    programme's calendar file)."""

    call = models.ForeignKey(AbstractCall, on_delete=models.CASCADE, related_name="sessions")
    topic = models.CharField(_("topic"), max_length=100)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room"), max_length=120, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "topic"], name="one_session_per_topic")
        ]
        verbose_name = _("forum session")
        verbose_name_plural = _("forum sessions")

    def __str__(self):
        return self.topic


class Abstract(models.Model):
    """One submission to a call for abstracts; its author is the speaker if accepted."""

    call = models.ForeignKey(AbstractCall, on_delete=models.CASCADE, related_name="abstracts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="abstracts"
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("abstract"), max_length=ABSTRACT_TEXT_MAX)
    authors = models.CharField(
        _("authors"), max_length=500, help_text=_("Names separated by commas, speaker first.")
    )
    topic = models.CharField(_("topic"), max_length=100)
    language = models.CharField(_("language"), max_length=3, choices=ContentLanguage.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=AbstractStatus.choices,
        default=AbstractStatus.SUBMITTED, db_index=True,
    )  # fmt: skip
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["topic", "title", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "author", "title"], name="one_abstract_title")
        ]
        verbose_name = _("abstract")
        verbose_name_plural = _("abstracts")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("talents:abstract", kwargs={"pk": self.pk})

    def texts(self) -> list[str]:
        return [f"{self.title}. {self.text}"]

    @property
    def author_names(self) -> list[str]:
        return [a.strip() for a in self.authors.split(",") if a.strip()]


class AbstractReviewer(models.Model):
    """A talent of the directory in a call's reviewer pool, with the most abstracts they take."""

    call = models.ForeignKey(AbstractCall, on_delete=models.CASCADE, related_name="pool")
    talent = models.ForeignKey("talents.Talent", on_delete=models.CASCADE, related_name="+")
    max_load = models.PositiveSmallIntegerField(_("at most"), default=5)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["call", "talent"], name="one_pool_seat_per_talent")
        ]


class AbstractReview(models.Model):
    """A reviewer assigned to an abstract and, once submitted, their scores 1–5 per criterion."""

    abstract = models.ForeignKey(Abstract, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey("talents.Talent", on_delete=models.CASCADE, related_name="+")
    affinity = models.FloatField(default=0)
    explanation = models.JSONField(default=dict, blank=True)
    scores = models.JSONField(default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=3000)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["abstract_id", "-affinity", "id"]
        constraints = [
            models.UniqueConstraint(fields=["abstract", "reviewer"], name="one_review_per_abstract")
        ]

    @property
    def total(self) -> float | None:
        return sum(self.scores.values()) / len(self.scores) if self.scores else None


class AbstractConflict(models.Model):
    """A conflict of interest a reviewer declared with an abstract (computed ones are not
    stored): that pair is never assigned again."""

    abstract = models.ForeignKey(Abstract, on_delete=models.CASCADE, related_name="conflicts")
    reviewer = models.ForeignKey("talents.Talent", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["abstract", "reviewer"], name="one_abstract_conflict")
        ]
