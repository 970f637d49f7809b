"""The production profile (LINTAS_PRODUCTION=1) and the Content-Security-Policy."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

SRC = Path(__file__).resolve().parents[2] / "src" / "lintas"
LINTAS = str(Path(sys.executable).with_name("lintas"))


def run(args, **env):
    # The browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE for this process (Playwright);
    # a deployment never has it, and `check --deploy` rightly fails on it (async.E001).
    parent = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        args,
        env={**parent, "DJANGO_SETTINGS_MODULE": "lintas.settings", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def production_settings(**env):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k, None) for k in ("
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', "
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_PROXY_SSL_HEADER', "
        "'EMAIL_BACKEND')}))"
    )
    result = run([sys.executable, "-c", code], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_profile_turns_on_https_settings(tmp_path):
    on = production_settings(LINTAS_PRODUCTION="1", LINTAS_DATA_DIR=str(tmp_path))
    assert on == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    }
    off = production_settings(LINTAS_PRODUCTION="0", LINTAS_DATA_DIR=str(tmp_path))
    assert (off["SESSION_COOKIE_SECURE"], off["SECURE_SSL_REDIRECT"]) == (False, False)
    assert off["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_proxy_ssl_header_is_configurable(tmp_path):
    on = production_settings(
        LINTAS_PRODUCTION="1", LINTAS_PROXY_SSL_HEADER="X-Scheme", LINTAS_DATA_DIR=str(tmp_path)
    )
    assert on["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_SCHEME", "https"]


def test_deploy_check_passes_only_with_the_production_profile(tmp_path):
    check = [LINTAS, "check", "--deploy", "--fail-level", "WARNING"]
    production = {
        "LINTAS_PRODUCTION": "1",
        "LINTAS_SITE_URL": "https://lintas.example",
        "LINTAS_ALLOWED_HOSTS": "lintas.example",
        "LINTAS_DATA_DIR": str(tmp_path),
    }
    ok = run(check, **production)
    assert (ok.returncode, ok.stderr.strip().splitlines()[-1:]) == (
        0,
        [],
    ), ok.stderr
    assert "System check identified no issues" in ok.stdout
    plain = run(check, **{**production, "LINTAS_PRODUCTION": "0"})
    assert plain.returncode == 1
    assert "security.W004" in plain.stderr  # no HSTS without the profile
    assert "lintas.W001" in plain.stderr  # console e-mail without the profile
    console = run(
        check, **production, LINTAS_EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend"
    )
    assert (console.returncode, "lintas.W001" in console.stderr) == (1, True)
    http = run(check, **{**production, "LINTAS_SITE_URL": "http://lintas.example"})
    assert (http.returncode, "lintas.W002" in http.stderr) == (1, True)
    # A broker means worker processes: a per-process cache would not be shared with them.
    broker = {**production, "LINTAS_CELERY_BROKER_URL": "redis://127.0.0.1:6379/0"}
    alone = run(check, **broker)
    assert (alone.returncode, "lintas.W003" in alone.stderr) == (1, True), alone.stderr
    shared = run(check, **broker, LINTAS_CACHE_URL="redis://127.0.0.1:6379/1")
    assert (shared.returncode, "lintas.W003" in shared.stderr) == (0, False), shared.stderr


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy():
    response = Client().get("/")
    assert response.status_code == 200
    directives = sorted(part.strip() for part in response["Content-Security-Policy"].split(";"))
    assert directives == [
        "base-uri 'self'",
        "connect-src 'self'",
        "default-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "img-src 'self' data:",
        "object-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
    ]


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"""\son[a-z]+\s*=\s*["']""", re.I), "inline event handler"),
    (re.compile(r"""\sstyle\s*=\s*["']""", re.I), "style attribute"),
    (re.compile(r"<style[\s>]", re.I), "<style> element"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_no_template_or_generated_html_has_inline_script_or_style():
    found = []
    files = [*SRC.glob("**/templates/**/*.html"), SRC / "insights" / "charts.py"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                found.append(f"{path.relative_to(SRC)}: {what}: {match.group(0)!r}")
    assert found == []
    assert len(files) > 50  # the scan saw the templates


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/offers/", "/account/login/", "/api/docs/", "/insights/"])
def test_rendered_pages_have_no_inline_script_or_style(path):
    response = Client().get(path, follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script" in body  # the page does load scripts, from files
    assert [what for pattern, what in INLINE if pattern.search(body)] == []
