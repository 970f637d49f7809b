"""The Translator backends: null by default, and the LibreTranslate HTTP client tested against
a local server speaking LibreTranslate's contract over real sockets (no mocks)."""

import socket
import time

import pytest
from django.utils import translation

from lintas.core import translator as configured
from lintas.core.machine_translation import (
    LibreTranslateTranslator,
    NullTranslator,
    Translator,
    TranslatorUnavailable,
)
from tests.libretranslate_server import FakeLibreTranslate


def test_null_translator_is_the_default_and_says_it_is_off(settings):
    settings.LINTAS = {**settings.LINTAS, "TRANSLATOR_URL": ""}
    backend = configured.get_translator()
    assert isinstance(backend, NullTranslator) and isinstance(backend, Translator)
    assert backend.is_configured() is False
    with pytest.raises(TranslatorUnavailable) as caught:
        backend.translate(["hello"], source="en", target="th")
    assert caught.value.reason == "not_configured"
    with translation.override("en"):
        message = configured.message_for(caught.value)
    assert message == "Machine translation is not set up on this site."


def test_configured_url_gives_the_http_backend(settings):
    settings.LINTAS = {
        **settings.LINTAS,
        "TRANSLATOR_URL": "http://127.0.0.1:5000/",
        "TRANSLATOR_API_KEY": "k",
        "TRANSLATOR_TIMEOUT": 3.0,
    }
    backend = configured.get_translator()
    assert isinstance(backend, LibreTranslateTranslator)
    assert (backend.url, backend.api_key, backend.timeout) == ("http://127.0.0.1:5000", "k", 3.0)


def test_translates_with_the_servers_codes():
    with FakeLibreTranslate() as server:
        backend = LibreTranslateTranslator(server.url)
        out = backend.translate(
            ["耐盐水稻品种", "", "在盐碱地种植的水稻。"], source="zh", target="th"
        )
        assert out == ["พันธุ์ข้าวทนเค็ม", "", "ข้าวที่ปลูกในดินเค็ม"]
        calls = server.translate_calls()
        # zh is "zh-Hans" on this server; empty texts are not sent.
        assert [(c["source"], c["target"], c["format"]) for c in calls] == [
            ("zh-Hans", "th", "text"),
            ("zh-Hans", "th", "text"),
        ]
        assert "api_key" not in calls[0]
        assert backend.translate(["Kumusta"], source="en", target="fil") == ["[tl] Kumusta"]
        # The language list is asked once and cached.
        assert [p for p, _ in server.requests].count("/languages") == 1


def test_detects_the_source_when_not_given():
    with FakeLibreTranslate() as server:
        backend = LibreTranslateTranslator(server.url)
        assert backend.translate(["我们可以下周见面。"], source=None, target="id") == [
            "Kita bisa bertemu minggu depan."
        ]
        assert server.translate_calls()[0]["source"] == "auto"


def test_api_key_is_sent_and_a_wrong_one_is_a_clear_refusal():
    with FakeLibreTranslate(api_key="secret") as server:
        assert LibreTranslateTranslator(server.url, api_key="secret").translate(
            ["hello"], source="en", target="th"
        ) == ["[th] hello"]
        with pytest.raises(TranslatorUnavailable) as caught:
            LibreTranslateTranslator(server.url, api_key="wrong").translate(
                ["hello"], source="en", target="th"
            )
    assert caught.value.reason == "refused"
    assert "HTTP 403" in caught.value.detail and "Invalid API key" in caught.value.detail


def test_unsupported_pair_is_refused_before_translating():
    with FakeLibreTranslate() as server:
        backend = LibreTranslateTranslator(server.url)
        for source, target in (("zh", "km"), ("km", "en"), ("th", "id")):
            with pytest.raises(TranslatorUnavailable) as caught:
                backend.translate(["x"], source=source, target=target)
            assert caught.value.reason == "unsupported"
        assert server.translate_calls() == []


def test_slow_server_times_out_quickly():
    with FakeLibreTranslate(delay=3) as server:
        backend = LibreTranslateTranslator(server.url, timeout=0.3)
        started = time.monotonic()
        with pytest.raises(TranslatorUnavailable) as caught:
            backend.translate(["hello"], source="en", target="th")
        elapsed = time.monotonic() - started
    assert caught.value.reason == "unreachable" and "timeout 0.3 s" in caught.value.detail
    assert elapsed < 2


def test_nothing_listening_is_unreachable():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed when the block ends: nothing listens there
    backend = LibreTranslateTranslator(f"http://127.0.0.1:{port}", timeout=2)
    with pytest.raises(TranslatorUnavailable) as caught:
        backend.translate(["hello"], source="en", target="th")
    assert caught.value.reason == "unreachable"
    with translation.override("en"):
        message = configured.message_for(caught.value)
    assert message == "The translation service did not answer. Try again later."


def test_an_answer_that_is_not_json_is_refused():
    with FakeLibreTranslate(broken=True) as server, pytest.raises(TranslatorUnavailable) as caught:
        LibreTranslateTranslator(server.url).translate(["hello"], source="en", target="th")
    assert caught.value.reason == "refused" and "JSON" in caught.value.detail
