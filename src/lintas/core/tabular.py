"""Tables in and out: CSV, XLSX and JSON read into rows, and written back safely.

Django-free, so the command line, the pages and the API share one reader and one writer, and the
domain modules that import catalogues (``lintas.core.domain.transfer`` and the datasets built on
it) only ever see rows of plain values with the row number a person sees in a spreadsheet.

Why a reader of our own around the standard ``csv``, ``json`` and openpyxl: an uploaded file is
hostile until read. The size is bounded before parsing; an XLSX file (a ZIP archive) is refused
when it would unpack to more than :data:`MAX_UNPACKED_BYTES`, before openpyxl opens it (a "zip
bomb" otherwise fills the memory), and openpyxl reads its XML through defusedxml (no entity
expansion). A file that cannot be read raises :class:`TableError` with a code the domain turns
into a message in the reader's language; nothing is half-read.

Writing: spreadsheet programs run a CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula ("CSV injection": a profile title ``=HYPERLINK(...)`` would become a live link in a
broker's Excel). :func:`write` prefixes such cells with an apostrophe in CSV, which spreadsheets
read as "this is text", and :func:`read` removes exactly that apostrophe again, so an export
imports back unchanged. XLSX cells are written as typed text cells, which are never formulas.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass, field

import filetype

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
# First characters a spreadsheet takes as the start of a formula (OWASP's list: the four signs,
# plus tab and carriage return, which some programs skip before looking for one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_ROWS = 10_000
MAX_COLUMNS = 60
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
LIST_SEPARATOR = ";"


class TableError(Exception):
    """The file as a whole cannot be read. ``code`` names why; ``params`` fill the message."""

    def __init__(self, code: str, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass
class Table:
    """What a file holds: its column names (as written, stripped) and its data rows, each with
    the number of its row in the file (spreadsheets count the header as row 1; JSON counts the
    objects of the list from 1)."""

    format: str
    columns: list[str]
    rows: list[tuple[int, dict]] = field(default_factory=list)


def detect_format(data: bytes, filename: str = "") -> str:
    """The format the bytes prove: an XLSX file is a ZIP archive, JSON starts with ``[`` or
    ``{``; anything else is read as CSV (and refused there if it is not text)."""
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    known = filetype.guess(data[:262])
    if b"\x00" in data[:8192] or (known is not None and known.extension != "zip"):
        raise TableError("binary")  # an image, a PDF, an old .xls, ...
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"[", b"{"):
        return "json"
    if filename.lower().endswith((".xls", ".xlsx", ".ods")):
        raise TableError("not_xlsx")
    return "csv"


def read(data: bytes, *, filename: str = "", max_rows: int = MAX_ROWS) -> Table:
    """Read ``data`` into a :class:`Table`; raise :class:`TableError` when the file cannot be
    read as CSV, XLSX or JSON. Rows whose cells are all empty are skipped."""
    if not data.strip():
        raise TableError("empty")
    fmt = detect_format(data, filename)
    table = {"csv": _read_csv, "xlsx": _read_xlsx, "json": _read_json}[fmt](data)
    if not table.columns:
        raise TableError("no_header")
    if len(table.columns) > MAX_COLUMNS:
        raise TableError("too_many_columns", count=len(table.columns), max=MAX_COLUMNS)
    table.rows = [(number, row) for number, row in table.rows if not _blank(row)]
    if len(table.rows) > max_rows:
        raise TableError("too_many_rows", count=len(table.rows), max=max_rows)
    return table


def _blank(row: dict) -> bool:
    return all(
        value is None or (isinstance(value, str) and not value.strip()) for value in row.values()
    )


def unescape(value):
    """Undo :func:`escape`: an apostrophe before a formula sign goes."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in FORMULA_STARTS:
        return value[1:]
    return value


def escape(value: str) -> str:
    """A text a spreadsheet will not run as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _read_csv(data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableError("not_utf8", position=error.start) from error
    if "\x00" in text:
        raise TableError("binary")
    first_line = text.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(first_line, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    # A cell may be as large as the file: the domain reports an oversized cell on its row and
    # column instead of the csv module refusing the whole file with a bare "field larger than
    # field limit".
    csv.field_size_limit(max(csv.field_size_limit(), len(data) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
        columns = [name.strip() for name in header]
        rows = []
        for values in reader:
            number = reader.line_num
            if len(values) > len(columns) and any(v.strip() for v in values[len(columns) :]):
                rows.append((number, {**_cells(columns, values), "": values[len(columns)]}))
                continue
            rows.append((number, _cells(columns, values)))
            if len(rows) > MAX_ROWS:
                break
    except csv.Error as error:
        raise TableError("csv", line=reader.line_num, detail=str(error)) from error
    return Table("csv", columns, rows)


def _cells(columns: list[str], values: list[str]) -> dict:
    return {name: unescape(values[i]) if i < len(values) else "" for i, name in enumerate(columns)}


def _read_xlsx(data: bytes) -> Table:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise TableError("not_xlsx") from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise TableError("xlsx_too_big", size=unpacked // (1024 * 1024))
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file  # noqa: BLE001
        raise TableError("not_xlsx") from error
    try:
        sheet = book.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = next(lines, None) or ()
        columns = ["" if v is None else str(v).strip() for v in header]
        while columns and not columns[-1]:
            columns.pop()
        rows = []
        for number, values in enumerate(lines, start=2):
            cells = {}
            for i, name in enumerate(columns):
                value = values[i] if i < len(values) else None
                cells[name] = unescape(_xlsx_value(value))
            extra = [v for v in values[len(columns) :] if v not in (None, "")]
            if extra:
                cells[""] = _xlsx_value(extra[0])
            rows.append((number, cells))
            if len(rows) > MAX_ROWS:
                break
    except Exception as error:  # noqa: BLE001 - a sheet that breaks while read is unreadable
        raise TableError("not_xlsx") from error
    finally:
        book.close()
    return Table("xlsx", columns, rows)


def _xlsx_value(value):
    """Cells come typed; dates become ISO dates and whole floats integers (Excel stores 5 as
    5.0), everything else stays what it is for the domain to check."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _read_json(data: bytes) -> Table:
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise TableError("not_utf8", position=error.start) from error
    except json.JSONDecodeError as error:
        raise TableError("json", line=error.lineno, detail=error.msg) from error
    except RecursionError as error:
        raise TableError("json", line=1, detail="nested too deeply") from error
    if isinstance(parsed, dict):  # {"rows": [...]} or {"<dataset>": [...]}: one list inside
        lists = [v for v in parsed.values() if isinstance(v, list)]
        parsed = lists[0] if len(lists) == 1 else None
    if not isinstance(parsed, list):
        raise TableError("json_shape")
    columns: list[str] = []
    rows = []
    for number, item in enumerate(parsed, start=1):
        if not isinstance(item, dict):
            raise TableError("json_item", row=number)
        for name in item:
            if str(name).strip() not in columns:
                columns.append(str(name).strip())
        rows.append((number, {str(k).strip(): v for k, v in item.items()}))
        if len(rows) > MAX_ROWS:
            break
    for _number, row in rows:
        for name in columns:
            row.setdefault(name, None)
    return Table("json", columns, rows)


# ------------------------------------------------------------------ writing


def write(fmt: str, columns: list[str], rows: list[dict], *, sheet: str = "data",
          notes: list[list[str]] | None = None) -> bytes:  # fmt: skip
    """``rows`` (dicts over ``columns``; lists for list fields) as a file in ``fmt``.
    ``notes`` (rows of text) become a second sheet "fields" in XLSX; other formats ignore it."""
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")  # so spreadsheet programs read UTF-8 (Chinese, Thai) correctly
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_cell(row.get(name)) for name in columns])
        return buffer.getvalue().encode("utf-8")
    if fmt == "xlsx":
        return _write_xlsx(columns, rows, sheet=sheet, notes=notes or [])
    if fmt == "json":
        items = [{name: row.get(name) for name in columns} for row in rows]
        return json.dumps(items, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}")


def _flat(value) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return f"{LIST_SEPARATOR} ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    return str(value)


def _csv_cell(value):
    flat = _flat(value)
    return escape(flat) if isinstance(flat, str) else flat


def xlsx_cell(sheet, value):
    """One cell of a write-only XLSX sheet: numbers as numbers, everything else as text that is
    never a formula, whatever it starts with. Control characters, which the XLSX format cannot
    hold (openpyxl refuses them), are left out: a profile written through the API may contain
    them, and the export must still answer."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is not None and not isinstance(value, int | float):
        value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _write_xlsx(columns, rows, *, sheet: str, notes: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    data_sheet = book.create_sheet(title=sheet[:31])

    def text_row(target, values):
        target.append([xlsx_cell(target, _flat(value)) for value in values])

    text_row(data_sheet, columns)
    for row in rows:
        text_row(data_sheet, [row.get(name) for name in columns])
    if notes:
        notes_sheet = book.create_sheet(title="fields")
        for line in notes:
            text_row(notes_sheet, line)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
