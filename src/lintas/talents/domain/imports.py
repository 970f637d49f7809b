"""Import a publication list exported elsewhere (BibTeX, RIS, ORCID JSON/XML).

All or nothing: a file that cannot be read is refused with a message saying why, and nothing
is saved. Duplicates are merged, within the file and with the list already there, by DOI or by
normalised title: the first copy stays and its empty fields (abstract, DOI, venue, year,
authors, link) are filled from the later one, so re-importing an updated export is safe.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lintas.talents import bibliography
from lintas.talents.domain import indexing
from lintas.talents.domain.profiles import normalise_doi, normalise_title
from lintas.talents.enums import PublicationSource
from lintas.talents.models import Publication

MERGEABLE = ("abstract", "doi", "venue", "year", "authors", "url")


def error_message(error: bibliography.BibliographyError) -> str:
    """The parser's reason in the reader's language."""
    messages = {
        "too_big": _("The file is %(size)s kB; publication lists up to %(max)s kB are accepted."),
        "not_text": _("The file is not text in UTF-8; export it again as UTF-8."),
        "unknown": _(
            "This is not a BibTeX, RIS or ORCID file. Export your list from your reference "
            "manager or from your ORCID record and upload that file."
        ),
        "empty": _("No publication with a title was found in this file."),
        "too_many": _("At most %(max)s publications per file."),
        "bibtex": _(
            "The BibTeX file has an entry that cannot be read (the entry starting on line "
            "%(line)s); nothing was imported."
        ),
        "ris": _("The RIS file cannot be read: %(detail)s"),
        "json": _("The ORCID JSON file cannot be read (line %(line)s: %(detail)s)."),
        "not_orcid_json": _("This JSON file is not an ORCID record or list of works."),
        "xml": _("The ORCID XML file cannot be read: %(detail)s"),
        "not_orcid_xml": _("This XML file is not an ORCID record or list of works."),
    }
    return messages[error.code] % error.params


@dataclass(frozen=True)
class ImportResult:
    format: str
    added: int
    merged: int

    @property
    def read(self) -> int:
        return self.added + self.merged


SOURCES = {"bibtex": PublicationSource.BIBTEX, "ris": PublicationSource.RIS,
           "orcid": PublicationSource.ORCID}  # fmt: skip


@transaction.atomic
def import_publications(*, user, talent, data: bytes) -> ImportResult:
    """Parse ``data`` and add its publications to ``talent``'s list, merging duplicates."""
    if not user.is_authenticated or talent.user_id != user.pk:
        raise PermissionDenied(_("Only the person themselves can edit a talent profile."))
    try:
        parsed = bibliography.parse(data)
    except bibliography.BibliographyError as error:
        raise ValidationError(error_message(error)) from error
    existing = list(talent.publications.all())
    by_doi = {p.doi: p for p in existing if p.doi}
    by_title = {p.normalised_title: p for p in existing}
    added = merged = 0
    for record in parsed.records:
        key = normalise_title(record["title"])
        doi = normalise_doi(record["doi"])
        if not key:
            continue
        record = {**record, "doi": doi}
        twin = (by_doi.get(doi) if doi else None) or by_title.get(key)
        if twin is not None:
            changed = [f for f in MERGEABLE if not getattr(twin, f) and record.get(f)]
            if changed and doi and "doi" in changed and doi in by_doi:
                changed.remove("doi")  # another publication of theirs already has this DOI
            for field in changed:
                setattr(twin, field, record[field])
            if changed:
                twin.save(update_fields=changed)
                if "doi" in changed:
                    by_doi[doi] = twin
            merged += 1
            continue
        publication = Publication.objects.create(
            talent=talent,
            normalised_title=key,
            source=SOURCES[parsed.format],
            **record,
        )
        by_title[key] = publication
        if doi:
            by_doi[doi] = publication
        added += 1
    indexing.schedule(talent.pk)
    return ImportResult(format=parsed.format, added=added, merged=merged)
