"""Machine translation behind one small interface, so that Lintas can pre-fill a translation a
person then confirms, and translate a message in a conversation on request.

No Django import: the backends are plain classes over plain strings (tests and the command line
use them directly); :func:`lintas.core.translator.get_translator` builds the configured one.

Backends:

* :class:`NullTranslator` (the default): machine translation is off; asking for one raises
  :class:`TranslatorUnavailable` with ``reason="not_configured"``.
* :class:`LibreTranslateTranslator`: any server speaking LibreTranslate's HTTP API
  (``POST /translate``, ``GET /languages``), self-hosted beside Lintas or a provider's, with an
  optional API key and a timeout. See docs/profile-translations.md.

Machine output is never shown as a person's text: callers label it "Machine translation".
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Protocol, runtime_checkable

# Platform content language -> the codes a LibreTranslate server may use for it, in order.
SERVER_CODES = {
    "zh": ("zh", "zh-Hans", "zh-CN"),
    "fil": ("tl", "fil"),
}


class TranslatorUnavailable(Exception):
    """Machine translation could not be done. ``reason`` says why, for the person's message:
    ``not_configured``, ``unreachable`` (no answer, timeout), ``unsupported`` (language pair),
    ``refused`` (the server answered with an error: bad key, quota, bad request)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@runtime_checkable
class Translator(Protocol):
    """Translate plain texts between platform languages (``en``, ``zh``, ``th``…).

    ``source=None`` lets the backend detect the language. Returns one text per input text, in
    order, or raises :class:`TranslatorUnavailable`."""

    name: str

    def is_configured(self) -> bool: ...

    def translate(self, texts: list[str], *, source: str | None, target: str) -> list[str]: ...


class NullTranslator:
    """No machine translation (the default): pages hide the buttons that would need it."""

    name = "none"

    def is_configured(self) -> bool:
        return False

    def translate(self, texts, *, source, target):
        raise TranslatorUnavailable("not_configured", "LINTAS_TRANSLATOR_URL is not set")


class LibreTranslateTranslator:
    """A LibreTranslate-compatible HTTP service.

    ``GET /languages`` (cached for ``languages_ttl`` seconds) tells which pairs the server
    offers and which code it uses for each platform language; ``POST /translate`` with
    ``{"q", "source", "target", "format": "text", "api_key"}`` answers
    ``{"translatedText": ...}`` or an error status with ``{"error": "..."}``."""

    name = "libretranslate"

    def __init__(
        self, url: str, *, api_key: str = "", timeout: float = 10.0, languages_ttl: float = 600
    ):
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.languages_ttl = languages_ttl
        self._languages: dict[str, set[str]] | None = None
        self._languages_at = 0.0

    def is_configured(self) -> bool:
        return bool(self.url)

    # HTTP

    def _request(self, path: str, payload: dict | None = None):
        data = None
        headers = {"Accept": "application/json", "User-Agent": "Lintas"}
        if payload is not None:
            data = json.dumps(payload).encode("utf-8")
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.url + path, data=data, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = response.read()
        except urllib.error.HTTPError as error:
            raise TranslatorUnavailable(
                "refused", f"HTTP {error.code}: {_error_text(error.read())}"
            ) from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise TranslatorUnavailable(
                "unreachable", f"{self.url}{path}: {reason} (timeout {self.timeout:g} s)"
            ) from error
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise TranslatorUnavailable(
                "refused", f"{self.url}{path} did not answer JSON"
            ) from error

    def languages(self) -> dict[str, set[str]]:
        """Server code -> the server codes it translates into."""
        now = time.monotonic()
        if self._languages is None or now - self._languages_at > self.languages_ttl:
            answer = self._request("/languages")
            if not isinstance(answer, list):
                raise TranslatorUnavailable("refused", "/languages did not answer a list")
            self._languages = {
                str(item["code"]): {str(t) for t in item.get("targets", [])}
                for item in answer
                if isinstance(item, dict) and "code" in item
            }
            self._languages_at = now
        return self._languages

    def _server_code(self, language: str) -> str | None:
        known = self.languages()
        for code in SERVER_CODES.get(language, (language,)):
            if code in known:
                return code
        return None

    def translate(self, texts, *, source, target):
        if not self.url:
            raise TranslatorUnavailable("not_configured", "no URL")
        to = self._server_code(target)
        src = "auto" if source is None else self._server_code(source)
        if to is None or src is None:
            raise TranslatorUnavailable("unsupported", f"{source or 'auto'} → {target}")
        if src != "auto" and to not in self.languages().get(src, {to}):
            raise TranslatorUnavailable("unsupported", f"{source} → {target}")
        results = []
        for text in texts:
            if not text.strip():
                results.append(text)
                continue
            payload = {"q": text, "source": src, "target": to, "format": "text"}
            if self.api_key:
                payload["api_key"] = self.api_key
            answer = self._request("/translate", payload)
            translated = answer.get("translatedText") if isinstance(answer, dict) else None
            if not isinstance(translated, str):
                raise TranslatorUnavailable("refused", "/translate answered no translatedText")
            results.append(translated)
        return results


def _error_text(body: bytes) -> str:
    try:
        answer = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return body[:200].decode("utf-8", "replace")
    if isinstance(answer, dict) and "error" in answer:
        return str(answer["error"])[:200]
    return str(answer)[:200]
