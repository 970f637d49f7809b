"""Two `lintas serve` instances and one `lintas worker` on one PostgreSQL and one Redis.

A profile published through instance A is found by a search on instance B within
SEARCH_WITHIN seconds (indexed by the worker), its matches are listed on both, a session made on
A works on B, and the cache is shared (a rate limit set through A holds on B).
Skipped without PostgreSQL (see procs.postgres_url_or_skip); Redis is required in CI."""

from __future__ import annotations

import base64
import http.cookiejar
import json
import re
import time
import urllib.parse
import urllib.request
import uuid

import pytest

from tests.ops.procs import (
    ScratchDatabase,
    base_env,
    free_port,
    get,
    lintas,
    postgres_url_or_skip,
    python,
    require_redis,
    serve,
    wait_healthy,
    wait_until,
    worker,
)

SEARCH_WITHIN = (
    60  # seconds from "published" on A to "found" on B (the first task loads the encoder)
)

SETUP = """
from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory, UserFactory
from lintas.matching.domain import indexing
sector = SectorFactory(slug="agriculture", names={"en": "Modern agriculture"})
gxu = OrganisationFactory(slug="gxu", name="Guangxi University", country="CN")
tani = OrganisationFactory(slug="tani", name="PT Tani Makmur", type="enterprise", country="ID")
UserFactory(username="provider", organisation=gxu, role="provider")
UserFactory(username="broker", role="broker", organisation=OrganisationFactory(type="intermediary"))
UserFactory(username="waiting", email="waiting@example.org", is_active=False, email_verified=False)
need = ProfileFactory(kind="need", organisation=tani, status="published", sectors=[sector],
    title="Salt-tolerant rice seed for coastal paddies",
    summary="Our farms need rice varieties that grow in brackish water after sea water floods.")
ProfileFactory(kind="need", organisation=tani, status="published", sectors=[sector],
    title="Mobile payment terminal for markets", summary="Card payments for rural market stalls.")
print(indexing.reindex())
"""


def basic(username: str) -> dict:
    token = base64.b64encode(f"{username}:pw".encode()).decode()
    return {"Authorization": f"Basic {token}", "Content-Type": "application/json"}


def api(base, path, *, user, body=None):
    data = json.dumps(body).encode() if body is not None else (b"" if body == {} else None)
    status, _, raw = get(f"{base}{path}", headers=basic(user), data=data)
    return status, json.loads(raw) if raw else None


