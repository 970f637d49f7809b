import datetime as dt

import pytest
from django.utils import timezone

from lintas.events.domain import events as event_domain
from lintas.events.domain import registration
from tests.factories import EventFactory, ProfileFactory, UserFactory

DAY = dt.date(2030, 5, 20)


@pytest.fixture
def event(broker):
    event = EventFactory(
        slug="mm-2030",
        title="Matchmaking 2030",
        starts_on=DAY,
        registration_deadline=timezone.now() + dt.timedelta(days=30),
        max_requests_sent=2,
    )
    event_domain.add_session(
        user=broker,
        event=event,
        data={
            "date": DAY,
            "start_time": dt.time(9, 0),
            "end_time": dt.time(11, 0),
            "slot_minutes": 30,
            "tables": 2,
            "online": False,
        },
    )
    return event


@pytest.fixture
def need(seeker_org, seeker, sector):
    return ProfileFactory(
        kind="need",
        organisation=seeker_org,
        created_by=seeker,
        title="Rice for saline soil",
        status="published",
        sectors=[sector],
    )


def enrol(user, event, broker, profiles=(), validated=True):
    participant = registration.register(user=user, event=event, profiles=profiles)
    if validated:
        registration.decide_participant(user=broker, participant=participant, accept=True)
    return participant


@pytest.fixture
def p_provider(provider, event, broker, offer):
    return enrol(provider, event, broker, [offer])


@pytest.fixture
def p_seeker(seeker, event, broker, need):
    return enrol(seeker, event, broker, [need])


def extra_participants(event, broker, n):
    return [enrol(UserFactory(role="seeker"), event, broker) for _ in range(n)]
