"""Reviewer assignment through a real `lintas worker` on Redis: the page's request only queues
the run; the worker process does the work and writes the result the progress page reads."""

from __future__ import annotations

import subprocess
import sys
import uuid

from tests.ops.procs import base_env, lintas, require_redis, wait_until, worker

SCRIPT = r"""
import datetime as dt, sys, time
import django
django.setup()
from django.db import transaction
from django.utils import timezone
from lintas.core.models import Organisation, User
from lintas.programmes.domain import runs
from lintas.programmes.models import Application, Call, Programme, Reviewer

org = Organisation.objects.create(slug="gaas", name="GAAS", type="institute", country="CN")
officer = User.objects.create(username="officer", email="o@example.org", role="officer")
programme = Programme.objects.create(slug="tysp", name="TYSP", kind="talent")
call = Call.objects.create(
    programme=programme, slug="round", title="Round", status="open",
    opens_on=timezone.localdate(), deadline=timezone.now() + dt.timedelta(days=9),
    reviews_per_application=1,
)
for name, text in (("rev-rice", "Rice salinity"), ("rev-battery", "Lithium battery cathodes")):
    user = User.objects.create(username=name, email=f"{name}@example.org", organisation=org)
    Reviewer.objects.create(call=call, user=user, publications=[{"title": text, "abstract": text}])
applicant = User.objects.create(username="putu", email="p@example.org")
Application.objects.create(
    call=call, applicant=applicant, status="submitted", full_name="Putu", nationality="ID",
    birth_date=dt.date(1990, 1, 1), degree="phd", proposal="Salt tolerant rice.",
    publications=[{"title": "Rice salinity in Bali", "abstract": "Saline soils."}],
)
with transaction.atomic():
    run = runs.start_run(user=officer, call=call, kind="reviewers")
deadline = time.monotonic() + 150
while time.monotonic() < deadline:
    run.refresh_from_db()
    if run.finished:
        break
    time.sleep(0.5)
print(run.status, run.result.get("assigned", [{}])[0].get("reviewer_name"), run.error)
"""


def test_reviewer_assignment_runs_in_a_real_worker(tmp_path):
    require_redis()
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = base_env(
        LINTAS_DATA_DIR=tmp_path,
        LINTAS_CELERY_BROKER_URL="redis://127.0.0.1:6379/14",
        LINTAS_CELERY_QUEUE=queue,
    )
    assert lintas("migrate", "--noinput", env=env).returncode == 0
    proc = worker(env=env, log=tmp_path / "worker.log", queues=queue)
    try:
        wait_until(lambda: "ready" in proc.output(), timeout=120, proc=proc, what="worker ready")
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=240
        )
        assert result.returncode == 0, result.stderr[-2000:]
        assert result.stdout.strip().splitlines()[-1] == "done rev-rice"
        assert "lintas.programmes.run_assignment" in proc.output()
    finally:
        proc.stop()
