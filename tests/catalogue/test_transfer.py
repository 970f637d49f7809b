"""Offers and needs from CSV, XLSX and JSON files, and back out (lintas.catalogue.domain.transfer)."""

import csv
import datetime as dt
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from openpyxl import Workbook, load_workbook

from lintas.catalogue.domain import transfer as profiles
from lintas.catalogue.models import Profile
from lintas.core.domain.transfer import MAX_CELL_CHARS, run_import
from lintas.core.models import AuditEntry
from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory, UserFactory

HEADER = "ref,kind,organisation,title,summary,sectors,trl,target_countries,content_language,status"


def csv_file(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def xlsx_file(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def world(db):
    SectorFactory(slug="agriculture", names={"en": "Modern agriculture", "zh-hans": "现代农业"})
    SectorFactory(slug="new-energy", names={"en": "New energy"})
    org = OrganisationFactory(slug="gxu", name="Guangxi University", name_local="广西大学")
    broker = UserFactory(username="broker", role="broker")
    return org, broker


def imported(data, broker, *, dry_run=False, filename=""):
    return run_import(
        dataset=profiles.PROFILES, actor=broker, data=data, filename=filename, dry_run=dry_run
    )


def test_import_csv_creates_drafts_and_submitted_profiles(world):
    org, broker = world
    report = imported(
        csv_file(
            "OF-IMP-1,offer,gxu,Drought-tolerant rice,A rice that needs little water.,"
            "agriculture,6,ID; TH,en,submitted",
            ",need,Guangxi University,Solar pumps wanted,We look for solar irrigation pumps.,"
            "New energy;agriculture,,Indonesia,,",
        ),
        broker,
    )
    assert report.problems == []
    assert report.committed is True
    offer = Profile.objects.get(ref="OF-IMP-1")
    assert (offer.kind, offer.status, offer.trl, offer.organisation) == (
        "offer",
        "submitted",
        6,
        org,
    )
    assert offer.target_countries == ["ID", "TH"]
    assert offer.created_by == broker
    need = Profile.objects.get(kind="need")
    assert need.status == "draft"
    assert need.ref.startswith("ND-")
    assert sorted(s.slug for s in need.sectors.all()) == ["agriculture", "new-energy"]
    assert need.target_countries == ["ID"]
    assert AuditEntry.objects.filter(object_id=offer.pk, action="create").exists()


def test_import_never_publishes_a_row_exported_as_published(world):
    _org, broker = world
    imported(
        csv_file("OF-IMP-2,offer,gxu,Seed dryer,A dryer for seed.,agriculture,,,,published"),
        broker,
    )
    assert Profile.objects.get(ref="OF-IMP-2").status == "submitted"
    assert Profile.objects.get(ref="OF-IMP-2").published_at is None


def test_import_keeps_declared_language_and_identifies_the_others(world):
    _org, broker = world
    imported(
        csv_file(
            "OF-ZH,offer,gxu,抗旱水稻新品种,一种需水量少的水稻品种，适合东南亚种植。,agriculture,,,zh,",
            "OF-ID,offer,gxu,Pengering benih tenaga surya,Alat pengering benih padi dengan "
            "tenaga surya untuk petani kecil di desa.,agriculture,,,,",
        ),
        broker,
    )
    chinese = Profile.objects.get(ref="OF-ZH")
    assert (chinese.content_language, chinese.content_language_declared) == ("zh", True)
    indonesian = Profile.objects.get(ref="OF-ID")
    assert (indonesian.content_language, indonesian.content_language_declared) == ("id", False)


def test_dry_run_lists_every_problem_by_row_and_column_and_writes_nothing(world):
    _org, broker = world
    ProfileFactory(ref="OF-TAKEN")
    before = Profile.objects.count()
    report = imported(
        csv_file(
            "OF-A,offer,gxu,Fine row,A fine summary.,agriculture,5,ID,,",
            "OF-B,offer,gxu,Bad country,Summary.,agriculture,5,Atlantis,,",
            "OF-C,offer,gxu,Bad TRL,Summary.,agriculture,11,,,",
            "OF-D,offer,gxu,,Missing title.,agriculture,,,,",
            "OF-E,offer,gxu,Bad sector,Summary.,astrology,,,,",
            "OF-TAKEN,offer,gxu,Taken ref,Summary.,agriculture,,,,",
            "OF-A,need,gxu,Twice,Summary.,agriculture,,,,",
            "OF-F,gadget,nowhere,Bad kind and org,Summary.,agriculture,,,,",
        ),
        broker,
        dry_run=True,
    )
    found = {(p.row, p.column) for p in report.problems}
    assert found == {
        (3, "target_countries"),
        (4, "trl"),
        (5, "title"),
        (6, "sectors"),
        (7, "ref"),
        (8, "ref"),
        (9, "kind"),
        (9, "organisation"),
    }
    messages = {(p.row, p.column): p.message for p in report.problems}
    assert "Atlantis" in messages[(3, "target_countries")]
    assert "11" in messages[(4, "trl")]
    assert "astrology" in messages[(6, "sectors")]
    assert report.accepted == ["OF-A Fine row"]
    assert report.committed is False
    assert Profile.objects.count() == before


def test_one_bad_row_means_nothing_is_written(world):
    _org, broker = world
    report = imported(
        csv_file(
            "OF-OK1,offer,gxu,Good one,Summary.,agriculture,,,,",
            "OF-OK2,offer,gxu,Bad one,Summary.,agriculture,0,,,",
        ),
        broker,
    )
    assert [(p.row, p.column) for p in report.problems] == [(3, "trl")]
    assert not Profile.objects.filter(ref__in=["OF-OK1", "OF-OK2"]).exists()


def test_dry_run_meets_what_the_model_refuses(world):
    """The dry run writes and rolls back, so it finds what only the database would refuse."""
    _org, broker = world
    report = imported(
        csv_file(
            "OF-M1,offer,gxu,Title,Summary.,agriculture,,,,",
            header="ref,kind,organisation,title,summary,sectors,keywords,target_countries,"
            "content_language,status",
        ),
        broker,
        dry_run=True,
    )
    assert report.ok
    assert report.accepted == ["OF-M1 Title"]
    assert not Profile.objects.filter(ref="OF-M1").exists()


def test_huge_cell_is_refused_on_its_row_and_column(world):
    _org, broker = world
    huge = "x" * (10 * 1024 * 1024)
    report = imported(csv_file(f"OF-H,offer,gxu,Title,{huge},agriculture,,,,"), broker)
    assert [(p.row, p.column) for p in report.problems] == [(2, "summary")]
    assert f"{MAX_CELL_CHARS:,}" in report.problems[0].message
    assert not Profile.objects.filter(ref="OF-H").exists()


def test_unknown_and_missing_columns_are_problems_of_the_header(world):
    _org, broker = world
    report = imported(b"ref,kind,titel,summary\nOF-1,offer,T,S\n", broker)
    assert {(p.row, p.column) for p in report.problems} == {
        (1, "titel"),
        (1, "title"),
        (1, "organisation"),
        (1, "sectors"),
    }


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not a CSV, XLSX or JSON"),
        (b"PK\x03\x04garbage that is no zip", "cannot be read"),
        ("title,summary\nNi\u00f1o,x\n".encode("latin-1"), "UTF-8"),
        (b'[{"title": "x",}]', "JSON file cannot be read"),
        (b'{"a": 1}', "list of objects"),
        (b"   ", "empty"),
    ],
)
def test_unreadable_files_get_one_clear_message(world, data, words):
    _org, broker = world
    with pytest.raises(ValidationError) as caught:
        imported(data, broker)
    assert words in " ".join(caught.value.messages)


