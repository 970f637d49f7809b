"""The broker inbox's events section (issue 13 §1), answered through the brokerage's
documented ``inbox_sections`` signal: registrations to validate, schedules to run."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lintas.brokerage.domain import inbox
from lintas.events.domain import registration, requests, scheduling
from lintas.events.models import Participant
from tests.conftest import login
from tests.events.conftest import enrol
from tests.factories import EventFactory, OrganisationFactory, UserFactory


def counts(user, **filters) -> dict:
    return {s.key: s.count for s in inbox.build(user=user, lists=False, **filters)}


@pytest.mark.django_db
def test_pending_registration_then_validated(event, broker, seeker, need):
    participant = enrol(seeker, event, broker, [need], validated=False)
    assert counts(broker)["events"] == 1
    body = login(broker).get(reverse("brokerage:inbox")).content.decode()
    assert 'data-item="events"' in body
    assert "Matchmaking 2030" in body
    assert "1 registration to validate" in body
    assert reverse("events:registrations", args=[event.slug]) + "?status=pending" in body
    registration.decide_participant(user=broker, participant=participant, accept=True)
    assert counts(broker)["events"] == 0


@pytest.mark.django_db
def test_accepted_request_waits_for_the_scheduler(event, broker, p_provider, p_seeker, seeker):
    request = requests.send_request(user=seeker, event=event, receiver=p_provider)
    assert counts(broker)["events"] == 0  # requested, not accepted yet
    requests.decide_request(user=p_provider.user, request=request, accept=True)
    assert counts(broker)["events"] == 1
    body = login(broker).get(reverse("brokerage:inbox")).content.decode()
    assert "1 accepted meeting not scheduled" in body
    assert reverse("events:schedule", args=[event.slug]) in body
    scheduling.run_scheduler(user=broker, event=event)
    assert counts(broker)["events"] == 0


@pytest.mark.django_db
def test_past_events_are_left_out(broker, seeker):
    old = EventFactory(starts_on=dt.date(2020, 1, 1))
    Participant.objects.create(event=old, user=seeker)
    assert counts(broker)["events"] == 0


@pytest.mark.django_db
def test_filters_and_scope(event, broker, seeker, need):
    enrol(seeker, event, broker, [need], validated=False)  # seeker_org is Indonesian
    assert counts(broker, country="ID")["events"] == 1
    assert counts(broker, country="TH")["events"] == 0
    assert counts(broker, sector="agriculture")["events"] == 1
    assert counts(broker, sector="energy")["events"] == 0
    assert counts(broker, language="en")["events"] == 1
    assert counts(broker, language="th")["events"] == 0
    event.created_by = broker
    event.save()
    other = UserFactory(role="broker", organisation=OrganisationFactory(country="TH"))
    assert counts(broker, scope="mine")["events"] == 1
    assert counts(other, scope="mine")["events"] == 0
    assert counts(other, scope="countries")["events"] == 0
    api = login(broker).get("/api/v1/inbox/?country=ID").json()
    assert {s["key"]: s["count"] for s in api["sections"]}["events"] == 1


@pytest.mark.django_db
def test_inbox_events_section_query_count_is_flat(broker, seeker):
    client = login(broker)

    def add(n):
        for _ in range(n):
            Participant.objects.create(event=EventFactory(), user=UserFactory(role="seeker"))

    add(1)
    client.get(reverse("brokerage:inbox"))
    with CaptureQueriesContext(connection) as one:
        body = client.get(reverse("brokerage:inbox")).content.decode()
    assert body.count('data-item="events"') == 1
    add(2)
    with CaptureQueriesContext(connection) as three:
        body = client.get(reverse("brokerage:inbox")).content.decode()
    assert body.count('data-item="events"') == 3
    assert len(three) == len(one), [q["sql"] for q in three.captured_queries]


@pytest.mark.django_db
def test_cancelled_event_leaves_the_inbox(event, broker, seeker, need):
    from lintas.events.domain import events as event_domain

    enrol(seeker, event, broker, [need], validated=False)
    assert counts(broker)["events"] == 1
    event_domain.cancel_event(user=broker, event=event, reason="Typhoon")
    assert counts(broker)["events"] == 0
