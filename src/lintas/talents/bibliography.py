"""Read publication lists that people export from elsewhere: BibTeX, RIS, and ORCID records
(JSON or XML, as ORCID's public API and the record page's download give them).

Plain Python, no Django and no network: :func:`parse` returns plain dicts with the fields a
:class:`~lintas.talents.models.Publication` keeps, or raises :class:`BibliographyError` with a
message a person can act on (which format, which line). Parsers: ``bibtexparser`` 2 and
``rispy`` (both pinned); ORCID JSON with the standard library, ORCID XML with ``defusedxml``
so that a hostile file cannot expand entities.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

MAX_BYTES = 2_000_000
MAX_RECORDS = 2_000

# Publication kinds (lintas.talents.enums.PublicationKind values) by the formats' own types.
BIBTEX_KINDS = {
    "article": "article",
    "inproceedings": "conference",
    "conference": "conference",
    "proceedings": "conference",
    "book": "book",
    "inbook": "book",
    "incollection": "book",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "patent": "patent",
}
RIS_KINDS = {
    "JOUR": "article",
    "JFULL": "article",
    "EJOUR": "article",
    "MGZN": "article",
    "CONF": "conference",
    "CPAPER": "conference",
    "BOOK": "book",
    "CHAP": "book",
    "EBOOK": "book",
    "ECHAP": "book",
    "THES": "thesis",
    "PAT": "patent",
}
ORCID_KINDS = {
    "journal-article": "article",
    "conference-paper": "conference",
    "conference-abstract": "conference",
    "book": "book",
    "book-chapter": "book",
    "edited-book": "book",
    "dissertation": "thesis",
    "dissertation-thesis": "thesis",
    "patent": "patent",
}


MESSAGES = {
    "too_big": "The file is {size} kB; publication lists up to {max} kB are accepted.",
    "not_text": "The file is not text in UTF-8; export it again as UTF-8.",
    "unknown": "This is not a BibTeX, RIS or ORCID file. Export your list from your reference "
    "manager or from your ORCID record and upload that file.",
    "empty": "No publication with a title was found in this file.",
    "too_many": "At most {max} publications per file.",
    "bibtex": "The BibTeX file has an entry that cannot be read (the entry starting on line "
    "{line}); nothing was imported.",
    "ris": "The RIS file cannot be read: {detail}",
    "json": "The ORCID JSON file cannot be read (line {line}: {detail}).",
    "not_orcid_json": "This JSON file is not an ORCID record or list of works.",
    "xml": "The ORCID XML file cannot be read: {detail}",
    "not_orcid_xml": "This XML file is not an ORCID record or list of works.",
}


class BibliographyError(ValueError):
    """The file cannot be read as a publication list. ``code`` names the reason (a key of
    ``MESSAGES``, which front ends translate), ``params`` fill it in; ``str()`` is English."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(MESSAGES[code].format(**params))


@dataclass(frozen=True)
class Parsed:
    format: str  # "bibtex", "ris", "orcid"
    records: list[dict]


def _text(value) -> str:
    return re.sub(r"\s+", " ", str(value or "")).strip()


def _year(value) -> int | None:
    match = re.search(r"(1[89]\d\d|20\d\d|2100)", str(value or ""))
    return int(match.group(1)) if match else None


