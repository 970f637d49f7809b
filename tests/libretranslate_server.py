"""A small HTTP server speaking LibreTranslate's contract (``GET /languages``,
``POST /translate``) on a real socket, for tests of the HTTP backend and the pages that use it.

It "translates" from a fixed phrase book, else answers ``[<target>] <text>``; it records every
request; ``api_key`` set: requests without that key get 403 like LibreTranslate's; ``delay``
seconds before answering; ``broken``: answers HTML instead of JSON.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LANGUAGES = [
    {"code": "en", "name": "English", "targets": ["en", "zh-Hans", "th", "id", "tl"]},
    {"code": "zh-Hans", "name": "Chinese", "targets": ["en", "zh-Hans", "th", "id"]},
    {"code": "th", "name": "Thai", "targets": ["en", "zh-Hans", "th"]},
    {"code": "id", "name": "Indonesian", "targets": ["en", "zh-Hans", "id"]},
    {"code": "tl", "name": "Tagalog", "targets": ["en", "tl"]},
]

PHRASES = {
    ("zh-Hans", "th", "耐盐水稻品种"): "พันธุ์ข้าวทนเค็ม",
    ("zh-Hans", "th", "在盐碱地种植的水稻。"): "ข้าวที่ปลูกในดินเค็ม",
    ("zh-Hans", "id", "我们可以下周见面。"): "Kita bisa bertemu minggu depan.",
    ("auto", "id", "我们可以下周见面。"): "Kita bisa bertemu minggu depan.",
}


class FakeLibreTranslate:
    def __init__(self, *, api_key: str = "", delay: float = 0.0, broken: bool = False):
        self.api_key = api_key
        self.delay = delay
        self.broken = broken
        self.requests: list[tuple[str, dict | None]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def _answer(self, status: int, payload) -> None:
                time.sleep(server.delay)
                body = (
                    b"<html>oops</html>" if server.broken else json.dumps(payload).encode("utf-8")
                )
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)  # the client may have given up (timeout test)

            def do_GET(self):
                server.requests.append((self.path, None))
                if self.path == "/languages":
                    self._answer(200, LANGUAGES)
                else:
                    self._answer(404, {"error": "Not Found"})

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                data = json.loads(self.rfile.read(length) or b"{}")
                server.requests.append((self.path, data))
                if self.path != "/translate":
                    return self._answer(404, {"error": "Not Found"})
                if server.api_key and data.get("api_key") != server.api_key:
                    return self._answer(403, {"error": "Invalid API key"})
                source, target, text = data.get("source"), data.get("target"), data.get("q")
                codes = {lang["code"] for lang in LANGUAGES}
                if target not in codes or (source != "auto" and source not in codes):
                    return self._answer(400, {"error": f"{target} is not supported"})
                translated = PHRASES.get((source, target, text), f"[{target}] {text}")
                self._answer(200, {"translatedText": translated})

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def translate_calls(self) -> list[dict]:
        return [data for path, data in self.requests if path == "/translate"]
