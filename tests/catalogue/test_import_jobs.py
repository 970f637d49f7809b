"""Imports in the background (lintas.catalogue.domain.import_jobs): once, all or nothing."""

import dataclasses
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.test import TestCase
from django.utils import timezone

from lintas.catalogue.domain import datasets, import_jobs
from lintas.catalogue.models import ImportJob, Profile
from lintas.catalogue.tasks import run_import_job
from tests.factories import OrganisationFactory, SectorFactory, UserFactory

GOOD = (
    b"ref,kind,organisation,title,summary,sectors\n"
    b"OF-J-1,offer,gxu,Rice dryer,A solar rice dryer.,agriculture\n"
    b"ND-J-1,need,gxu,Cold chain,We need cold storage.,agriculture\n"
    b",need,gxu,No reference,Gets a new one.,agriculture\n"
)


@pytest.fixture
def broker(db):
    SectorFactory(slug="agriculture")
    OrganisationFactory(slug="gxu")
    return UserFactory(role="broker")


def started(broker, *, dry_run=True):
    with TestCase.captureOnCommitCallbacks(execute=False):  # run it by hand, as a worker would
        return import_jobs.start(
            user=broker, dataset="profiles", data=GOOD, filename="p.csv", dry_run=dry_run
        )


def test_dry_run_job_then_commit_writes_every_row_once(broker):
    job = started(broker)
    assert job.status == "queued"
    assert run_import_job(job.pk) == "done"
    job.refresh_from_db()
    assert job.can_commit and Profile.objects.count() == 0
    with TestCase.captureOnCommitCallbacks(execute=False):
        commit = import_jobs.commit(user=broker, job=job)
    assert import_jobs.commit(user=broker, job=job) == commit  # a second click: the same job
    assert run_import_job(commit.pk) == "done"
    assert run_import_job(commit.pk) == "done"  # redelivered: finished jobs are left alone
    assert Profile.objects.count() == 3
    commit.refresh_from_db()
    assert commit.report["committed"] is True and commit.stored == ""


def test_a_worker_dying_midway_leaves_nothing_and_the_rerun_imports_once(broker, monkeypatch):
    job = started(broker, dry_run=False)
    real = datasets.DATASETS["profiles"]
    calls = []

    def dying(cleaned, actor, context):
        calls.append(cleaned["ref"])
        if len(calls) == 2:
            raise SystemExit("worker killed")  # not an import problem: the whole task dies
        return real.write(cleaned, actor, context)

    monkeypatch.setitem(datasets.DATASETS, "profiles", dataclasses.replace(real, write=dying))
    with pytest.raises(SystemExit):
        run_import_job(job.pk)
    job.refresh_from_db()
    assert job.status == "queued"
    assert Profile.objects.count() == 0  # the first row went with the transaction
    monkeypatch.setitem(datasets.DATASETS, "profiles", real)
    assert run_import_job(job.pk) == "done"
    assert sorted(Profile.objects.values_list("title", flat=True)) == [
        "Cold chain",
        "No reference",
        "Rice dryer",
    ]


def test_only_the_uploader_commits(broker):
    job = started(broker)
    run_import_job(job.pk)
    other = UserFactory(role="broker")
    with pytest.raises(PermissionDenied):
        import_jobs.commit(user=other, job=job)
    assert not ImportJob.objects.filter(dry_run=False).exists()


def test_only_brokers_start_imports(broker):
    with pytest.raises(PermissionDenied):
        import_jobs.start(
            user=UserFactory(role="seeker"), dataset="profiles", data=GOOD, filename="p.csv"
        )
    with pytest.raises(ValidationError):
        import_jobs.start(user=broker, dataset="passwords", data=GOOD, filename="p.csv")
    assert ImportJob.objects.count() == 0


def test_a_file_gone_fails_the_job_with_a_message(broker):
    job = started(broker)
    default_storage.delete(job.stored)
    assert run_import_job(job.pk) == "failed"
    job.refresh_from_db()
    assert "upload it again" in job.error


def test_files_nobody_committed_are_deleted_after_a_day(broker):
    job = started(broker)
    run_import_job(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    stored = ImportJob.objects.get(pk=job.pk).stored
    assert default_storage.exists(stored)
    assert import_jobs.clean_old_files() == 1
    assert not default_storage.exists(stored)
    with pytest.raises(ValidationError):
        import_jobs.commit(user=broker, job=ImportJob.objects.get(pk=job.pk))
