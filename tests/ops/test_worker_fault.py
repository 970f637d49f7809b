"""Kill the worker (SIGKILL, the whole process group) in the middle of a batch of indexing
tasks, start it again: every profile ends up indexed, exactly one vector each, nothing lost.

Tasks are acknowledged late (after they finish), so the broker hands the task that was running
at the kill to the new worker after the visibility timeout; the index task is idempotent.
Needs PostgreSQL and Redis, like test_scale_out."""

from __future__ import annotations

import time
import uuid

import pytest

from tests.ops.procs import (
    ScratchDatabase,
    base_env,
    lintas,
    postgres_url_or_skip,
    python,
    require_redis,
    wait_until,
    worker,
)

PROFILES = 60

SETUP = f"""
from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory
sector = SectorFactory(slug="agriculture", names={{"en": "Modern agriculture"}})
org = OrganisationFactory()
words = ["rice", "cassava", "durian", "shrimp", "rubber", "palm", "coffee", "tea", "mango", "corn"]
for n in range({PROFILES}):
    ProfileFactory(kind="offer" if n % 2 else "need", organisation=org, status="published",
        sectors=[sector], title=f"{{words[n % 10]}} processing method {{n}}",
        summary=f"A way to process {{words[n % 10]}} harvests, variant {{n}}.")
"""

ENQUEUE = """
from lintas.catalogue.models import Profile
from lintas.matching.tasks import index_profile
for pk in Profile.objects.order_by("id").values_list("id", flat=True):
    index_profile.delay(pk)
"""


@pytest.fixture
def database():
    url = postgres_url_or_skip()
    require_redis()
    db = ScratchDatabase(url, "lintas_fault")
    yield db
    db.drop()


def indexed(db) -> int:
    return db.query("SELECT count(*) FROM matching_profilevector")[0][0]


def test_sigkill_mid_batch_loses_nothing_and_indexes_once(tmp_path, database):
    env = base_env(
        LINTAS_DATA_DIR=tmp_path / "data",
        LINTAS_DATABASE_URL=database.url,
        LINTAS_CELERY_BROKER_URL="redis://127.0.0.1:6379/11",
        LINTAS_CELERY_QUEUE=f"fault-{uuid.uuid4().hex[:8]}",
        LINTAS_CELERY_VISIBILITY_TIMEOUT="8",
    )
    result = lintas("migrate", "--noinput", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    python(SETUP, env=env)
    python(ENQUEUE, env=env)  # the tasks wait in Redis until a worker comes

    first = worker(env=env, log=tmp_path / "worker1.log")
    try:
        wait_until(lambda: indexed(database) >= 5, timeout=180, proc=first, what="first tasks")
        first.kill()  # SIGKILL to the worker and its pool processes, mid-batch
        first.popen.wait(timeout=10)
    finally:
        first.stop()
    time.sleep(1)
    at_kill = indexed(database)
    assert 5 <= at_kill < PROFILES, f"{at_kill} indexed when killed: batch not interrupted"

    second = worker(env=env, log=tmp_path / "worker2.log")
    try:
        wait_until(
            lambda: indexed(database) == PROFILES, timeout=240, proc=second, what="all indexed"
        )
        # Every task the first worker left is done by the second (the one it was running when
        # killed comes back from Redis after the visibility timeout).
        wait_until(
            lambda: second.output().count("succeeded") >= PROFILES - at_kill,
            timeout=60,
            proc=second,
            what="tasks finished",
        )
        time.sleep(3)
    finally:
        second.stop()

    published = database.query("SELECT id FROM catalogue_profile WHERE status = 'published'")
    vectors = database.query(
        "SELECT profile_id, count(*) FROM matching_profilevector GROUP BY profile_id"
    )
    assert len(published) == PROFILES
    assert sorted(pid for pid, _ in vectors) == sorted(pid for (pid,) in published)
    assert all(count == 1 for _, count in vectors)
    duplicates = database.query(
        "SELECT offer_id, need_id FROM matching_match GROUP BY offer_id, need_id HAVING count(*) > 1"
    )
    assert duplicates == []
    assert database.query("SELECT count(*) FROM matching_match")[0][0] > 0
    # The first worker never finished the batch; the restarted one did the rest.
    assert first.output().count("succeeded") < PROFILES