def test_wrong_types_in_json_are_row_problems(world):
    _org, broker = world
    rows = [
        {
            "kind": "offer",
            "organisation": "gxu",
            "title": {"nested": "object"},
            "summary": "S",
            "sectors": ["agriculture"],
            "trl": True,
        },
        {
            "kind": "offer",
            "organisation": "gxu",
            "title": "T",
            "summary": "S",
            "sectors": [["agriculture"]],
            "trl": 4.5,
        },
    ]
    report = imported(json.dumps(rows).encode(), broker)
    assert {(p.row, p.column) for p in report.problems} == {
        (1, "title"),
        (1, "trl"),
        (2, "sectors"),
        (2, "trl"),
    }
    assert Profile.objects.count() == 0


def test_import_xlsx_with_typed_cells(world):
    _org, broker = world
    data = xlsx_file(
        [
            ["ref", "kind", "organisation", "title", "summary", "sectors", "trl", "expires_on"],
            [
                "OF-X1",
                "Technology offer",
                "广西大学",
                "Rice",
                "Summary.",
                "Modern agriculture",
                7.0,
                None,
            ],
        ]
    )
    report = imported(data, broker)
    assert report.problems == []
    profile = Profile.objects.get(ref="OF-X1")
    assert (profile.kind, profile.trl, profile.organisation.slug) == ("offer", 7, "gxu")


