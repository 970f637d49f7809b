"""Bring records in from a file and take them out again: the engine every dataset shares.

A *dataset* (profiles in the catalogue; organisations and users here, in
:mod:`lintas.core.domain.transfer_core`) says which columns it has, who may import it, how one
row is checked and turned into values, and how the values are written. This module reads the
file (:mod:`lintas.core.tabular`), checks the header and every row, and writes.

All or nothing, and the dry run is the real thing: :func:`run_import` writes every row inside
one transaction, each row in its own savepoint so one bad row does not hide the problems of the
next, and rolls the whole transaction back when any row has a problem or when it is a dry run.
So a dry run finds every problem the real import would meet (a reference taken, a value the
model refuses), not a guess of them, and what happens after commit (e-mails, re-indexing,
figures) is queued with ``transaction.on_commit`` and never happens for a rolled-back import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext as _

from lintas.core import tabular

# A cell longer than this is refused on its row and column before any other check (every text
# field of the models is shorter; a 10 MB cell is a broken or hostile file).
MAX_CELL_CHARS = 20_000


@dataclass(frozen=True)
class Column:
    """One column of a dataset's template: its name in files, whether a row needs it, what it
    accepts (shown on the page, in the XLSX template's "fields" sheet and in the docs)."""

    name: str
    required: bool
    help: str | Promise
    example: str = ""

    @property
    def accepts(self) -> str:
        """What the column accepts, in the reader's language."""
        return str(self.help)


def _at_most_text(n: int) -> str:
    return _("at most %(n)s characters") % {"n": f"{n:,}"}


def at_most(n: int) -> Promise:
    """The help of a plain text column, "at most N characters", translated when shown."""
    return lazy(_at_most_text, str)(n)


@dataclass
class Problem:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": str(self.message)}


@dataclass
class Report:
    """What an import found and did: rows read, problems (row 1 is the header), and one line per
    row that passed its checks (written when ``committed``; in a dry run, what would be)."""

    dataset: str
    dry_run: bool
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict:
        return {
            "dataset": self.dataset,
            "dry_run": self.dry_run,
            "rows": self.rows,
            "committed": self.committed,
            "accepted": list(self.accepted),
            "problems": [p.as_dict() for p in self.problems],
        }


class RowProblems(Exception):
    """Raised by a dataset's ``check`` or ``write`` with {column: message} for one row."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(problems)
        self.problems = problems


@dataclass(frozen=True)
class Dataset:
    """One kind of record that can be imported and exported.

    ``check(values, context)`` returns the cleaned values of a row or raises :class:`RowProblems`;
    ``write(cleaned, actor, context)`` stores them and returns a short label (reference, name);
    ``context`` is a dict the dataset fills once per file (lookups, references seen so far).
    ``forbidden`` are column names refused outright (users: passwords)."""

    name: str
    label: str | Promise
    columns: tuple[Column, ...]
    permission: str
    check: Callable
    write: Callable
    prepare: Callable = lambda actor: {}
    forbidden: Callable[[str], str | None] = lambda name: None
    after: Callable = lambda context: None

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def file_message(error: tabular.TableError) -> str:
    """Why a file cannot be read, in the reader's language."""
    messages = {
        "empty": _("The file is empty."),
        "no_header": _("The first row must name the columns (download the template)."),
        "not_utf8": _(
            "The file is not text in UTF-8 (byte %(position)s). Save it again as “CSV UTF-8”."
        ),
        "binary": _("This is not a CSV, XLSX or JSON file."),
        "not_xlsx": _(
            "This spreadsheet cannot be read. Save it as an Excel workbook (.xlsx) or as CSV UTF-8."
        ),
        "xlsx_too_big": _("This workbook unpacks to %(size)s MB; that is too large to read."),
        "csv": _("The CSV file cannot be read (line %(line)s: %(detail)s)."),
        "json": _("The JSON file cannot be read (line %(line)s: %(detail)s)."),
        "json_shape": _("The JSON file must hold a list of objects, one per row."),
        "json_item": _("Item %(row)s of the JSON list is not an object."),
        "too_many_rows": _("The file has %(count)s rows; at most %(max)s are imported at once."),
        "too_many_columns": _("The file has %(count)s columns; the template has far fewer."),
    }
    return messages.get(error.code, messages["binary"]) % error.params


def _header_problems(dataset: Dataset, columns: list[str]) -> list[Problem]:
    problems = []
    known = set(dataset.column_names)
    seen: set[str] = set()
    for name in columns:
        refusal = dataset.forbidden(name.lower())
        if refusal:
            problems.append(Problem(1, name, refusal))
        elif name not in known:
            problems.append(
                Problem(
                    1, name, _("Unknown column; the template lists the columns this import reads.")
                )
            )
        elif name in seen:
            problems.append(Problem(1, name, _("This column appears twice.")))
        seen.add(name)
    for column in dataset.columns:
        if column.required and column.name not in seen:
            problems.append(Problem(1, column.name, _("This column is missing.")))
    return problems


def _oversized(values: dict) -> dict[str, str]:
    found = {}
    for name, value in values.items():
        length = (
            len(value) if isinstance(value, str) else len(str(value)) if value is not None else 0
        )
        if length > MAX_CELL_CHARS:
            found[name or "?"] = _(
                "This cell holds %(n)s characters; no field takes more than %(max)s."
            ) % {"n": f"{length:,}", "max": f"{MAX_CELL_CHARS:,}"}
    return found


def run_import(*, dataset: Dataset, actor, data: bytes, filename: str = "",
               dry_run: bool) -> Report:  # fmt: skip
    """Read ``data``, check every row and, unless ``dry_run``, write them all in one
    transaction. Raises ``PermissionDenied`` for someone who may not import the dataset and
    ``ValidationError`` for a file that cannot be read; row problems are in the report."""
    if actor is not None and not actor.has_perm(dataset.permission):
        raise PermissionDenied(_("You may not import %(what)s.") % {"what": dataset.label})
    try:
        table = tabular.read(data, filename=filename)
    except tabular.TableError as error:
        raise ValidationError(file_message(error)) from error
    report = Report(dataset=dataset.name, dry_run=dry_run, rows=len(table.rows))
    report.problems.extend(_header_problems(dataset, table.columns))
    if report.problems:
        return report
    with transaction.atomic():
        context = dataset.prepare(actor)
        for number, values in table.rows:
            problems = _oversized(values)
            if "" in values and "" not in problems:
                problems[""] = _("A value stands beyond the last named column.")
            if not problems:
                try:
                    cleaned = dataset.check(values, context)
                    with transaction.atomic():
                        report.accepted.append(dataset.write(cleaned, actor, context))
                except RowProblems as error:
                    problems = error.problems
                except ValidationError as error:
                    problems = _validation_problems(error)
                except PermissionDenied as error:
                    problems = {"": str(error) or _("You may not import this row.")}
            report.problems.extend(
                Problem(number, column, message) for column, message in problems.items()
            )
        if report.problems or dry_run:
            transaction.set_rollback(True)
        else:
            dataset.after(context)
            report.committed = True
    return report


def _validation_problems(error: ValidationError) -> dict[str, str]:
    if hasattr(error, "error_dict"):
        return {
            ("" if name == "__all__" else name): " ".join(str(m) for m in messages)
            for name, messages in error.message_dict.items()
        }
    return {"": " ".join(str(m) for m in error.messages)}


def template(dataset: Dataset, fmt: str) -> bytes:
    """The empty template in ``fmt``: the header (CSV, XLSX with a "fields" sheet explaining each
    column) or, in JSON, one object with every field empty."""
    notes = [[str(_("column")), str(_("required")), str(_("what it accepts")), str(_("example"))]]
    notes += [
        [c.name, str(_("yes") if c.required else _("no")), c.accepts, c.example]
        for c in dataset.columns
    ]
    rows = [dict.fromkeys(dataset.column_names, "")] if fmt == "json" else []
    return tabular.write(fmt, dataset.column_names, rows, sheet=dataset.name, notes=notes)


def export(dataset: Dataset, fmt: str, rows: Iterable[dict], columns: list[str]) -> bytes:
    return tabular.write(fmt, columns, list(rows), sheet=dataset.name)


# ------------------------------------------------------------------ cell readers
# Shared by the datasets: each returns a clean value or raises RowProblems for its column.


def text(values: dict, name: str, *, required: bool = False, max_length: int | None = None) -> str:
    value = values.get(name)
    if value is None:
        value = ""
    elif isinstance(value, bool) or not isinstance(value, str | int | float):
        raise RowProblems({name: _("Expected text here.")})
    value = str(value).strip()
    if required and not value:
        raise RowProblems({name: _("This value is missing.")})
    if max_length and len(value) > max_length:
        raise RowProblems(
            {
                name: _("At most %(max)s characters; this has %(n)s.")
                % {"max": max_length, "n": len(value)}
            }
        )
    if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in value):
        raise RowProblems({name: _("This value contains control characters.")})
    return value


