"""Webhooks: a partner registers a URL and events; the events it may see arrive on its server
(a real local socket), signed with HMAC, retried with back-off, and logged (page and API)."""

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from lintas.brokerage.domain import agreements, deals
from lintas.catalogue.domain import lifecycle
from lintas.integrations.domain import webhooks
from lintas.integrations.models import Delivery, Webhook
from tests.conftest import login
from tests.factories import ProfileFactory
from tests.integrations.conftest import token_client
from tests.integrations.receiver import Receiver

pytestmark = pytest.mark.django_db


def register(client, url, events):
    answer = client.post(
        "/api/v1/webhooks/", {"name": "CRM", "url": url, "events": events}, format="json"
    )
    assert answer.status_code == 201, answer.json()
    return answer.json()


@pytest.fixture
def need(seeker_org, seeker, sector):
    return ProfileFactory(
        kind="need", organisation=seeker_org, created_by=seeker, status="published",
        sectors=[sector],
    )  # fmt: skip


def test_interest_reaches_the_owner_signed_and_not_an_outsider(
    private_hooks, receiver, offer, provider, seeker, outsider, broker,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    owner_client, _ = token_client(provider)
    hook = register(owner_client, receiver.url, ["interest.expressed", "introduction.made"])
    elsewhere = Receiver().start()
    try:
        outsider_client, _ = token_client(outsider)
        register(outsider_client, elsewhere.url, ["interest.expressed", "profile.published"])
        with django_capture_on_commit_callbacks(execute=True):
            deal = deals.express_interest(user=seeker, profile=offer, message="We need rice.")
        assert elsewhere.received == []  # an outsider may not see the deal: nothing is sent
    finally:
        elsewhere.stop()
    [request] = receiver.received
    assert request.path == "/hooks/lintas"
    assert request.headers["X-Lintas-Event"] == "interest.expressed"
    assert webhooks.verify(hook["secret"], request.body, request.headers["X-Lintas-Signature"])
    assert not webhooks.verify(
        "another secret", request.body, request.headers["X-Lintas-Signature"]
    )
    body = json.loads(request.body)
    assert body["event"] == "interest.expressed"
    assert body["id"] == request.headers["X-Lintas-Delivery"]
    assert body["data"]["deal"] == deal.pk
    assert body["data"]["profile"]["ref"] == offer.ref
    assert body["data"]["requester_organisation"] == "PT Tani Makmur"
    assert "contact" not in request.body.decode()  # no contact details before consent
    delivery = Delivery.objects.get(webhook_id=hook["id"])
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("delivered", 1, 200)

    with django_capture_on_commit_callbacks(execute=True):
        deals.respond(user=provider, deal=deal, accept=True)
    assert [r.headers["X-Lintas-Event"] for r in receiver.received] == [
        "interest.expressed",
        "introduction.made",
    ]


def test_publication_and_agreement_events(
    private_hooks, receiver, provider_org, provider, seeker_org, broker, sector,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    broker_client, _ = token_client(broker)
    register(broker_client, receiver.url, ["profile.published", "agreement.recorded"])
    draft = ProfileFactory(organisation=provider_org, status="submitted", sectors=[sector])
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.publish(user=broker, profile=draft)
    with django_capture_on_commit_callbacks(execute=True):
        agreement = agreements.record_agreement(
            user=broker,
            data={"title": "Rice licence", "type": "transfer", "signed_on": "2026-11-01"},
            parties=[provider_org, seeker_org],
            profiles=[draft],
        )
    events = [json.loads(r.body) for r in receiver.received]
    assert [e["event"] for e in events] == ["profile.published", "agreement.recorded"]
    assert events[0]["data"]["ref"] == draft.ref
    assert events[1]["data"]["agreement"] == agreement.pk
    assert events[1]["data"]["parties"] == sorted([provider_org.name, seeker_org.name])


def test_failed_delivery_is_retried_with_back_off_until_it_arrives(
    private_hooks, offer, provider, seeker, django_capture_on_commit_callbacks
):
    flaky = Receiver(answers=[500, 503, 200]).start()
    try:
        client, _ = token_client(provider)
        hook = register(client, flaky.url, ["interest.expressed"])
        with django_capture_on_commit_callbacks(execute=True):
            deals.express_interest(user=seeker, profile=offer, message="Hello")
    finally:
        flaky.stop()
    assert len(flaky.received) == 3
    assert len({r.headers["X-Lintas-Delivery"] for r in flaky.received}) == 1  # one delivery
    delivery = Delivery.objects.get(webhook_id=hook["id"])
    assert (delivery.status, delivery.attempts) == ("delivered", 3)
    assert [a["status"] for a in delivery.attempts_log] == [500, 503, 200]
    assert webhooks.backoff(1) < webhooks.backoff(2) < webhooks.backoff(3)
    log = client.get(f"/api/v1/webhooks/{hook['id']}/deliveries/").json()
    assert log["count"] == 1
    assert [a["status"] for a in log["results"][0]["attempts_log"]] == [500, 503, 200]


def test_delivery_gives_up_after_the_configured_retries(
    private_hooks, settings, offer, provider, seeker, django_capture_on_commit_callbacks
):
    settings.LINTAS = {**settings.LINTAS, "WEBHOOK_RETRIES": 2}
    down = Receiver(answers=[500]).start()
    try:
        client, _ = token_client(provider)
        hook = register(client, down.url, ["interest.expressed"])
        with django_capture_on_commit_callbacks(execute=True):
            deals.express_interest(user=seeker, profile=offer, message="Hello")
    finally:
        down.stop()
    delivery = Delivery.objects.get(webhook_id=hook["id"])
    assert (delivery.status, delivery.attempts, len(down.received)) == ("failed", 3, 3)
    page = login(provider).get(reverse("integrations:webhook", args=[hook["id"]]))
    html = page.content.decode()
    assert "Interest expressed" in html and "Failed" in html and "HTTP 500" in html


def test_unreachable_receiver_is_logged_not_raised(
    private_hooks, settings, offer, provider, seeker, django_capture_on_commit_callbacks
):
    settings.LINTAS = {**settings.LINTAS, "WEBHOOK_RETRIES": 0}
    gone = Receiver().start()
    url = gone.url
    gone.stop()  # nothing listens on that port any more
    client, _ = token_client(provider)
    hook = register(client, url, ["interest.expressed"])
    with django_capture_on_commit_callbacks(execute=True):
        deal = deals.express_interest(user=seeker, profile=offer, message="Hello")
    assert deal.pk  # the request itself went through
    delivery = Delivery.objects.get(webhook_id=hook["id"])
    assert delivery.status == "failed" and delivery.attempts_log[0]["error"]


def test_private_addresses_are_refused_unless_allowed(provider):
    client, _ = token_client(provider)
    for url in ("http://127.0.0.1:9/x", "http://10.0.0.5/hook", "http://169.254.169.254/latest"):
        answer = client.post(
            "/api/v1/webhooks/",
            {"name": "x", "url": url, "events": ["interest.expressed"]},
            format="json",
        )
        assert answer.status_code == 400
        assert list(answer.json()["errors"]) == ["url"]
    bad_event = client.post(
        "/api/v1/webhooks/",
        {"name": "x", "url": "https://93.184.216.34/hook", "events": ["everything"]},
        format="json",
    )
    assert bad_event.status_code == 400 and list(bad_event.json()["errors"]) == ["events.0"]
    assert Webhook.objects.count() == 0


def test_webhooks_and_logs_are_the_owners_only(private_hooks, receiver, provider, seeker):
    client, _ = token_client(provider)
    hook = register(client, receiver.url, ["interest.expressed"])
    other, _ = token_client(seeker)
    assert other.get("/api/v1/webhooks/").json()["count"] == 0
    assert other.get(f"/api/v1/webhooks/{hook['id']}/").status_code == 404
    assert other.get(f"/api/v1/webhooks/{hook['id']}/deliveries/").status_code == 404
    assert other.delete(f"/api/v1/webhooks/{hook['id']}/").status_code == 404
    assert login(seeker).get(reverse("integrations:webhook", args=[hook["id"]])).status_code == 404
    assert APIClient().get("/api/v1/webhooks/").status_code == 401
    changed = client.patch(
        f"/api/v1/webhooks/{hook['id']}/", {"active": False, "new_secret": True}, format="json"
    )
    assert changed.status_code == 200
    assert changed.json()["active"] is False and changed.json()["secret"] != hook["secret"]
    assert client.delete(f"/api/v1/webhooks/{hook['id']}/").status_code == 204
    assert Webhook.objects.count() == 0


def test_page_registers_and_resends(
    private_hooks, receiver, offer, provider, seeker, django_capture_on_commit_callbacks
):
    page = login(provider)
    answer = page.post(
        reverse("integrations:webhooks"),
        {"name": "Our CRM", "url": receiver.url, "events": ["interest.expressed"], "active": "on"},
    )
    hook = Webhook.objects.get(owner=provider)
    assert answer.status_code == 302 and answer["Location"] == hook.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        deals.express_interest(user=seeker, profile=offer, message="Hello")
    delivery = Delivery.objects.get(webhook=hook)
    html = page.get(hook.get_absolute_url()).content.decode()
    assert "Delivered" in html and hook.secret in html
    with django_capture_on_commit_callbacks(execute=True):
        page.post(reverse("integrations:delivery_resend", args=[delivery.pk]))
    assert len(receiver.received) == 2
    assert receiver.received[0].body == receiver.received[1].body  # the same delivery again
