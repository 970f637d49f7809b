"""Webhook retries through a real `lintas worker` on Redis (db 9): the receiver answers 500,
then 200; the worker's retry is its own Celery message sent after the back-off, and the one
delivery ends delivered with both attempts in its log.

Skipped when Redis is not reachable, unless LINTAS_REQUIRE_REDIS=1 (as in .ci/run)."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid

from tests.integrations.receiver import Receiver
from tests.ops.procs import base_env, lintas, require_redis, wait_until, worker

# Runs in its own interpreter with the worker's settings (a real broker, so `.delay()` sends a
# message to Redis instead of running the task in process).
SCRIPT = r"""
import json, sys, time
import django
django.setup()
from django.db import transaction
from lintas.brokerage.domain import deals
from lintas.integrations.domain import webhooks
from lintas.integrations.models import Delivery
from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory, UserFactory

provider_org = OrganisationFactory(slug="gxu", name="Guangxi University", country="CN")
seeker_org = OrganisationFactory(slug="tani", name="PT Tani Makmur", country="ID")
provider = UserFactory(username="provider", organisation=provider_org, role="provider")
seeker = UserFactory(username="seeker", organisation=seeker_org, role="seeker")
offer = ProfileFactory(
    kind="offer", organisation=provider_org, created_by=provider, status="published",
    sectors=[SectorFactory(slug="agriculture")],
)
webhooks.register(user=provider, name="CRM", url=sys.argv[1], events=["interest.expressed"])
with transaction.atomic():  # the task is queued when this commits
    deals.express_interest(user=seeker, profile=offer, message="We need rice.")
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    delivery = Delivery.objects.get()
    if delivery.status in ("delivered", "failed"):
        break
    time.sleep(0.3)
print(json.dumps({
    "status": delivery.status,
    "attempts": delivery.attempts,
    "log": [a["status"] for a in delivery.attempts_log],
    "deliveries": Delivery.objects.count(),
}))
"""


def test_a_failed_delivery_is_retried_by_a_real_worker(tmp_path):
    require_redis()
    queue = f"test-webhooks-{uuid.uuid4().hex[:8]}"
    env = base_env(
        LINTAS_DATA_DIR=tmp_path,
        LINTAS_CELERY_BROKER_URL="redis://127.0.0.1:6379/9",
        LINTAS_CELERY_QUEUE=queue,
        LINTAS_WEBHOOK_BACKOFF_SECONDS=1,  # 1 s before the retry (30 s in production)
        LINTAS_WEBHOOK_ALLOW_PRIVATE="true",  # the receiver listens on 127.0.0.1
    )
    # Its own SQLite file in the data folder, also in the PostgreSQL run: the fixed names made
    # here (and the factories' references) must not land in the database that other process
    # tests share (tests/ops/test_nginx.py then met a duplicate profile reference).
    env.pop("LINTAS_DATABASE_URL", None)
    assert lintas("migrate", "--noinput", env=env).returncode == 0
    flaky = Receiver(answers=[500, 200]).start()
    proc = worker(env=env, log=tmp_path / "worker.log", queues=queue)
    try:
        wait_until(lambda: "ready" in proc.output(), timeout=120, proc=proc, what="worker ready")
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT, flaky.url],
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        outcome = json.loads(result.stdout.strip().splitlines()[-1])
    finally:
        proc.stop()
        flaky.stop()
    assert outcome == {"status": "delivered", "attempts": 2, "log": [500, 200], "deliveries": 1}
    assert len(flaky.received) == 2
    assert len({r.headers["X-Lintas-Delivery"] for r in flaky.received}) == 1  # one delivery
    assert flaky.received[0].body == flaky.received[1].body  # the same bytes, re-signed
    log = proc.output()
    assert "lintas.integrations.deliver" in log
    assert log.count("succeeded") >= 2  # the first attempt and the retry: two task runs
