"""`lintas import` and `lintas export` on real files (docs/import-export.md)."""

import json

import pytest
from django.core import mail
from django.core.management import call_command
from openpyxl import load_workbook

from lintas.catalogue.models import Profile
from lintas.core.models import Organisation, User
from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory, UserFactory


@pytest.fixture
def site(db):
    SectorFactory(slug="agriculture", names={"en": "Modern agriculture"})
    OrganisationFactory(slug="gxu", name="Guangxi University")
    return UserFactory(username="root", role="admin", organisation=None, is_superuser=True)


GOOD = (
    "ref,kind,organisation,title,summary,sectors\n"
    "OF-CLI-1,offer,gxu,Rice dryer,A solar rice dryer.,agriculture\n"
    "ND-CLI-1,need,gxu,Cold chain,We need cold storage.,agriculture\n"
)


def run(*args):
    with pytest.raises(SystemExit) as caught:
        call_command(*args)
    return caught.value.code


def test_import_profiles_writes_every_row(site, tmp_path, capsys):
    path = tmp_path / "profiles.csv"
    path.write_text(GOOD)
    call_command("import", "profiles", str(path))
    assert sorted(Profile.objects.values_list("ref", "status")) == [
        ("ND-CLI-1", "draft"),
        ("OF-CLI-1", "draft"),
    ]
    assert "imported 2 profiles" in capsys.readouterr().out
    assert Profile.objects.get(ref="OF-CLI-1").created_by == site


def test_import_dry_run_writes_nothing(site, tmp_path, capsys):
    path = tmp_path / "profiles.csv"
    path.write_text(GOOD)
    call_command("import", "profiles", str(path), "--dry-run")
    assert Profile.objects.count() == 0
    assert "dry run: 2 profiles would be imported" in capsys.readouterr().out


def test_import_bad_row_exits_2_with_row_and_column_and_writes_nothing(site, tmp_path, capsys):
    path = tmp_path / "profiles.csv"
    path.write_text(GOOD + "OF-CLI-2,offer,gxu,,No title.,agriculture\n")
    assert run("import", "profiles", str(path)) == 2
    err = capsys.readouterr().err
    assert "row 4, column title: This value is missing." in err
    assert "nothing was imported" in err
    assert Profile.objects.count() == 0


def test_import_unreadable_file_exits_2(site, tmp_path, capsys):
    path = tmp_path / "profiles.xlsx"
    path.write_bytes(b"PK\x03\x04not really a workbook")
    assert run("import", "profiles", str(path)) == 2
    assert "spreadsheet cannot be read" in capsys.readouterr().err


def test_import_as_someone_who_may_not_exits_2(site, tmp_path, capsys):
    UserFactory(username="prov", role="provider")
    path = tmp_path / "profiles.csv"
    path.write_text(GOOD)
    assert run("import", "profiles", str(path), "--as", "prov") == 2
    assert Profile.objects.count() == 0


def test_import_organisations_then_users_with_invitations(
    site, tmp_path, django_capture_on_commit_callbacks
):
    orgs = tmp_path / "orgs.json"
    orgs.write_text(
        json.dumps(
            [{"name": "PT Tani Makmur", "type": "enterprise", "size": "small", "country": "ID"}]
        )
    )
    call_command("import", "organisations", str(orgs))
    org = Organisation.objects.get(name="PT Tani Makmur")
    people = tmp_path / "people.csv"
    people.write_text(
        f"username,email,role,organisation,organisation_admin,language\n"
        f"sari,sari@example.org,seeker,{org.slug},yes,id\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import", "users", str(people))
    sari = User.objects.get(username="sari")
    assert (sari.organisation, sari.is_organisation_admin, sari.language) == (org, True, "id")
    assert [m.to for m in mail.outbox] == [["sari@example.org"]]


def test_export_profiles_each_format(site, tmp_path):
    ProfileFactory(
        ref="OF-E1", status="published", organisation=Organisation.objects.get(slug="gxu")
    )
    ProfileFactory(ref="OF-E2", status="draft")
    for fmt in ("csv", "xlsx", "json"):
        call_command("export", "profiles", str(tmp_path / f"out.{fmt}"))
    rows = json.loads((tmp_path / "out.json").read_text())
    assert sorted(r["ref"] for r in rows) == ["OF-E1", "OF-E2"]
    assert "confidential_details" in rows[0]
    assert "OF-E2" in (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    book = load_workbook(tmp_path / "out.xlsx")
    assert book.active["A1"].value == "ref"
    assert (tmp_path / "out.json").stat().st_mode & 0o777 == 0o600


def test_export_public_has_published_without_confidential(site, tmp_path):
    ProfileFactory(ref="OF-E1", status="published")
    ProfileFactory(ref="OF-E2", status="draft")
    call_command("export", "profiles", str(tmp_path / "public.json"), "--public")
    text = (tmp_path / "public.json").read_text()
    assert [r["ref"] for r in json.loads(text)] == ["OF-E1"]
    assert "SECRET-PRICE-TERMS" not in text


def test_export_then_import_round_trip(site, tmp_path):
    gxu = Organisation.objects.get(slug="gxu")
    sector = SectorFactory(slug="agriculture")
    ProfileFactory(ref="OF-R1", organisation=gxu, sectors=[sector], trl=3, keywords=["a", "b"])
    call_command("export", "profiles", str(tmp_path / "all.xlsx"))
    Profile.objects.all().delete()
    call_command("import", "profiles", str(tmp_path / "all.xlsx"))
    profile = Profile.objects.get(ref="OF-R1")
    assert (profile.trl, profile.keywords, profile.confidential_details) == (
        3,
        ["a", "b"],
        "SECRET-PRICE-TERMS",
    )
