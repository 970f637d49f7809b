"""Tables as CSV and XLSX. Rows are lists of plain values; the first row is the header.

Cells hold text people typed (profile titles, event names), so a CSV cell a spreadsheet would
run as a formula gets a leading apostrophe and XLSX cells are written as text cells, never
formulas (``lintas.core.tabular``, the same rule as the catalogue's exports).
"""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse

from lintas.core import tabular


def csv_response(rows: list[list], filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8 (Chinese, Thai) correctly
    writer = csv.writer(response)
    for row in rows:
        writer.writerow(
            ["" if v is None else tabular.escape(v) if isinstance(v, str) else v for v in row]
        )
    return response


def xlsx_response(sheets: dict[str, list[list]], filename: str) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title=title[:31])
        for row in rows:
            sheet.append([tabular.xlsx_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
