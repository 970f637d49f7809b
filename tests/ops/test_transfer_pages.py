"""The import and export page (/data/): upload, dry-run preview, commit, downloads."""

import io
import json

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.test import Client, TestCase
from django.test.utils import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from lintas.catalogue.models import ImportJob, Profile
from lintas.catalogue.tasks import run_import_job
from lintas.core.models import User
from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory, UserFactory

GOOD = (
    "ref,kind,organisation,title,summary,sectors,trl\n"
    "OF-PG-1,offer,gxu,Rice dryer,A solar rice dryer.,agriculture,6\n"
    "ND-PG-1,need,gxu,Cold chain,We need cold storage.,agriculture,\n"
)


@pytest.fixture
def site(db):
    SectorFactory(slug="agriculture", names={"en": "Modern agriculture"})
    gxu = OrganisationFactory(slug="gxu", name="Guangxi University")
    return gxu


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def upload(client, data: bytes, name="profiles.csv", dataset="profiles"):
    """Upload and follow to the job's page; the job runs when the upload's transaction commits
    (eager Celery), as it would on a site without a worker."""
    handle = io.BytesIO(data)
    handle.name = name
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = client.post(reverse("ops:import"), {"dataset": dataset, "file": handle})
    return client.get(answer["Location"]) if answer.status_code == 302 else answer


def commit(client, job):
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = client.post(reverse("ops:import_commit", args=[job.pk]))
    return client.get(answer["Location"], follow=True)


def test_broker_previews_then_commits(site):
    client = client_for(UserFactory(role="broker"))
    page = client.get(reverse("ops:transfer"))
    assert page.status_code == 200
    assert b'id="import-form"' in page.content
    preview = upload(client, GOOD.encode())
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "2 records will be imported" in html
    assert "OF-PG-1 Rice dryer" in html
    assert Profile.objects.count() == 0  # the preview wrote nothing
    job = ImportJob.objects.get()
    assert job.dry_run and job.status == "done" and job.stored
    stored = job.stored
    done = commit(client, job)
    assert "2 records imported." in done.content.decode()
    assert sorted(Profile.objects.values_list("ref", flat=True)) == ["ND-PG-1", "OF-PG-1"]
    assert not default_storage.exists(stored)  # the waiting file is gone
    again = commit(client, job)  # a second click leads to the same import, nothing twice
    assert "2 records imported." in again.content.decode()
    assert ImportJob.objects.filter(dry_run=False).count() == 1
    assert Profile.objects.count() == 2
    listing = client.get(reverse("ops:transfer")).content.decode()
    assert 'id="jobs"' in listing and "profiles.csv" in listing


def test_job_page_refreshes_itself_while_waiting(site):
    broker = UserFactory(role="broker")
    client = client_for(broker)
    handle = io.BytesIO(GOOD.encode())
    handle.name = "profiles.csv"
    answer = client.post(reverse("ops:import"), {"dataset": "profiles", "file": handle})
    job = ImportJob.objects.get()  # the upload's on_commit never ran: the job waits
    assert answer["Location"] == job.get_absolute_url()
    page = client.get(job.get_absolute_url()).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert 'data-status="queued"' in page
    run_import_job(job.pk)  # a worker picks it up
    page = client.get(job.get_absolute_url()).content.decode()
    assert "http-equiv" not in page
    assert "2 records will be imported" in page


def test_preview_lists_each_problem_with_row_and_column(site):
    client = client_for(UserFactory(role="broker"))
    bad = (
        GOOD
        + "OF-PG-2,offer,gxu,,Missing title.,agriculture,11\nOF-PG-3,offer,gxu,T,S,astrology,\n"
    )
    preview = upload(client, bad.encode())
    html = preview.content.decode()
    assert 'data-row="4" data-column="title"' in html
    assert 'data-row="4" data-column="trl"' in html
    assert 'data-row="5" data-column="sectors"' in html
    assert "3 problems found. Nothing was imported" in html
    assert 'id="commit-form"' not in html
    assert Profile.objects.count() == 0
    job = ImportJob.objects.get()
    assert job.stored == ""  # nothing to commit: the file is deleted at once
    refused = commit(client, job)
    assert "Only a checked file without problems can be imported." in refused.content.decode()
    assert Profile.objects.count() == 0


def test_commit_checks_again_when_the_database_changed(site):
    client = client_for(UserFactory(role="broker"))
    upload(client, GOOD.encode())
    ProfileFactory(ref="OF-PG-1")  # someone took the reference since the preview
    answer = commit(client, ImportJob.objects.get())
    assert 'data-row="2" data-column="ref"' in answer.content.decode()
    assert not Profile.objects.filter(ref="ND-PG-1").exists()


def test_someone_elses_import_is_not_found(site):
    upload(client_for(UserFactory(role="broker")), GOOD.encode())
    job = ImportJob.objects.get()
    other = client_for(UserFactory(role="broker"))
    assert other.get(job.get_absolute_url()).status_code == 404
    assert other.post(reverse("ops:import_commit", args=[job.pk])).status_code == 404
    assert Profile.objects.count() == 0


def test_unreadable_file_gets_a_message(site):
    client = client_for(UserFactory(role="broker"))
    answer = upload(client, b"\x89PNG\r\n\x1a\n\x00\x00", name="photo.png")
    assert "This is not a CSV, XLSX or JSON file." in answer.content.decode()
    assert ImportJob.objects.get().status == "failed"


