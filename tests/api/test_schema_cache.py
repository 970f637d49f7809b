"""/api/schema/ is generated once per language and release, then answered from Django's cache
(lintas.api.schema_view): counted by the generator's calls, and compared byte for byte with
the committed contract and with an uncached generation."""

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer

import lintas
from lintas.api import schema_view
from tests.conftest import login

pytestmark = pytest.mark.django_db

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "api" / "schema.yml"
JSON = "application/vnd.oai.openapi+json"


@pytest.fixture
def generated(monkeypatch):
    """The languages the schema was generated in, one item per generator call."""
    calls = []
    original = SchemaGenerator.get_schema

    def counting(self, *args, **kwargs):
        calls.append(translation.get_language())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counting)
    return calls


def uncached(language, renderer=OpenApiYamlRenderer):
    """The schema as drf-spectacular generates it without this view (the CLI's way)."""
    with translation.override(language):
        schema = SchemaGenerator().get_schema(request=None, public=True)
    return renderer().render(schema, renderer.media_type, {})


def contract() -> bytes:
    """The committed contract, as generated on SQLite (`lintas spectacular`, .ci/check-schema).
    On another database integer bounds read from it differ (a PositiveIntegerField's maximum
    is 2**63-1 on SQLite, 2**31-1 on PostgreSQL), so there the expectation is the uncached
    generation on that database."""
    if connection.vendor == "sqlite":
        return COMMITTED.read_bytes()
    return uncached("en")


def test_the_second_fetch_is_served_from_the_cache(generated):
    first = Client().get("/api/schema/")
    second = Client().get("/api/schema/")
    assert generated == ["en"]
    assert first.status_code == second.status_code == 200
    assert (
        first["Content-Type"]
        == second["Content-Type"]
        == "application/vnd.oai.openapi; charset=utf-8"
    )
    assert first["Content-Disposition"] == 'inline; filename="Lintas API.yaml"'
    # The committed contract (.ci/check-schema compares it with `lintas spectacular`).
    assert first.content == second.content == contract()


def test_each_language_gets_its_own_schema(generated):
    english = Client().get("/api/schema/").content
    indonesian = Client().get("/api/schema/?lang=id").content
    assert Client().get("/api/schema/?lang=id").content == indonesian
    thai = Client().get("/api/schema/", HTTP_ACCEPT_LANGUAGE="th").content
    assert Client().get("/api/schema/?lang=th").content == thai
    assert generated == ["en", "id", "th"]
    assert len({english, indonesian, thai}) == 3
    assert indonesian == uncached("id")
    assert thai == uncached("th")


def test_a_made_up_language_is_kept_as_the_default(generated):
    made_up = Client().get("/api/schema/?lang=xx-made-up").content
    Client().get("/api/schema/")
    assert generated == ["en"]
    assert made_up == contract()


def test_json_is_cached_apart_and_matches_an_uncached_generation(generated):
    first = Client().get("/api/schema/", HTTP_ACCEPT=JSON)
    assert Client().get("/api/schema/?format=json").content == first.content
    assert first["Content-Type"] == JSON
    assert generated == ["en"]
    assert first.content == uncached("en", OpenApiJsonRenderer)


def test_every_reader_gets_the_public_contract(generated, officer, broker):
    anonymous = Client().get("/api/schema/").content
    assert login(officer).get("/api/schema/").content == anonymous
    assert login(broker).get("/api/schema/").content == anonymous
    assert generated == ["en"]


def test_a_new_release_or_setting_is_generated_afresh(generated, monkeypatch, settings):
    Client().get("/api/schema/")
    monkeypatch.setattr("lintas.__version__", "0.2.0")
    Client().get("/api/schema/")
    Client().get("/api/schema/")
    settings.SPECTACULAR_SETTINGS = {**settings.SPECTACULAR_SETTINGS, "TITLE": "Lintas API v2"}
    Client().get("/api/schema/")
    assert generated == ["en", "en", "en"]


def test_media_type_parameters_are_answered_but_not_kept(generated, officer):
    indented = login(officer).get("/api/schema/", HTTP_ACCEPT=f"{JSON}; indent=2")
    assert indented.status_code == 200 and indented.content.startswith(b'{\n  "openapi"')
    Client().get("/api/schema/", HTTP_ACCEPT=f"{JSON}; indent=2")
    assert generated == ["en", "en"]
    # Still the public contract, for an officer too.
    assert json.loads(indented.content) == json.loads(
        Client().get("/api/schema/?format=json").content
    )
    assert schema_view.cache_key(language="en", media_type=JSON).startswith(
        f"lintas:api-schema:{lintas.__version__}+"
    )