def test_only_brokers_import(world):
    provider = UserFactory(role="provider")
    with pytest.raises(PermissionDenied):
        imported(csv_file("OF-P,offer,gxu,T,S,agriculture,,,,"), provider)
    assert not Profile.objects.filter(ref="OF-P").exists()


def test_administrator_without_organisation_imports(world):
    admin = UserFactory(role="admin", organisation=None, is_superuser=True)
    report = imported(csv_file("OF-ADM,offer,gxu,T,S,agriculture,,,,"), admin)
    assert report.committed
    assert Profile.objects.get(ref="OF-ADM").organisation.slug == "gxu"


# ------------------------------------------------------------------ export


@pytest.fixture
def catalogue(world):
    org, broker = world
    agriculture = SectorFactory(slug="agriculture")
    published = ProfileFactory(
        ref="OF-PUB",
        organisation=org,
        status="published",
        title='=HYPERLINK("http://evil.example","click")',
        summary="+cmd|' /C calc'!A0",
        keywords=["rice", "@sum"],
        trl=5,
        target_countries=["ID", "VN"],
        cooperation_modes=["licence"],
        sectors=[agriculture],
        expires_on=dt.date(2031, 1, 31),
    )
    draft = ProfileFactory(
        ref="ND-DRAFT",
        kind="need",
        organisation=org,
        sectors=[agriculture],
        content_language="zh",
        content_language_declared=True,
        title="需要太阳能水泵",
        expires_on=dt.date(2030, 6, 30),
    )
    return published, draft, broker


def test_public_export_has_published_profiles_without_confidential_fields(catalogue):
    from django.contrib.auth.models import AnonymousUser

    data = profiles.export(user=AnonymousUser(), fmt="json")
    rows = json.loads(data)
    assert [row["ref"] for row in rows] == ["OF-PUB"]
    assert "confidential_details" not in rows[0]
    assert "contact_email" not in rows[0]
    assert b"SECRET-PRICE-TERMS" not in data
    assert b"secret.contact@example.org" not in data


def test_staff_export_has_every_profile_and_field(catalogue):
    _published, _draft, broker = catalogue
    rows = json.loads(profiles.export(user=broker, fmt="json"))
    assert sorted(row["ref"] for row in rows) == ["ND-DRAFT", "OF-PUB"]
    assert {row["confidential_details"] for row in rows} == {"SECRET-PRICE-TERMS"}
    assert list(rows[0]) == profiles.COLUMN_NAMES


