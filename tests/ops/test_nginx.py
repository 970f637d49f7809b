"""The committed nginx file (docs/deploy/nginx.conf) in front of a real `lintas serve` with the
production profile. Ports, the certificate and folders are moved into a temporary folder; every
other line is the file as committed.

Skipped when nginx is not installed, unless LINTAS_REQUIRE_NGINX=1 (.ci/run installs it)."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import ssl
import subprocess
import sys

import pytest

from tests.ops.procs import ROOT, Proc, base_env, free_port, lintas, serve, wait_healthy, wait_until

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
MAKE_ATTACHMENT = f"""
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from lintas.catalogue.domain import attachments
from tests.factories import OrganisationFactory, ProfileFactory, UserFactory
org = OrganisationFactory()
user = UserFactory(organisation=org, role="provider")
profile = ProfileFactory(kind="offer", organisation=org, created_by=user, status="draft")
item = attachments.add_attachment(user=user, profile=profile, title="Brochure",
    upload=SimpleUploadedFile("brochure.pdf", {PDF!r}), confidential=False)
profile.status = "published"
profile.save()
print(item.get_download_url())
"""
CONF = ROOT / "docs" / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)


def require_nginx():
    if NGINX is None:
        if os.environ.get("LINTAS_REQUIRE_NGINX"):
            pytest.fail("nginx is required (LINTAS_REQUIRE_NGINX=1) but not installed")
        pytest.skip("nginx is not installed (apt-get install nginx-light)")


def site_conf(*, http_port: int, https_port: int, web_port: int, tmp, data) -> str:
    text = CONF.read_text(encoding="utf-8")
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "server 127.0.0.1:8000 ": f"server 127.0.0.1:{web_port} ",
        "/etc/ssl/lintas/fullchain.pem": str(tmp / "cert.pem"),
        "/etc/ssl/lintas/privkey.pem": str(tmp / "key.pem"),
        "/srv/lintas/var/": f"{data}/",
    }
    for old, new in replacements.items():
        assert old in text, f"{old!r} is no longer in {CONF.name}: update this test"
        text = text.replace(old, new)
    return text


def main_conf(tmp, site: str) -> str:
    user = "user root root;" if os.geteuid() == 0 else ""
    return f"""{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log info;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    log_format rid '$remote_addr "$request" $status $request_id';
    access_log {tmp}/access.log rid;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/site.conf;
}}
"""


def request(port, path, *, tls: bool, headers=None, method="GET"):
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        conn = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, path, headers={"Host": "lintas.example", **(headers or {})})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, response, body


def test_nginx_recipe_in_front_of_lintas_serve(tmp_path):
    require_nginx()
    data = tmp_path / "data"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=lintas.example",
            "-keyout",
            str(tmp_path / "key.pem"),
            "-out",
            str(tmp_path / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    web_port, http_port, https_port = free_port(), free_port(), free_port()
    (tmp_path / "site.conf").write_text(
        site_conf(
            http_port=http_port, https_port=https_port, web_port=web_port, tmp=tmp_path, data=data
        )
    )
    (tmp_path / "nginx.conf").write_text(main_conf(tmp_path, "site.conf"))
    env = base_env(
        LINTAS_DATA_DIR=data,
        LINTAS_PRODUCTION="1",
        LINTAS_SITE_URL="https://lintas.example",
        LINTAS_ALLOWED_HOSTS="lintas.example",
        LINTAS_CLIENT_IP_HEADER="X-Forwarded-For",
        LINTAS_FILE_ACCEL_REDIRECT="/_protected/",
        LINTAS_LOG_FORMAT="json",
        LINTAS_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    result = lintas("migrate", "--noinput", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    check = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    web = serve(port=web_port, env=env, log=tmp_path / "serve.log", workers=2)
    nginx = Proc(
        [NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"],
        env=dict(os.environ),
        log=tmp_path / "nginx.out",
    )
    try:
        wait_healthy(f"http://127.0.0.1:{web_port}", web)
        wait_until(lambda: (tmp_path / "nginx.pid").exists(), timeout=20, proc=nginx, what="nginx")

        # Plain HTTP: redirected to HTTPS, whatever the path.
        status, response, _ = request(http_port, "/catalogue/?q=rice", tls=False)
        assert status == 301
        assert response.getheader("Location") == "https://lintas.example/catalogue/?q=rice"

        # HTTPS: the page, with the production profile's headers; no redirect loop, because
        # nginx tells Lintas the request was HTTPS.
        status, response, page = request(
            https_port,
            "/account/login/",
            tls=True,
            headers={"X-Forwarded-Proto": "http", "X-Request-ID": "client-made-up"},
        )
        assert status == 200, page[:500]
        assert "max-age=31536000" in response.getheader("Strict-Transport-Security")
        cookies = response.getheader("Set-Cookie") or ""
        assert "csrftoken" in cookies and "Secure" in cookies
        request_id = response.getheader("X-Request-ID")
        assert request_id and request_id != "client-made-up" and len(request_id) == 32

        # nginx's request id is the one in Lintas' JSON log line.
        def logged():
            for line in web.output().splitlines():
                if line.startswith("{"):
                    entry = json.loads(line)
                    if entry.get("request_id") == request_id and entry.get("status") == 200:
                        return entry
            return None

        entry = wait_until(logged, timeout=20, proc=web, what="request log line")
        assert entry["path"] == "/account/login/"
        # nginx writes its access line when it finalises the request, which can be just after
        # the client has read the response: wait for it rather than read once.
        access = tmp_path / "access.log"
        assert wait_until(
            lambda: access.exists() and request_id in access.read_text(),
            timeout=20,
            proc=nginx,
            what="nginx access log line",
        )

        # The probes answer local callers through the proxy (outsiders get 403 from nginx).
        status, _, body = request(https_port, "/readyz", tls=True)
        assert status == 200 and json.loads(body)["status"] == "ok"
        status, _, _ = request(https_port, "/_protected/anything.pdf", tls=True)
        assert status == 404  # internal: only Lintas' X-Accel-Redirect reaches it

        # A public attachment: Lintas checks the permission, nginx streams the file.
        made = subprocess.run(
            [sys.executable, "-c", MAKE_ATTACHMENT],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            cwd=ROOT,
        )
        assert made.returncode == 0, made.stderr[-2000:]
        url = made.stdout.strip().splitlines()[-1]
        status, response, body = request(https_port, url, tls=True)
        assert status == 200
        assert body == PDF
        assert response.getheader("X-Accel-Redirect") is None
        assert response.getheader("Content-Disposition") == 'attachment; filename="Brochure.pdf"'
        assert response.getheader("X-Content-Type-Options") == "nosniff"
    finally:
        nginx.stop()
        web.stop()
