"""DNS rebinding: a partner's name may answer a public address when the URL is checked and
127.0.0.1 a moment later. A delivery resolves the name once (``webhooks.resolve``, replaced
here by a resolver the test controls), checks every address, and connects to that checked
address, keeping the URL's Host header, and for https the host name for SNI and the
certificate check."""

import ssl
import subprocess
import threading
from http.server import ThreadingHTTPServer

import pytest

from lintas.brokerage.domain import deals
from lintas.integrations.domain import webhooks
from lintas.integrations.models import Delivery
from tests.integrations.conftest import token_client
from tests.integrations.receiver import Receiver

pytestmark = pytest.mark.django_db

PUBLIC = "93.184.216.34"  # a global address (example.com's former one); nothing here reaches it


class Rebinding:
    """Answers ``first`` to the first question, ``then`` to every later one; counts them."""

    def __init__(self, first, then):
        self.first, self.then, self.asked = first, then, []

    def __call__(self, host, port):
        self.asked.append(host)
        return [self.first if len(self.asked) == 1 else self.then]


def register(client, url):
    answer = client.post(
        "/api/v1/webhooks/",
        {"name": "CRM", "url": url, "events": ["interest.expressed"]},
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    return answer.json()


def test_a_name_that_rebinds_to_localhost_never_reaches_a_local_server(
    monkeypatch, settings, receiver, offer, provider, seeker, django_capture_on_commit_callbacks
):
    settings.LINTAS = {**settings.LINTAS, "WEBHOOK_RETRIES": 0, "WEBHOOK_TIMEOUT": 1}
    port = receiver.server.server_address[1]
    # Registration: the name answers a public address, so the URL is accepted.
    monkeypatch.setattr(webhooks, "resolve", Rebinding(first=PUBLIC, then=PUBLIC))
    client, _ = token_client(provider)
    hook = register(client, f"http://rebind.partner.example:{port}/hooks/lintas")
    # Delivery: public when checked, 127.0.0.1 for anyone who asks again.
    rebinding = Rebinding(first=PUBLIC, then="127.0.0.1")
    monkeypatch.setattr(webhooks, "resolve", rebinding)
    with django_capture_on_commit_callbacks(execute=True):
        deals.express_interest(user=seeker, profile=offer, message="Hello")
    assert receiver.received == []  # the local server was never called
    assert rebinding.asked == ["rebind.partner.example"]  # resolved once, for this attempt
    delivery = Delivery.objects.get(webhook_id=hook["id"])
    assert delivery.status == "failed" and delivery.attempts_log[0]["error"]


def test_a_name_answering_a_private_address_at_delivery_is_refused(
    monkeypatch, receiver, offer, provider, seeker, django_capture_on_commit_callbacks
):
    port = receiver.server.server_address[1]
    monkeypatch.setattr(webhooks, "resolve", Rebinding(first=PUBLIC, then=PUBLIC))
    client, _ = token_client(provider)
    hook = register(client, f"http://moved.partner.example:{port}/hooks/lintas")
    monkeypatch.setattr(webhooks, "resolve", Rebinding(first="127.0.0.1", then="127.0.0.1"))
    with django_capture_on_commit_callbacks(execute=True):
        deals.express_interest(user=seeker, profile=offer, message="Hello")
    assert receiver.received == []
    delivery = Delivery.objects.get(webhook_id=hook["id"])
    assert "not a private one" in delivery.attempts_log[0]["error"]


def test_a_delivery_goes_to_the_resolved_address_with_the_urls_host(
    monkeypatch, private_hooks, receiver, offer, provider, seeker,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    port = receiver.server.server_address[1]
    # The name exists only in this resolver: the request can arrive only through its answer.
    resolver = Rebinding(first="127.0.0.1", then="127.0.0.1")
    monkeypatch.setattr(webhooks, "resolve", resolver)
    client, _ = token_client(provider)
    hook = register(client, f"http://crm.partner.example:{port}/hooks/lintas?source=lintas")
    with django_capture_on_commit_callbacks(execute=True):
        deals.express_interest(user=seeker, profile=offer, message="Hello")
    [request] = receiver.received
    assert request.path == "/hooks/lintas?source=lintas"
    assert request.headers["Host"] == f"crm.partner.example:{port}"
    assert webhooks.verify(hook["secret"], request.body, request.headers["X-Lintas-Signature"])
    assert Delivery.objects.get(webhook_id=hook["id"]).status == "delivered"


# https: a local TLS receiver with a certificate for crm.partner.example, signed by a test CA.


def _openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def tls_receiver(tmp_path):
    """(receiver, CA file): a Receiver served over TLS as crm.partner.example."""
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out",
             "ca.pem", "-days", "2", "-subj", "/CN=Lintas test CA", cwd=tmp_path)  # fmt: skip
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "site.key", "-out", "site.csr",
             "-subj", "/CN=crm.partner.example", cwd=tmp_path)  # fmt: skip
    (tmp_path / "ext.cnf").write_text("subjectAltName=DNS:crm.partner.example\n")
    _openssl("x509", "-req", "-in", "site.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
             "-CAcreateserial", "-out", "site.pem", "-days", "2", "-extfile", "ext.cnf",
             cwd=tmp_path)  # fmt: skip
    server = Receiver().start()
    server.server.shutdown()  # serve the same handler again, over TLS
    server.server.server_close()
    handler = server.server.RequestHandlerClass
    tls = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tmp_path / "site.pem", tmp_path / "site.key")
    tls.socket = context.wrap_socket(tls.socket, server_side=True)
    server.server = tls
    threading.Thread(target=tls.serve_forever, daemon=True).start()
    yield server, tmp_path / "ca.pem"
    server.stop()


def test_https_checks_the_certificate_for_the_urls_host(
    monkeypatch, private_hooks, tls_receiver, offer, provider, seeker,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    server, ca = tls_receiver
    port = server.server.server_address[1]
    monkeypatch.setattr(webhooks, "resolve", lambda host, port: ["127.0.0.1"])
    monkeypatch.setattr(webhooks, "tls_context", lambda: ssl.create_default_context(cafile=ca))
    client, _ = token_client(provider)
    good = register(client, f"https://crm.partner.example:{port}/hooks/lintas")
    wrong = register(client, f"https://other.partner.example:{port}/hooks/lintas")
    with django_capture_on_commit_callbacks(execute=True):
        deals.express_interest(user=seeker, profile=offer, message="Hello")
    [request] = server.received  # only the name on the certificate was answered
    assert request.headers["Host"] == f"crm.partner.example:{port}"
    assert Delivery.objects.get(webhook_id=good["id"]).status == "delivered"
    refused = Delivery.objects.get(webhook_id=wrong["id"])
    assert refused.status != "delivered"
    assert "certificate" in refused.attempts_log[0]["error"].lower()
