"""Offers and needs in and out of files (CSV, XLSX, JSON): the ``profiles`` dataset.

Import (brokers): each row becomes a profile through :func:`lifecycle.create_profile`, so it gets
the same checks, quality score, audit entry and language handling as one typed into the form
(the declared ``content_language``, or the language identified in its text), and then
``status`` decides whether it waits as a draft or is submitted to the validation queue. An
import never publishes: a row exported as published comes back submitted, for a broker to
validate, and an archived one as a draft.

Export: staff (brokers) get every profile with every field; everyone else the published ones
without the confidential fields (:data:`CONFIDENTIAL_FIELDS`). Values are written as the import
reads them (references, sector slugs, country codes, ``;``-separated lists), so an export
imports back unchanged.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lintas.catalogue.domain import lifecycle
from lintas.catalogue.enums import (
    ContentLanguage,
    CooperationMode,
    IPRStatus,
    ProfileKind,
    ProfileStatus,
)
from lintas.catalogue.forms import MAX_KEYWORDS
from lintas.catalogue.models import Profile
from lintas.catalogue.models.profile import (
    CONFIDENTIAL_FIELDS,
    CONFIDENTIAL_MAX,
    DESCRIPTION_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
)
from lintas.core.domain import transfer
from lintas.core.domain.transfer import Column, RowProblems, at_most
from lintas.core.models import Organisation, Sector

COLUMNS = (
    Column("ref", False, gettext_lazy("the profile's reference, unique (empty: a new one is given)"), "OF-2025-00042"),
    Column("kind", True, gettext_lazy("offer or need"), "offer"),
    Column("organisation", True, gettext_lazy("the owner organisation: its short name (slug) or its name as on Lintas"), "gxu"),
    Column("title", True, at_most(200), "Drought-tolerant rice seed"),
    Column("summary", True, at_most(600), "A rice variety that..."),
    Column("description", False, at_most(10000), ""),
    Column("sectors", True, gettext_lazy("sectors of the taxonomy, by slug or name, separated by ;"), "agriculture"),
    Column("keywords", False, gettext_lazy("at most 15 keywords of 60 characters, separated by ;"), "rice; seed"),
    Column("trl", False, gettext_lazy("technology readiness level, a whole number from 1 to 9"), "6"),
    Column("ipr_status", False, gettext_lazy("granted_patent, patent_application, utility_model, software_copyright, know_how or none"), "granted_patent"),
    Column("patent_numbers", False, at_most(300), "CN123456789A"),
    Column("cooperation_modes", False, gettext_lazy("licence, assignment, joint_venture, technical_cooperation, joint_rnd, consulting, equipment_supply or investment, separated by ;"), "licence; joint_rnd"),
    Column("target_countries", False, gettext_lazy("countries by two-letter code or English name, separated by ;"), "ID; TH"),
    Column("content_language", False, gettext_lazy("the language the text is written in: en, zh, id, ms, th, vi, fil, km, lo or my (empty: identified from the text)"), "zh"),
    Column("status", False, gettext_lazy("draft or submitted (empty: draft; published, expired and archived rows from an export come in as submitted, submitted and draft)"), "submitted"),
    Column("expires_on", False, gettext_lazy("date as YYYY-MM-DD (empty: a year after import)"), "2026-12-31"),
    Column("confidential_details", False, at_most(5000), ""),
    Column("contact_name", False, at_most(120), ""),
    Column("contact_email", False, gettext_lazy("an e-mail address"), ""),
    Column("contact_phone", False, at_most(40), ""),
)  # fmt: skip
COLUMN_NAMES = [c.name for c in COLUMNS]
PUBLIC_COLUMNS = [name for name in COLUMN_NAMES if name not in CONFIDENTIAL_FIELDS]

# What an exported status becomes on import: nothing is published without a broker's validation.
IMPORTED_STATUS = {
    "": ProfileStatus.DRAFT,
    ProfileStatus.DRAFT: ProfileStatus.DRAFT,
    ProfileStatus.SUBMITTED: ProfileStatus.SUBMITTED,
    ProfileStatus.PUBLISHED: ProfileStatus.SUBMITTED,
    ProfileStatus.EXPIRED: ProfileStatus.SUBMITTED,
    ProfileStatus.ARCHIVED: ProfileStatus.DRAFT,
}


def _prepare(actor) -> dict:
    sectors = {}
    for sector in Sector.objects.all():
        sectors[sector.slug.casefold()] = sector
        for name in (sector.names or {}).values():
            sectors.setdefault(str(name).casefold(), sector)
    return {"sectors": sectors, "organisations": {}, "refs": set()}


def _organisation(values: dict, context: dict) -> Organisation:
    return transfer.organisation(values, context, required=True)


def _countries(values: dict) -> list[str]:
    codes = []
    for raw in transfer.items(values, "target_countries"):
        code = transfer.country_code(raw)
        if not code:
            raise RowProblems(
                {"target_countries": _("Unknown country “%(value)s”.") % {"value": raw}}
            )
        if code not in codes:
            codes.append(code)
    return codes


def _trl(values: dict) -> int | None:
    raw = values.get("trl")
    if raw in (None, ""):
        return None
    text = str(raw).strip()
    if text.upper().startswith("TRL"):
        text = text[3:].strip()
    if isinstance(raw, bool) or not text.isdigit() or not 1 <= int(text) <= 9:
        raise RowProblems(
            {"trl": _("TRL is a whole number from 1 to 9; “%(value)s” is not.") % {"value": raw}}
        )
    return int(text)


def _check(values: dict, context: dict) -> dict:
    problems: dict[str, str] = {}

    def take(name, reader):
        try:
            return reader()
        except RowProblems as error:
            problems.update(error.problems)
            return None

    cleaned = {
        "ref": take("ref", lambda: transfer.text(values, "ref", max_length=20)),
        "kind": take("kind", lambda: _kind(values)),
        "organisation": take("organisation", lambda: _organisation(values, context)),
        "title": take("title", lambda: transfer.text(values, "title", required=True, max_length=TITLE_MAX)),
        "summary": take("summary", lambda: transfer.text(values, "summary", required=True, max_length=SUMMARY_MAX)),
        "description": take("description", lambda: transfer.text(values, "description", max_length=DESCRIPTION_MAX)),
        "sectors": take("sectors", lambda: _sectors(values, context)),
        "keywords": take("keywords", lambda: _keywords(values)),
        "trl": take("trl", lambda: _trl(values)),
        "ipr_status": take("ipr_status", lambda: transfer.choice(
            values, "ipr_status", IPRStatus.choices,
            message=_("“%(value)s” is not an IPR status of the template."))),
        "patent_numbers": take("patent_numbers", lambda: transfer.text(values, "patent_numbers", max_length=300)),
        "cooperation_modes": take("cooperation_modes", lambda: _modes(values)),
        "target_countries": take("target_countries", lambda: _countries(values)),
        "content_language": take("content_language", lambda: transfer.choice(
            values, "content_language", ContentLanguage.choices,
            message=_("“%(value)s” is not a content language of Lintas."))),
        "status": take("status", lambda: _status(values)),
        "expires_on": take("expires_on", lambda: transfer.date(values, "expires_on")),
        "confidential_details": take("confidential_details", lambda: transfer.text(
            values, "confidential_details", max_length=CONFIDENTIAL_MAX)),
        "contact_name": take("contact_name", lambda: transfer.text(values, "contact_name", max_length=120)),
        "contact_email": take("contact_email", lambda: _email(values)),
        "contact_phone": take("contact_phone", lambda: transfer.text(values, "contact_phone", max_length=40)),
    }  # fmt: skip
    ref = cleaned["ref"]
    if ref and "ref" not in problems:
        if ref in context["refs"]:
            problems["ref"] = _("The reference %(ref)s appears twice in this file.") % {"ref": ref}
        elif Profile.objects.filter(ref=ref).exists():
            problems["ref"] = _("A profile with the reference %(ref)s exists already.") % {
                "ref": ref
            }
        context["refs"].add(ref)
    if problems:
        raise RowProblems(problems)
    return cleaned


def _kind(values: dict) -> str:
    raw = transfer.text(values, "kind", required=True)
    word = raw.casefold()
    for code, label in ProfileKind.choices:
        if word in (code, str(label).casefold()):
            return code
    raise RowProblems({"kind": _("Write offer or need; “%(value)s” is neither.") % {"value": raw}})


def _sectors(values: dict, context: dict) -> list[Sector]:
    found = []
    for raw in transfer.items(values, "sectors"):
        sector = context["sectors"].get(raw.casefold())
        if sector is None:
            raise RowProblems(
                {"sectors": _("“%(value)s” is not a sector of the taxonomy.") % {"value": raw}}
            )
        if sector not in found:
            found.append(sector)
    if not found:
        raise RowProblems({"sectors": _("Name at least one sector.")})
    return found


def _keywords(values: dict) -> list[str]:
    words = transfer.items(values, "keywords")
    if len(words) > MAX_KEYWORDS:
        raise RowProblems({"keywords": _("At most %(n)d keywords.") % {"n": MAX_KEYWORDS}})
    if any(len(w) > 60 for w in words):
        raise RowProblems({"keywords": _("A keyword may have at most 60 characters.")})
    return words


def _modes(values: dict) -> list[str]:
    modes = []
    for raw in transfer.items(values, "cooperation_modes"):
        try:
            code = transfer.choice({"m": raw}, "m", CooperationMode.choices, message="%(value)s")
        except RowProblems as error:
            raise RowProblems(
                {
                    "cooperation_modes": _("“%(value)s” is not a cooperation mode of the template.")
                    % {"value": raw}
                }
            ) from error
        if code not in modes:
            modes.append(code)
    return modes


def _status(values: dict) -> str:
    raw = transfer.text(values, "status").casefold()
    for code, label in ProfileStatus.choices:
        if raw in (code, str(label).casefold()):
            return IMPORTED_STATUS[code]
    if raw == "":
        return ProfileStatus.DRAFT
    raise RowProblems(
        {"status": _("Write draft or submitted; imports are never published directly.")}
    )


def _email(values: dict) -> str:
    value = transfer.text(values, "contact_email", max_length=254)
    if value:
        try:
            validate_email(value)
        except ValidationError as error:
            raise RowProblems(
                {"contact_email": _("“%(value)s” is not an e-mail address.") % {"value": value}}
            ) from error
    return value


def _write(cleaned: dict, actor, context: dict) -> str:
    data = {
        name: cleaned[name]
        for name in lifecycle.EDITABLE_FIELDS
        if name in cleaned and name != "content_language" and cleaned[name] is not None
    }
    if cleaned["trl"] is None:
        data["trl"] = None
    if cleaned["ref"]:
        data["ref"] = cleaned["ref"]
    profile = lifecycle.create_profile(
        user=actor,
        kind=cleaned["kind"],
        data=data,
        sectors=cleaned["sectors"],
        organisation=cleaned["organisation"],
        declared_language=cleaned["content_language"] or None,
    )
    if cleaned["status"] == ProfileStatus.SUBMITTED:
        lifecycle.submit(user=actor, profile=profile)
    return f"{profile.ref} {profile.title}"


PROFILES = transfer.Dataset(
    name="profiles",
    label=gettext_lazy("offers and needs"),
    columns=COLUMNS,
    permission="catalogue.import_profiles",
    check=_check,
    write=_write,
    prepare=_prepare,
)


# ------------------------------------------------------------------ export


def _staff(user) -> bool:
    return user is not None and user.has_perm("catalogue.export_all_profiles")


def exportable(user, *, everything: bool = False):
    """The profiles ``user`` may take out: every one for staff, the published ones otherwise."""
    queryset = Profile.objects.select_related("organisation").prefetch_related("sectors")
    if everything or _staff(user):
        return queryset.order_by("id")
    return queryset.filter(status=ProfileStatus.PUBLISHED).order_by("id")


def export_columns(user, *, everything: bool = False) -> list[str]:
    if everything or _staff(user):
        return list(COLUMN_NAMES)
    return list(PUBLIC_COLUMNS)


def export_rows(queryset) -> list[dict]:
    rows = []
    for profile in queryset:
        rows.append(
            {
                "ref": profile.ref,
                "kind": profile.kind,
                "organisation": profile.organisation.slug,
                "title": profile.title,
                "summary": profile.summary,
                "description": profile.description,
                "sectors": [s.slug for s in profile.sectors.all()],
                "keywords": list(profile.keywords or []),
                "trl": profile.trl,
                "ipr_status": profile.ipr_status,
                "patent_numbers": profile.patent_numbers,
                "cooperation_modes": list(profile.cooperation_modes or []),
                "target_countries": list(profile.target_countries or []),
                "content_language": profile.content_language,
                "status": profile.status,
                "expires_on": profile.expires_on.isoformat() if profile.expires_on else "",
                "confidential_details": profile.confidential_details,
                "contact_name": profile.contact_name,
                "contact_email": profile.contact_email,
                "contact_phone": profile.contact_phone,
            }
        )
    return rows


def export(*, user, fmt: str, kind: str | None = None, everything: bool = False) -> bytes:
    """The file ``user`` may download: see the module docstring for who gets what.
    ``everything`` is the command line's (the operator reads the database anyway)."""
    queryset = exportable(user, everything=everything)
    if kind:
        queryset = queryset.filter(kind=kind)
    columns = export_columns(user, everything=everything)
    rows = [{k: v for k, v in row.items() if k in columns} for row in export_rows(queryset)]
    return transfer.export(PROFILES, fmt, rows, columns)
