"""Import and export endpoints (docs/import-export.md)."""

import io
import json

import pytest
from django.core import mail
from rest_framework.test import APIClient

from lintas.catalogue.models import Profile
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
    handle = io.BytesIO(data)
    handle.name = name
    return client.post(path, {"file": handle}, format="multipart")


def test_check_reports_and_writes_nothing(site):
    answer = upload(
        api(UserFactory(role="broker")), "/api/v1/imports/profiles/check/", GOOD.encode()
    )
    assert answer.status_code == 200
    assert answer.json()["accepted"] == ["OF-API-1 Rice dryer"]
    assert answer.json()["dry_run"] is True
    assert answer.json()["committed"] is False
    assert Profile.objects.count() == 0


def test_import_commits_all_rows(site):
    answer = upload(api(UserFactory(role="broker")), "/api/v1/imports/profiles/", GOOD.encode())
    assert answer.status_code == 201
    assert answer.json()["committed"] is True
    assert Profile.objects.get(ref="OF-API-1").status == "draft"


def test_bad_rows_are_400_with_every_problem_and_nothing_written(site):
    bad = GOOD + "OF-API-2,offer,gxu,Bad,S,agriculture\nOF-API-3,offer,gxu,T,S,astrology\n"
    bad = bad.replace(
        "OF-API-2,offer,gxu,Bad,S,agriculture", "OF-API-1,offer,gxu,Twice,S,agriculture"
    )
    answer = upload(api(UserFactory(role="broker")), "/api/v1/imports/profiles/", bad.encode())
    assert answer.status_code == 400
    body = answer.json()
    assert [(p["row"], p["column"]) for p in body["problems"]] == [(3, "ref"), (4, "sectors")]
    assert "2 problems found" in body["detail"]
    assert Profile.objects.count() == 0


def test_unreadable_file_is_400_on_the_file_field(site):
    answer = upload(
        api(UserFactory(role="broker")), "/api/v1/imports/profiles/check/", b"\x00\x01\x02binary"
    )
    assert answer.status_code == 400
    assert "not a CSV, XLSX or JSON" in json.dumps(answer.json(), ensure_ascii=False)


@pytest.mark.parametrize("role", ["provider", "seeker", "officer"])
def test_non_brokers_are_refused(site, role):
    answer = upload(api(UserFactory(role=role)), "/api/v1/imports/profiles/", GOOD.encode())
    assert answer.status_code == 403
    assert Profile.objects.count() == 0


def test_anonymous_import_is_refused(site):
    answer = upload(
        api(), "/api/v1/imports/organisations/", b"name,type,country\nX,university,CN\n"
    )
    assert answer.status_code in (401, 403)
    assert not Organisation.objects.filter(name="X").exists()


def test_users_import_over_the_api_invites(site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer = upload(
            api(UserFactory(role="broker")),
            "/api/v1/imports/users/",
            b"username,email,role,organisation\nani,ani@example.org,seeker,gxu\n",
        )
    assert answer.status_code == 201
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