@override_settings(MAX_UPLOAD_BYTES=1024)
def test_oversized_upload_is_refused_before_reading(site):
    client = client_for(UserFactory(role="broker"))
    answer = upload(client, GOOD.encode() * 20)
    assert answer.status_code == 400
    assert "MB are accepted" in answer.content.decode()
    assert ImportJob.objects.count() == 0
    assert Profile.objects.count() == 0


@pytest.mark.parametrize("role", ["provider", "seeker", "officer"])
def test_only_brokers_import(site, role):
    client = client_for(UserFactory(role=role))
    page = client.get(reverse("ops:transfer"))
    assert page.status_code == 200
    assert b'id="import-form"' not in page.content
    assert b'data-export="profiles"' in page.content
    assert upload(client, GOOD.encode()).status_code == 403
    assert Profile.objects.count() == 0
    assert ImportJob.objects.count() == 0


def test_anonymous_upload_goes_to_sign_in(site):
    handle = io.BytesIO(GOOD.encode())
    handle.name = "x.csv"
    answer = Client().post(reverse("ops:import"), {"dataset": "profiles", "file": handle})
    assert answer.status_code == 302
    assert Profile.objects.count() == 0


def test_people_import_from_the_page_sends_invitations(site):
    client = client_for(UserFactory(role="broker"))
    people = b"username,email,role,organisation\nnadia,nadia@example.org,seeker,gxu\n"
    preview = upload(client, people, name="people.csv", dataset="users")
    assert "1 record will be imported" in preview.content.decode()
    assert mail.outbox == []  # the dry run sent nothing
    commit(client, ImportJob.objects.get())
    assert User.objects.get(username="nadia").organisation == site
    assert [m.to for m in mail.outbox] == [["nadia@example.org"]]


def test_public_download_hides_drafts_and_confidential_fields(site):
    ProfileFactory(ref="OF-PUB", status="published", organisation=site)
    ProfileFactory(ref="OF-DRAFT", status="draft", organisation=site)
    answer = Client().get(reverse("ops:export", args=["profiles", "json"]))
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == 'attachment; filename="lintas-profiles.json"'
    rows = json.loads(answer.content)
    assert [r["ref"] for r in rows] == ["OF-PUB"]
    assert b"SECRET-PRICE-TERMS" not in answer.content
    assert b"secret.contact@example.org" not in answer.content


def test_broker_download_has_everything(site):
    ProfileFactory(ref="OF-PUB", status="published", organisation=site)
    ProfileFactory(ref="OF-DRAFT", status="draft", organisation=site, kind="offer")
    ProfileFactory(ref="ND-DRAFT", status="draft", organisation=site, kind="need")
    client = client_for(UserFactory(role="broker"))
    answer = client.get(reverse("ops:export", args=["profiles", "json"]) + "?kind=offer")
    rows = json.loads(answer.content)
    assert sorted(r["ref"] for r in rows) == ["OF-DRAFT", "OF-PUB"]
    assert {r["confidential_details"] for r in rows} == {"SECRET-PRICE-TERMS"}


def test_people_export_is_for_brokers_only(site):
    UserFactory(username="someone")
    assert Client().get(reverse("ops:export", args=["users", "csv"])).status_code == 403
    seeker = client_for(UserFactory(role="seeker"))
    assert seeker.get(reverse("ops:export", args=["users", "csv"])).status_code == 403
    broker = client_for(UserFactory(role="broker"))
    answer = broker.get(reverse("ops:export", args=["users", "csv"]))
    assert answer.status_code == 200
    assert "someone" in answer.content.decode("utf-8-sig")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_templates_download_in_each_format(db, fmt):
    answer = Client().get(reverse("ops:template", args=["profiles", fmt]))
    assert answer.status_code == 200
    if fmt == "csv":
        assert (
            answer.content.decode("utf-8-sig").splitlines()[0].startswith("ref,kind,organisation")
        )
    elif fmt == "json":
        assert list(json.loads(answer.content)[0])[:3] == ["ref", "kind", "organisation"]
    else:
        book = load_workbook(io.BytesIO(answer.content))
        assert [c.value for c in book.worksheets[0][1]][:3] == ["ref", "kind", "organisation"]
        assert book.worksheets[1].title == "fields"


def test_unknown_dataset_or_format_is_404(db):
    assert Client().get("/data/export/passwords.csv").status_code == 404
    assert Client().get("/data/template/profiles.exe").status_code == 404


def test_menu_shows_import_and_export_to_brokers_only(site):
    broker = client_for(UserFactory(role="broker")).get(reverse("ops:transfer"))
    assert b'href="/data/"' in broker.content
    seeker = client_for(UserFactory(role="seeker")).get("/")
    assert b'href="/data/"' not in seeker.content


@pytest.mark.parametrize("language", ["id", "zh-hans", "th"])
def test_page_in_other_languages(site, language):
    client = client_for(UserFactory(role="broker", language=language))
    answer = client.get(reverse("ops:transfer"), HTTP_ACCEPT_LANGUAGE=language)
    assert answer.status_code == 200
    assert "Import and export</h1>" not in answer.content.decode()
