"""Reach as tables (CSV and XLSX): one row per offer and target country, and one per country.
Rows are plain values; the first row of each table is the header."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from django_countries import countries as all_countries

from lintas.campaigns.domain.reach import MEASURES, Reach
from lintas.core import tabular


def _labels() -> list[str]:
    return [_("Views"), _("Interests"), _("Introductions"), _("Meetings"), _("Agreements")]


def offer_rows(r: Reach) -> list[list]:
    names = dict(all_countries)
    rows = [[_("Country"), _("Offer"), _("Title"), _("Organisation"), *_labels()]]
    for country, profile, counts in r.rows:
        rows.append(
            [
                str(names.get(country, country)),
                profile.ref,
                profile.title,
                profile.organisation.name,
                *[getattr(counts, m) for m in MEASURES],
            ]
        )
    return rows


def country_rows(r: Reach) -> list[list]:
    names = dict(all_countries)
    rows = [[_("Country"), _("Offers"), _("Country page views"), *_labels()]]
    per_country = {c: sum(1 for row in r.rows if row[0] == c) for c in r.countries}
    for country, counts in r.countries.items():
        rows.append(
            [
                str(names.get(country, country)),
                per_country.get(country, 0),
                r.page_views.get(country, 0),
                *[getattr(counts, m) for m in MEASURES],
            ]
        )
    rows.append(
        [
            _("Total"),
            len(r.rows),
            sum(r.page_views.values()),
            *[getattr(r.total, m) for m in MEASURES],
        ]
    )
    return rows


def as_csv(r: Reach) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # spreadsheet programs then read UTF-8 (Chinese, Lao) correctly
    writer = csv.writer(buffer)
    writer.writerows(offer_rows(r))
    return buffer.getvalue()


def as_xlsx(r: Reach) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, rows in ((_("Offers"), offer_rows(r)), (_("Countries"), country_rows(r))):
        sheet = book.create_sheet(title=str(title)[:31])
        for row in rows:
            sheet.append([tabular.xlsx_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
