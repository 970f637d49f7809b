"""Open-data and dashboard exports never hand a spreadsheet a formula (CSV injection)."""

import csv
import io

from openpyxl import load_workbook

from lintas.insights.exports import csv_response, xlsx_response


def test_csv_cells_that_start_like_formulas_are_defused():
    rows = [
        ["title", "n"],
        ['=HYPERLINK("http://evil.example","x")', 3],
        ["+cmd", -2],
        ["@sum", None],
    ]
    text = csv_response(rows, "t").content.decode("utf-8-sig")
    read = list(csv.reader(io.StringIO(text)))
    assert read[1] == ['\'=HYPERLINK("http://evil.example","x")', "3"]
    assert read[2] == ["'+cmd", "-2"]  # numbers stay numbers
    assert read[3] == ["'@sum", ""]


def test_xlsx_cells_are_text_not_formulas():
    rows = [["title", "n"], ["=1+1", 5]]
    book = load_workbook(io.BytesIO(xlsx_response({"data": rows}, "t").content))
    cell = book["data"]["A2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")
    assert book["data"]["B2"].value == 5