def choice(
    values: dict,
    name: str,
    choices,
    *,
    required: bool = False,
    message: str | None = None,
    empty_code: bool = False,
) -> str:
    """A code of ``choices`` given as the code or its label (English), any case; "" for an
    empty cell. ``message`` refuses an unknown word (with ``%(value)s``; default: "not one of
    the values the template lists"). ``empty_code``: whether the label of a choice whose code
    is empty (e.g. "Not applicable", "Not a member") may be written and reads as "" — off, such
    a label is refused like any unknown word, so a cell that names something always yields a
    real code."""
    raw = text(values, name, required=required)
    if not raw:
        return ""
    wanted = raw.casefold()
    for code, label in choices:
        if (code or empty_code) and wanted in (str(code).casefold(), str(label).casefold()):
            return code
    if message is None:
        message = _("“%(value)s” is not one of the values the template lists.")
    raise RowProblems({name: message % {"value": raw}})


def items(values: dict, name: str) -> list[str]:
    """A list cell: a JSON list, or text separated by semicolons (or commas)."""
    value = values.get(name)
    if value in (None, ""):
        return []
    if isinstance(value, list):
        if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in value):
            raise RowProblems({name: _("Expected a list of words.")})
        parts = [str(v) for v in value]
    elif isinstance(value, str):
        separator = tabular.LIST_SEPARATOR if tabular.LIST_SEPARATOR in value else ","
        parts = value.split(separator)
    else:
        raise RowProblems({name: _("Expected a list of words.")})
    return [p.strip() for p in parts if p.strip()]