class Browser:
    """Cookies kept across instances, as a browser behind a load balancer would."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url):
        with self.opener.open(url, timeout=30) as response:
            return response.status, response.read().decode()

    def post_form(self, url, fields: dict):
        _, page = self.get(url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        request = urllib.request.Request(url, data=data, headers={"Referer": url})
        with self.opener.open(request, timeout=30) as response:
            return response.status, response.geturl(), response.read().decode()


@pytest.fixture
def stack(tmp_path):
    url = postgres_url_or_skip()
    require_redis()
    db = ScratchDatabase(url, "lintas_scale")
    queue = f"scale-{uuid.uuid4().hex[:8]}"
    env = base_env(
        LINTAS_DATA_DIR=tmp_path / "data",
        LINTAS_DATABASE_URL=db.url,
        LINTAS_CELERY_BROKER_URL="redis://127.0.0.1:6379/13",
        LINTAS_CELERY_QUEUE=queue,
        LINTAS_CACHE_URL="redis://127.0.0.1:6379/12",
        LINTAS_SECRET_KEY="scale-out-test-shared-secret-key-0123456789",
        LINTAS_EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        LINTAS_LOG_FORMAT="json",
    )
    procs = []
    try:
        result = lintas("migrate", "--noinput", env=env)
        assert result.returncode == 0, result.stderr[-2000:]
        python(SETUP, env=env)
        port_a, port_b = free_port(), free_port()
        a = serve(port=port_a, env=env, log=tmp_path / "a.log", workers=1)
        procs.append(a)
        b = serve(
            port=port_b, env=env, log=tmp_path / "b.log", workers=1, extra=["--no-collectstatic"]
        )
        procs.append(b)
        w = worker(env=env, log=tmp_path / "worker.log")
        procs.append(w)
        base_a, base_b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
        wait_healthy(base_a, a)
        wait_healthy(base_b, b)
        wait_until(lambda: "ready" in w.output(), timeout=120, proc=w, what="worker ready")
        yield {"a": base_a, "b": base_b, "procs": {"a": a, "b": b, "worker": w}, "db": db}
    finally:
        for proc in procs:
            proc.stop()
        db.drop()


def test_published_on_a_found_on_b_with_matches_on_both(stack):
    a, b = stack["a"], stack["b"]
    for base in (a, b):
        status, raw_headers, raw = get(f"{base}/readyz")
        ready = json.loads(raw)
        assert status == 200, ready
        assert ready["checks"]["broker"]["configured"] is True
        assert ready["checks"]["cache"]["shared"] is True

    status, created = api(
        a,
        "/api/v1/profiles/",
        user="provider",
        body={
            "kind": "offer",
            "title": "Brackish-water rice variety GX-7",
            "summary": "A rice variety bred at Guangxi University that yields in salty coastal fields.",
            "sectors": ["agriculture"],
            "content_language": "en",
        },
    )
    assert status == 201, created
    ref = created["ref"]
    assert api(a, f"/api/v1/profiles/{ref}/submit/", user="provider", body={})[0] == 200
    status, published = api(a, f"/api/v1/profiles/{ref}/publish/", user="broker", body={})
    assert status == 200 and published["status"] == "published", published
    published_at = time.monotonic()

    def found_on_b():
        status, _, raw = get(
            f"{b}/api/v1/search/?"
            + urllib.parse.urlencode({"q": "rice for salty coastal fields", "kind": "offer"})
        )
        assert status == 200
        return ref in [hit["profile"]["ref"] for hit in json.loads(raw)["results"]]

    wait_until(found_on_b, timeout=SEARCH_WITHIN, proc=stack["procs"]["worker"], what="search on B")
    seconds = time.monotonic() - published_at
    print(f"published on A, found on B after {seconds:.1f} s")
    assert seconds < SEARCH_WITHIN

    # The worker computed the matches; both instances list them.
    for base in (a, b):
        status, matches = api(base, f"/api/v1/profiles/{ref}/matches/", user="provider")
        assert status == 200, matches
        titles = [json.dumps(m) for m in matches]
        assert any("Salt-tolerant rice seed" in t for t in titles), matches
    readiness = json.loads(get(f"{b}/readyz")[2])["checks"]["search_index"]
    assert readiness["unindexed"] == 0 and readiness["vectors"] == 3
    assert '"lintas.matching.index_profile' in stack["procs"]["worker"].output()


def test_session_and_cache_are_shared_between_instances(stack):
    a, b = stack["a"], stack["b"]
    browser = Browser()
    status, landed, _ = browser.post_form(
        f"{a}/account/login/", {"username": "provider", "password": "pw"}
    )
    assert status == 200 and "/account/login/" not in landed
    # The session made on A is valid on B (database sessions, one secret key): the account
    # page opens there instead of sending to the sign-in page.
    status, page = browser.get(f"{b}/account/settings/")
    assert status == 200
    assert ">provider</a>" in page and 'action="/account/logout/"' in page
    _, anonymous_page = Browser().get(f"{b}/account/settings/")
    assert ">provider</a>" not in anonymous_page
    assert 'action="/account/logout/"' not in anonymous_page

    # The resend rate limit lives in the cache: a second request through B within five
    # minutes sends no second e-mail, because B sees the mark A left in Redis.
    anonymous = Browser()
    anonymous.post_form(f"{a}/account/verify/resend/", {"email": "waiting@example.org"})
    wait_until(
        lambda: "Confirm your e-mail address" in stack["procs"]["a"].output(),
        timeout=20,
        what="e-mail printed by A",
    )
    anonymous.post_form(f"{b}/account/verify/resend/", {"email": "waiting@example.org"})
    time.sleep(2)
    assert "Confirm your e-mail address" not in stack["procs"]["b"].output()