def test_csv_export_defuses_formulas(catalogue):
    _published, _draft, broker = catalogue
    text = profiles.export(user=broker, fmt="csv").decode("utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["ref"] == "OF-PUB")
    assert row["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["summary"] == "'+cmd|' /C calc'!A0"
    assert row["keywords"] == "rice; @sum"  # the cell starts with "r": nothing to defuse
    assert row["contact_phone"] == "'+86 771 0000 0000"
    for cells in csv.reader(io.StringIO(text)):
        for cell in cells:
            assert not cell.startswith(("=", "+", "-", "@")), cell


def test_xlsx_export_writes_text_cells_never_formulas(catalogue):
    _published, _draft, broker = catalogue
    book = load_workbook(io.BytesIO(profiles.export(user=broker, fmt="xlsx")))
    cells = [cell for row in book.active.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    titles = [c.value for c in cells if str(c.value).startswith("=HYPERLINK")]
    assert titles == ['=HYPERLINK("http://evil.example","click")']


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_imports_back_unchanged(catalogue, fmt):
    _published, _draft, broker = catalogue
    exported = profiles.export(user=broker, fmt=fmt)
    before = json.loads(profiles.export(user=broker, fmt="json"))
    Profile.objects.all().delete()
    report = imported(exported, broker, filename=f"x.{fmt}")
    assert report.problems == []
    after = json.loads(profiles.export(user=broker, fmt="json"))
    for (
        row
    ) in before:  # imports are never published: an exported published row comes back submitted
        row["status"] = {"published": "submitted"}.get(row["status"], row["status"])
    assert after == before


class ExportQueryCount(TestCase):
    def test_export_query_count_does_not_grow_with_profiles(self):
        org = OrganisationFactory()
        sector = SectorFactory(slug="agri")
        broker = UserFactory(role="broker")
        counts = []
        for n in (1, 3):
            for _ in range(n):
                ProfileFactory(organisation=org, status="published", sectors=[sector])
            with self.assertNumQueries(2 if not counts else counts[0]) as context:
                profiles.export(user=broker, fmt="csv")
            counts.append(len(context.captured_queries))
        assert counts[0] == counts[1]


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, replace.get(item.filename, source.read(item.filename)))
        for name, content in replace.items():
            if name not in source.namelist():
                target.writestr(name, content)
    return out.getvalue()


def test_xlsx_that_unpacks_huge_is_refused_before_opening(world):
    _org, broker = world
    valid = xlsx_file([["title"], ["x"]])
    bomb = _rezip(valid, {"xl/padding.bin": b"\0" * (101 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024  # a small upload...
    with pytest.raises(ValidationError) as caught:
        imported(bomb, broker)
    assert "too large to read" in " ".join(caught.value.messages)  # ...refused unread


def test_xlsx_with_xml_entities_is_refused(world):
    _org, broker = world
    valid = xlsx_file([["title"], ["x"]])
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    hostile = _rezip(valid, {"xl/worksheets/sheet1.xml": laughs})
    with pytest.raises(ValidationError) as caught:
        imported(hostile, broker)
    assert "spreadsheet cannot be read" in " ".join(caught.value.messages)
    assert Profile.objects.count() == 0


def test_profile_choices_read_by_the_core_reader_with_the_catalogues_own_words(world):
    _org, broker = world
    report = imported(
        csv_file(
            "OF-IMP-9,offer,gxu,Rice,A rice.,agriculture,6,ID,Klingon,draft,granted patent,"
            "licence; barter",
            header=HEADER + ",ipr_status,cooperation_modes",
        ),
        broker,
        dry_run=True,
    )
    assert {p.column: p.message for p in report.problems} == {
        "content_language": "“Klingon” is not a content language of Lintas.",
        "cooperation_modes": "“barter” is not a cooperation mode of the template.",
    }
    ok = imported(
        csv_file(
            "OF-IMP-9,offer,gxu,Rice,A rice.,agriculture,6,ID,EN,draft,Granted patent,LICENCE",
            header=HEADER + ",ipr_status,cooperation_modes",
        ),
        broker,
    )
    assert ok.problems == []
    rice = Profile.objects.get(ref="OF-IMP-9")
    assert (rice.content_language, rice.ipr_status, rice.cooperation_modes) == (
        "en", "granted_patent", ["licence"],
    )  # fmt: skip
