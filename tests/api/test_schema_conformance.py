"""Answers that did not match the generated OpenAPI schema (found by .ci/api-schema-run's token
pass), each checked here against the schema the code generates, as schemathesis checks it:
OpenAPI 3.0's ``nullable`` read as JSON Schema's null, and ``date-time`` as RFC 3339."""

import datetime as dt
import re

import pytest
from drf_spectacular.generators import SchemaGenerator
from jsonschema import Draft202012Validator, FormatChecker
from rest_framework.test import APIClient

from lintas.talents.models import AbstractCall
from tests.factories import DealFactory, EventFactory
from tests.integrations.conftest import token_client

pytestmark = pytest.mark.django_db

RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


@pytest.fixture(scope="module")
def openapi():
    return SchemaGenerator().get_schema(request=None, public=True)


def _json_schema(node):
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _json_schema(value) for key, value in node.items()}
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node


def response_schema(openapi, path, method, status=200):
    answer = openapi["paths"][path][method]["responses"][str(status)]
    return answer["content"]["application/json"]["schema"]


def violations(openapi, path, method, body, status=200):
    """What schemathesis' response_schema_conformance would report for ``body``."""
    schema = {
        **_json_schema(response_schema(openapi, path, method, status)),
        "components": _json_schema(openapi["components"]),
    }
    formats = FormatChecker()
    formats.checks("date-time")(lambda value: not isinstance(value, str) or RFC3339.match(value))
    validator = Draft202012Validator(schema, format_checker=formats)
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(body)]


PLAIN_LISTS = [
    "/api/v1/deals/{id}/notes/",
    "/api/v1/events/{slug}/participants/",
    "/api/v1/events/{slug}/agenda/",
    "/api/v1/events/{slug}/agenda/sessions/",
    "/api/v1/events/{slug}/plan/",
    "/api/v1/events/{slug}/participant-search/",
    "/api/v1/campaigns/{slug}/countries/{country}/suggestions/",
]


@pytest.mark.parametrize("path", PLAIN_LISTS)
def test_actions_answering_a_plain_list_are_documented_as_one(openapi, path):
    assert response_schema(openapi, path, "get").get("type") == "array"  # not a page of results


def test_deal_notes_match_the_schema(openapi, broker):
    deal = DealFactory()
    client, _ = token_client(broker)
    assert client.post(f"/api/v1/deals/{deal.pk}/notes/", {"text": "Call them"}).status_code == 201
    answer = client.get(f"/api/v1/deals/{deal.pk}/notes/")
    assert answer.status_code == 200
    assert [n["text"] for n in answer.json()] == ["Call them"]
    assert violations(openapi, "/api/v1/deals/{id}/notes/", "get", answer.json()) == []


def test_deal_before_the_introduction_matches_the_schema(openapi, broker):
    deal = DealFactory()
    client, _ = token_client(broker)
    body = client.get(f"/api/v1/deals/{deal.pk}/").json()
    assert "contacts" not in body and "requester_contact" not in body  # none before consent
    assert violations(openapi, "/api/v1/deals/{id}/", "get", body) == []


def test_far_past_datetimes_are_written_in_utc(openapi, settings):
    settings.TIME_ZONE = "Asia/Shanghai"  # before 1901 its offset is +08:05:43 (local mean time)
    call = AbstractCall.objects.create(
        event=EventFactory(),
        title="Call",
        topics="Rice",
        deadline=dt.datetime(1890, 1, 1, 12, 0, tzinfo=dt.UTC),
    )
    body = APIClient().get(f"/api/v1/abstract-calls/{call.pk}/").json()
    assert body["deadline"] == "1890-01-01T12:00:00Z"
    assert violations(openapi, "/api/v1/abstract-calls/{id}/", "get", body) == []


def test_every_api_datetime_field_answers_in_utc():
    """Declared or mapped from a model, every datetime field of the API's serializers is
    lintas.api.fields.DateTimeField (so a new serializer cannot bring local offsets back)."""
    import importlib
    import inspect
    import pkgutil

    from rest_framework import serializers

    import lintas.api.serializers as package
    from lintas.api import fields

    checked = 0
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, serializers.Serializer) or cls.__module__ != module.__name__:
                continue
            for name, field in cls().fields.items():
                if isinstance(field, serializers.DateTimeField):
                    assert isinstance(field, fields.DateTimeField), f"{cls.__name__}.{name}"
                    checked += 1
    assert checked > 20


def test_event_participants_document_both_readers_fields(openapi):
    """Organisers get the staff fields, other participants score and basis: all documented,
    none required beyond what both get."""
    row = response_schema(openapi, "/api/v1/events/{slug}/participants/", "get")["items"]
    name = row["$ref"].rsplit("/", 1)[1]
    component = openapi["components"]["schemas"][name]
    assert {"score", "basis", "username", "status"} <= set(component["properties"])
    public = openapi["components"]["schemas"]["ParticipantPublic"]
    assert set(component["required"]) == set(public["required"])  # what every reader gets


def test_a_blank_contact_email_matches_the_schema(openapi, provider):
    # Found by the token pass: a profile without a contact address answers "" where the schema
    # said format: email (read-only e-mail fields whose model field may be blank).
    from tests.factories import ProfileFactory

    profile = ProfileFactory(organisation=provider.organisation, contact_email="")
    client, _ = token_client(provider)
    answer = client.get(f"/api/v1/profiles/{profile.ref}/")
    assert answer.status_code == 200
    assert answer.json()["contact_email"] == ""
    assert violations(openapi, "/api/v1/profiles/{ref}/", "get", answer.json()) == []
    body = {**answer.json(), "contact_email": "not an address"}
    assert violations(openapi, "/api/v1/profiles/{ref}/", "get", body) != []
