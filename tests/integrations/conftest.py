import pytest
from rest_framework.test import APIClient

from lintas.integrations.domain import tokens
from tests.integrations.receiver import Receiver


@pytest.fixture
def receiver():
    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def private_hooks(settings):
    """Webhooks may call 127.0.0.1 (off in production: docs/api.md, "Webhooks")."""
    settings.LINTAS = {**settings.LINTAS, "WEBHOOK_ALLOW_PRIVATE": True}


def token_client(user) -> tuple[APIClient, str]:
    """An API client that authenticates as a partner system does: with a personal token."""
    _row, plain = tokens.create_token(user=user, name="partner CRM")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {plain}")
    return client, plain
