"""A readable per-field diff of a revision, for the review queue and the API.

Values are shown as words (TRL and IPR labels, country, sector and language names, dates),
and long texts as a word-level diff (difflib) so a one-letter fix stands out in a paragraph.
Latin words are compared whole; Chinese, Thai and other scripts written without spaces
character by character.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_countries import countries

from lintas.catalogue.domain.revisions import changed_fields
from lintas.catalogue.enums import TRL_LABELS, ContentLanguage, CooperationMode, IPRStatus
from lintas.catalogue.models import Profile

# Prose is diffed word by word; short values (an e-mail address, a phone number) are shown
# whole, old then new, so a changed address reads as one.
PROSE_FIELDS = {"title", "summary", "description", "confidential_details"}
TOKENS = re.compile(r"[A-Za-z0-9À-ɏ'’_-]+|\s+|.", re.DOTALL)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str
    html: SafeString  # before → after, with <del> and <ins>


def _label(name: str) -> str:
    if name == "sectors":
        return _("Sectors")
    return str(Profile._meta.get_field(name).verbose_name).capitalize()


def _choice(enum, value) -> str:
    try:
        return str(enum(value).label)
    except ValueError:
        return str(value)


def as_words(name: str, value, sector_names: dict) -> str:
    """A field value as people read it."""
    if value in (None, "", []):
        return "—"
    if name == "trl":
        return str(TRL_LABELS.get(int(value), value))
    if name == "ipr_status":
        return _choice(IPRStatus, value)
    if name == "content_language":
        return _choice(ContentLanguage, value)
    if name == "cooperation_modes":
        return ", ".join(_choice(CooperationMode, v) for v in value)
    if name == "target_countries":
        names = dict(countries)
        return ", ".join(str(names.get(code, code)) for code in value)
    if name == "sectors":
        return ", ".join(sector_names.get(slug, slug) for slug in value)
    if name == "keywords":
        return ", ".join(value)
    if name == "expires_on":
        return formats.date_format(dt.date.fromisoformat(value), "DATE_FORMAT")
    return str(value)


def inline_diff(before: str, after: str) -> SafeString:
    """HTML with removed words in <del> and added words in <ins>."""
    old, new = TOKENS.findall(before), TOKENS.findall(after)
    out = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(old[a1:a2])))
            continue
        if a2 > a1:
            out.append(f"<del>{escape(''.join(old[a1:a2]))}</del>")
        if b2 > b1:
            out.append(f"<ins>{escape(''.join(new[b1:b2]))}</ins>")
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def field_changes(revision, sector_names: dict) -> list[FieldChange]:
    """The fields the revision changes, each as before/after words and an inline diff."""
    result = []
    for name in changed_fields(revision):
        before = as_words(name, revision.base.get(name), sector_names)
        after = as_words(name, revision.values.get(name), sector_names)
        if name in PROSE_FIELDS:
            html = inline_diff(before if before != "—" else "", after if after != "—" else "")
        else:
            html = mark_safe(f"<del>{escape(before)}</del> → <ins>{escape(after)}</ins>")  # noqa: S308
        result.append(FieldChange(name, _label(name), before, after, html))
    return result


def sector_names() -> dict:
    """Slug → name in the active language (one query for a whole queue)."""
    from lintas.core.models import Sector

    return {s.slug: s.name for s in Sector.objects.all()}
