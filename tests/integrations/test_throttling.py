"""Throttling per token (or account) and per anonymous IP: 429 with Retry-After, counted apart."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.integrations.conftest import token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(settings):
    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anonymous": "3/minute", "user": "5/minute"},
    }
    yield
    cache.clear()


def test_anonymous_ip_gets_429_with_retry_after(rates):
    here = APIClient(REMOTE_ADDR="203.0.113.7")
    answers = [here.get("/api/v1/sectors/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    last = here.get("/api/v1/sectors/")
    assert last.status_code == 429
    assert 0 < int(last["Retry-After"]) <= 60
    assert set(last.json()) == {"detail", "errors"}
    elsewhere = APIClient(REMOTE_ADDR="198.51.100.9")
    assert elsewhere.get("/api/v1/sectors/").status_code == 200


def test_each_token_has_its_own_budget(rates, provider, seeker):
    first, _ = token_client(provider)
    second, _ = token_client(provider)
    third, _ = token_client(seeker)
    assert [first.get("/api/v1/sectors/").status_code for _ in range(6)] == [200] * 5 + [429]
    assert second.get("/api/v1/sectors/").status_code == 200
    assert third.get("/api/v1/sectors/").status_code == 200