def _record(*, title, kind="article", authors="", venue="", year=None, doi="", url="",
            abstract="") -> dict:  # fmt: skip
    return {
        "title": _text(title)[:500],
        "kind": kind,
        "authors": _text(authors)[:1000],
        "venue": _text(venue)[:300],
        "year": _year(year),
        "doi": _text(doi)[:200],
        "url": _text(url)[:500] if str(url or "").startswith(("http://", "https://")) else "",
        "abstract": str(abstract or "").strip()[:5000],
    }


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise BibliographyError("too_big", size=len(data) // 1000, max=MAX_BYTES // 1000)
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise BibliographyError("not_text")


def sniff(text: str) -> str:
    """The format of ``text``: "bibtex", "ris", "orcid-json", "orcid-xml" or ""."""
    head = text.lstrip()[:2000]
    if head.startswith("{") or head.startswith("["):
        return "orcid-json"
    if head.startswith("<"):
        return "orcid-xml"
    if re.search(r"^TY  - ", head, re.M):
        return "ris"
    if re.search(r"@\s*\w+\s*[{(]", head):
        return "bibtex"
    return ""


def parse(data: bytes) -> Parsed:
    """Parse an exported publication list; the format is recognised from the content."""
    text = decode(data)
    kind = sniff(text)
    if kind == "bibtex":
        records, fmt = _bibtex(text), "bibtex"
    elif kind == "ris":
        records, fmt = _ris(text), "ris"
    elif kind == "orcid-json":
        records, fmt = _orcid_json(text), "orcid"
    elif kind == "orcid-xml":
        records, fmt = _orcid_xml(text), "orcid"
    else:
        raise BibliographyError("unknown")
    records = [r for r in records if r["title"]]
    if not records:
        raise BibliographyError("empty")
    if len(records) > MAX_RECORDS:
        raise BibliographyError("too_many", max=MAX_RECORDS)
    return Parsed(format=fmt, records=records)


def _bibtex(text: str) -> list[dict]:
    import bibtexparser
    from bibtexparser import middlewares

    library = bibtexparser.parse_string(
        text, append_middleware=[middlewares.LatexDecodingMiddleware()]
    )
    if library.failed_blocks:
        block = library.failed_blocks[0]
        line = getattr(block, "start_line", None)
        raise BibliographyError("bibtex", line=line + 1 if line is not None else "?")
    out = []
    for entry in library.entries:
        fields = {k.lower(): f.value for k, f in entry.fields_dict.items()}
        authors = " ; ".join(a.strip() for a in str(fields.get("author", "")).split(" and "))
        out.append(
            _record(
                title=fields.get("title", ""),
                kind=BIBTEX_KINDS.get(entry.entry_type.lower(), "other"),
                authors=authors,
                venue=fields.get("journal") or fields.get("booktitle") or fields.get("publisher"),
                year=fields.get("year"),
                doi=fields.get("doi", ""),
                url=fields.get("url", ""),
                abstract=fields.get("abstract", ""),
            )
        )
    return out


def _ris(text: str) -> list[dict]:
    import rispy

    try:
        entries = rispy.loads(text)
    except Exception as error:  # rispy raises plain IOError/ValueError/KeyError on bad input
        raise BibliographyError("ris", detail=str(error)[:200]) from error
    out = []
    for entry in entries:
        urls = entry.get("urls") or []
        out.append(
            _record(
                title=entry.get("title") or entry.get("primary_title") or "",
                kind=RIS_KINDS.get(entry.get("type_of_reference", ""), "other"),
                authors=" ; ".join(entry.get("authors") or entry.get("first_authors") or []),
                venue=entry.get("secondary_title") or entry.get("journal_name") or "",
                year=entry.get("year") or entry.get("publication_year"),
                doi=entry.get("doi", ""),
                url=urls[0] if urls else "",
                abstract=entry.get("abstract", ""),
            )
        )
    return out


def _value(node, *path):
    """Follow keys through ORCID's nested {"value": ...} objects; None where one is missing."""
    for key in path:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    if isinstance(node, dict) and "value" in node:
        return node["value"]
    return node


def _orcid_work(work: dict) -> dict:
    doi = ""
    for ext in _value(work, "external-ids", "external-id") or []:
        if str(_value(ext, "external-id-type")).lower() == "doi":
            doi = _value(ext, "external-id-value") or ""
            break
    contributors = _value(work, "contributors", "contributor") or []
    authors = " ; ".join(
        str(_value(c, "credit-name")) for c in contributors if _value(c, "credit-name")
    )
    return _record(
        title=_value(work, "title", "title") or "",
        kind=ORCID_KINDS.get(str(_value(work, "type") or "").lower(), "other"),
        authors=authors,
        venue=_value(work, "journal-title") or "",
        year=_value(work, "publication-date", "year"),
        doi=doi,
        url=_value(work, "url") or "",
        abstract=_value(work, "short-description") or "",
    )


def _orcid_json(text: str) -> list[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BibliographyError("json", line=error.lineno, detail=error.msg) from error
    if isinstance(data, dict) and "activities-summary" in data:
        data = _value(data, "activities-summary", "works")
    if isinstance(data, dict) and "works" in data and "group" not in data:
        data = data["works"]
    works = []
    if isinstance(data, dict) and isinstance(data.get("group"), list):
        for group in data["group"]:
            summaries = _value(group, "work-summary") or []
            if summaries:
                works.append(summaries[0])  # ORCID groups the versions of one work
    elif isinstance(data, dict) and isinstance(data.get("bulk"), list):
        works = [item.get("work") for item in data["bulk"] if isinstance(item, dict)]
    elif isinstance(data, dict) and "title" in data:
        works = [data]
    elif isinstance(data, list):
        works = data
    else:
        raise BibliographyError("not_orcid_json")
    return [_orcid_work(w) for w in works if isinstance(w, dict)]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xml_to_dict(element) -> dict | str:
    """ORCID XML as the JSON shape (local names, repeated children as lists)."""
    children = list(element)
    if not children:
        return (element.text or "").strip()
    out: dict = {}
    for child in children:
        key = _local(child.tag)
        value = _xml_to_dict(child)
        if key in out:
            if not isinstance(out[key], list):
                out[key] = [out[key]]
            out[key].append(value)
        else:
            out[key] = value
    return out


def _orcid_xml(text: str) -> list[dict]:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(text.encode("utf-8"))
    except (ParseError, DefusedXmlException) as error:
        raise BibliographyError("xml", detail=str(error)[:200]) from error
    works = [el for el in root.iter() if _local(el.tag) in ("work-summary", "work")]
    if not works and _local(root.tag) not in ("record", "works", "activities-summary"):
        raise BibliographyError("not_orcid_xml")
    seen_groups = set()
    out = []
    for element in works:
        data = _xml_to_dict(element)
        if not isinstance(data, dict):
            continue
        for key in ("external-ids",):  # one external id comes out as a dict, several a list
            ids = data.get(key, {}).get("external-id") if isinstance(data.get(key), dict) else None
            if isinstance(ids, dict):
                data[key]["external-id"] = [ids]
        contributors = data.get("contributors")
        if isinstance(contributors, dict) and isinstance(contributors.get("contributor"), dict):
            contributors["contributor"] = [contributors["contributor"]]
        record = _orcid_work(data)
        group = record["doi"] or record["title"].casefold()
        if group in seen_groups:
            continue  # the versions of one work inside an ORCID group
        seen_groups.add(group)
        out.append(record)
    return out
