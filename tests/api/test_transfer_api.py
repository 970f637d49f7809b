"""Import and export endpoints (docs/import-export.md)."""

import io
import json

import pytest
from django.core import mail
from django.test import TestCase, override_settings
from rest_framework.test import APIClient

from lintas.catalogue.models import ImportJob, Profile
from lintas.core.models import Organisation
from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory, UserFactory

GOOD = (
    "ref,kind,organisation,title,summary,sectors\n"
    "OF-API-1,offer,gxu,Rice dryer,A solar rice dryer.,agriculture\n"
)


@pytest.fixture
def site(db):
    SectorFactory(slug="agriculture")
    return OrganisationFactory(slug="gxu", name="Guangxi University")


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def upload(client, path, data: bytes, name="file.csv"):
    """POST the file; the job runs when the request's transaction commits (eager Celery)."""
    handle = io.BytesIO(data)
    handle.name = name
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(path, {"file": handle}, format="multipart")


def job_of(client, answer):
    assert answer.status_code == 202, answer.content
    assert answer["Location"].endswith(f"/api/v1/import-jobs/{answer.json()['id']}/")
    return client.get(answer["Location"]).json()


def test_check_reports_and_writes_nothing(site):
    client = api(UserFactory(role="broker"))
    job = job_of(client, upload(client, "/api/v1/imports/profiles/check/", GOOD.encode()))
    assert (job["status"], job["dry_run"]) == ("done", True)
    assert job["report"]["accepted"] == ["OF-API-1 Rice dryer"]
    assert job["report"]["committed"] is False
    assert job["commit_url"].endswith(f"/api/v1/import-jobs/{job['id']}/commit/")
    assert Profile.objects.count() == 0


def test_checked_file_commits_once(site):
    client = api(UserFactory(role="broker"))
    checked = job_of(client, upload(client, "/api/v1/imports/profiles/check/", GOOD.encode()))
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = client.post(checked["commit_url"])
    done = job_of(client, answer)
    assert (done["dry_run"], done["checked"], done["report"]["committed"]) == (
        False,
        checked["id"],
        True,
    )
    assert Profile.objects.get(ref="OF-API-1").status == "draft"
    again = client.post(checked["commit_url"])
    assert again.json()["id"] == done["id"]
    assert Profile.objects.count() == 1


def test_import_commits_all_rows(site):
    client = api(UserFactory(role="broker"))
    job = job_of(client, upload(client, "/api/v1/imports/profiles/", GOOD.encode()))
    assert job["report"]["committed"] is True
    assert Profile.objects.get(ref="OF-API-1").status == "draft"


def test_bad_rows_are_listed_and_nothing_is_written(site):
    bad = GOOD + "OF-API-1,offer,gxu,Twice,S,agriculture\nOF-API-3,offer,gxu,T,S,astrology\n"
    client = api(UserFactory(role="broker"))
    job = job_of(client, upload(client, "/api/v1/imports/profiles/", bad.encode()))
    problems = job["report"]["problems"]
    assert [(p["row"], p["column"]) for p in problems] == [(3, "ref"), (4, "sectors")]
    assert job["report"]["committed"] is False
    assert job["commit_url"] is None
    assert Profile.objects.count() == 0


def test_unreadable_file_fails_with_the_reason(site):
    client = api(UserFactory(role="broker"))
    job = job_of(client, upload(client, "/api/v1/imports/profiles/check/", b"\x00\x01binary"))
    assert job["status"] == "failed"
    assert "not a CSV, XLSX or JSON" in job["error"]


@override_settings(MAX_UPLOAD_BYTES=100)
def test_oversized_file_is_400(site):
    answer = upload(api(UserFactory(role="broker")), "/api/v1/imports/profiles/", GOOD.encode())
    assert answer.status_code == 400
    assert "MB are accepted" in json.dumps(answer.json())
    assert ImportJob.objects.count() == 0


def test_someone_elses_job_is_404(site):
    client = api(UserFactory(role="broker"))
    job = job_of(client, upload(client, "/api/v1/imports/profiles/check/", GOOD.encode()))
    other = api(UserFactory(role="broker"))
    assert other.get(f"/api/v1/import-jobs/{job['id']}/").status_code == 404
    assert other.post(f"/api/v1/import-jobs/{job['id']}/commit/").status_code == 404
    assert Profile.objects.count() == 0


@pytest.mark.parametrize("role", ["provider", "seeker", "officer"])
def test_non_brokers_are_refused(site, role):
    answer = upload(api(UserFactory(role=role)), "/api/v1/imports/profiles/", GOOD.encode())
    assert answer.status_code == 403
    assert Profile.objects.count() == 0
    assert ImportJob.objects.count() == 0


def test_anonymous_import_is_refused(site):
    answer = upload(
        api(), "/api/v1/imports/organisations/", b"name,type,country\nX,university,CN\n"
    )
    assert answer.status_code in (401, 403)
    assert not Organisation.objects.filter(name="X").exists()


def test_users_import_over_the_api_invites(site):
    client = api(UserFactory(role="broker"))
    job = job_of(
        client,
        upload(
            client,
            "/api/v1/imports/users/",
            b"username,email,role,organisation\nani,ani@example.org,seeker,gxu\n",
        ),
    )
    assert job["report"]["committed"] is True
    assert [m.to for m in mail.outbox] == [["ani@example.org"]]


def test_public_export_and_staff_export(site):
    ProfileFactory(ref="OF-PUB", status="published", organisation=site)
    ProfileFactory(ref="OF-DRAFT", organisation=site)
    public = api().get("/api/v1/exports/profiles/json/", HTTP_ACCEPT="application/json")
    assert public.status_code == 200
    assert [r["ref"] for r in json.loads(public.content)] == ["OF-PUB"]
    assert b"SECRET-PRICE-TERMS" not in public.content
    staff = api(UserFactory(role="broker")).get(
        "/api/v1/exports/profiles/csv/", HTTP_ACCEPT="text/csv"
    )
    assert staff.status_code == 200
    assert staff["Content-Type"] == "text/csv; charset=utf-8"
    text = staff.content.decode("utf-8-sig")
    assert "OF-DRAFT" in text and "SECRET-PRICE-TERMS" in text


def test_people_export_needs_a_broker(site):
    assert api().get("/api/v1/exports/users/csv/").status_code in (401, 403)
    assert api(UserFactory(role="seeker")).get("/api/v1/exports/users/csv/").status_code == 403
    assert api(UserFactory(role="broker")).get("/api/v1/exports/users/csv/").status_code == 200


def test_templates_and_unknown_names(db):
    answer = api().get("/api/v1/imports/organisations/template/xlsx/")
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/vnd.openxmlformats")
    assert api().get("/api/v1/imports/secrets/template/csv/").status_code == 404
    assert api().get("/api/v1/exports/profiles/exe/").status_code == 404


def test_xlsx_export_answers_when_a_profile_holds_a_control_character(site):
    # Found by the schema run's token pass: a profile written through the API with U+0011 in
    # its summary made the XLSX export answer 500 (the format cannot hold control characters).
    from openpyxl import load_workbook

    ProfileFactory(ref="OF-CTRL", status="published", organisation=site, summary="Solar\u0011 pump")
    answer = api(UserFactory(role="broker")).get("/api/v1/exports/profiles/xlsx/?kind=offer")
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content)).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    summary = rows[0].index("summary")
    assert [r[summary] for r in rows[1:] if "OF-CTRL" in r] == ["Solar pump"]
