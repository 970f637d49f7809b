from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lintas.talents.enums import PublicationKind, PublicationSource

TITLE_MAX = 500
ABSTRACT_MAX = 5_000


class Publication(models.Model):
    """A paper, book or patent of a talent, typed in or imported from BibTeX, RIS or ORCID.

    ``normalised_title`` (lower case, letters and digits only) and ``doi`` (lower case, no
    resolver prefix) are the keys an import merges duplicates on.
    """

    talent = models.ForeignKey(
        "talents.Talent", on_delete=models.CASCADE, related_name="publications"
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=PublicationKind.choices, default="article"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    normalised_title = models.CharField(max_length=TITLE_MAX, db_index=True)
    authors = models.CharField(_("authors"), max_length=1000, blank=True)
    venue = models.CharField(_("journal, conference or office"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    abstract = models.TextField(_("abstract"), max_length=ABSTRACT_MAX, blank=True)
    source = models.CharField(
        max_length=12, choices=PublicationSource.choices, default=PublicationSource.MANUAL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "title", "id"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.UniqueConstraint(
                fields=["talent", "doi"], condition=~Q(doi=""), name="one_publication_per_doi"
            ),
            models.UniqueConstraint(
                fields=["talent", "normalised_title"], name="one_publication_per_title"
            ),
        ]

    def __str__(self):
        return self.title

    def text(self) -> str:
        return f"{self.title}. {self.abstract}".strip() if self.abstract else self.title