def yes_no(values: dict, name: str) -> bool:
    value = values.get(name)
    if value in (None, ""):
        return False
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in ("yes", "true", "1", "y"):
        return True
    if word in ("no", "false", "0", "n"):
        return False
    raise RowProblems({name: _("Write yes or no.")})


def date(values: dict, name: str) -> dt.date | None:
    raw = text(values, name)
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError as error:
        raise RowProblems(
            {name: _("Write the date as YYYY-MM-DD; “%(value)s” is not one.") % {"value": raw}}
        ) from error


def organisation(values: dict, context: dict, *, required: bool = False):
    """The organisation a row names in its ``organisation`` column, by slug, name or name in its
    own language (looked up once per file through ``context["organisations"]``); ``None`` for an
    empty optional cell; a row problem when no organisation has that name."""
    from django.db.models import Q

    from lintas.core.models import Organisation

    raw = text(values, "organisation", required=required)
    if not raw:
        return None
    key = raw.casefold()
    known = context.setdefault("organisations", {})
    if key not in known:
        known[key] = (
            Organisation.objects.filter(slug=raw).first()
            or Organisation.objects.filter(Q(name__iexact=raw) | Q(name_local__iexact=raw))
            .order_by("id")
            .first()
        )
    if known[key] is None:
        raise RowProblems(
            {
                "organisation": _("No organisation “%(value)s” on Lintas; import it first.")
                % {"value": raw}
            }
        )
    return known[key]


def country_code(raw: str) -> str | None:
    """A country given as its two-letter code or its English name, as the code (None: unknown)."""
    from django_countries import countries

    return raw.upper() if raw.upper() in dict(countries) else countries.by_name(raw) or None
