"""A participant's personal agenda holds their meetings and the forum's own sessions: the timed
sessions of the event's published programme (kept by talents, added through
core.signals.event_calendar_items). The ICS file writes them in UTC, with the programme file's
stable UIDs and the room; the API lists them beside the meetings (UTC); the reminder e-mail
lists them under their heading, in the participant's language and the site's zone."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from icalendar import Calendar
from rest_framework.test import APIClient

from lintas.events.domain import agenda as agenda_domain
from lintas.events.domain import events as event_domain
from lintas.events.domain import requests as req
from lintas.events.domain import scheduling
from lintas.talents.domain import abstracts
from tests.api.test_schema_conformance import violations
from tests.conftest import login
from tests.events.conftest import enrol
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def local(hour, minute=0):
    return timezone.make_aware(dt.datetime(2030, 5, 20, hour, minute))


@pytest.fixture
def programme(event, broker, seeker):
    """A call with three topics: Energy and Agriculture accepted and timed, Water accepted
    without a time."""
    event.venue = "Nanning International Convention Centre"
    event.save()
    call = abstracts.open_call(
        user=broker, event=event,
        data={"title": "Call for abstracts", "topics": "Agriculture, Energy, Water",
              "deadline": timezone.now() + dt.timedelta(days=10), "reviews_per_abstract": 1},
    )  # fmt: skip
    for title, topic in (("Salt-tolerant rice", "Agriculture"), ("Solar dryers", "Energy"),
                         ("Drip irrigation", "Water")):  # fmt: skip
        item = abstracts.submit_abstract(
            user=seeker, call=call, title=title, text=f"{title} for coastal provinces.",
            authors="Siti Rahma, Chen Wei", topic=topic, language="en",
        )  # fmt: skip
        abstracts.decide(user=broker, abstract=item, accept=True)
    abstracts.schedule_session(user=broker, call=call, topic="Energy", starts_at=local(11),
                               ends_at=local(12, 30), room="Hall B")  # fmt: skip
    abstracts.schedule_session(user=broker, call=call, topic="Agriculture",
                               starts_at=local(14), ends_at=local(15))  # fmt: skip
    return call


def agenda(user, event):
    response = login(user).get(reverse("events:agenda_ics", args=[event.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return response.content, Calendar.from_ical(response.content).walk("VEVENT")


def test_the_agenda_holds_the_published_programme_sessions_in_utc(
    event, broker, p_provider, p_seeker, programme
):
    req.organiser_add_request(user=broker, event=event, sender=p_seeker, receiver=p_provider)
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    # Not published yet: the meeting only.
    _raw, items = agenda(p_seeker.user, event)
    assert [str(e["uid"]).split("-")[0] for e in items] == ["meeting"]

    abstracts.publish_programme(user=broker, call=programme)
    raw, items = agenda(p_seeker.user, event)
    assert len(items) == 3
    meeting, energy, agriculture = items
    assert str(meeting["uid"]).startswith("meeting-")
    assert str(energy["summary"]) == "Matchmaking 2030: Energy"
    assert str(energy["location"]) == "Hall B, Nanning International Convention Centre, Nanning"
    assert str(agriculture["location"]) == "Nanning International Convention Centre, Nanning"
    assert "Solar dryers — Siti Rahma" in str(energy["description"])
    # 11:00 in Nanning is 03:00 UTC, written as UTC.
    assert energy.decoded("dtstart") == local(11) and energy.decoded("dtend") == local(12, 30)
    assert b"DTSTART:20300520T030000Z" in raw and b"DTEND:20300520T043000Z" in raw
    assert b"DTSTART:20300520T060000Z" in raw  # Agriculture at 14:00
    assert b"Water" not in raw  # no time yet, so not in a calendar
    # The same UIDs as the programme's own calendar file, so a calendar holding both keeps one.
    programme_file = login(p_seeker.user).get(
        reverse("talents:abstract_programme_ics", args=[programme.pk])
    )
    shared = {str(e["uid"]) for e in Calendar.from_ical(programme_file.content).walk("VEVENT")}
    assert shared == {str(energy["uid"]), str(agriculture["uid"])}
    # Moving a session moves it in the agenda under the same UID.
    abstracts.schedule_session(user=broker, call=programme, topic="Energy", starts_at=local(16),
                               ends_at=local(17), room="Hall C")  # fmt: skip
    _raw, moved = agenda(p_seeker.user, event)
    (again,) = [e for e in moved if str(e["uid"]) == str(energy["uid"])]
    assert again.decoded("dtstart") == local(16) and str(again["location"]).startswith("Hall C")
    # The other participant's agenda has the same sessions.
    _raw, theirs = agenda(p_provider.user, event)
    assert {str(e["uid"]) for e in theirs} >= shared


def test_only_validated_participants_get_the_sessions(event, broker, p_seeker, programme):
    abstracts.publish_programme(user=broker, call=programme)
    pending = enrol(UserFactory(username="waiting", role="seeker"), event, broker, validated=False)
    assert agenda(pending.user, event)[1] == []
    assert len(agenda(p_seeker.user, event)[1]) == 2


def test_a_cancelled_event_keeps_only_the_sessions_already_begun(
    event, broker, p_seeker, programme
):
    abstracts.publish_programme(user=broker, call=programme)
    event_domain.cancel_event(user=broker, event=event, reason="Typhoon warning.")
    assert agenda(p_seeker.user, event)[1] == []  # both sessions were still to come
    # Had it been cancelled at noon of the forum's day, Energy (11:00) would have begun.
    begun = agenda_domain.forum_sessions(p_seeker, now=local(12))
    assert [item["summary"] for item in begun] == ["Matchmaking 2030: Energy"]


def test_the_agenda_page_and_its_print_list_the_sessions_in_the_readers_language(
    event, broker, p_seeker, programme
):
    page = reverse("events:agenda", args=[event.slug])
    printed = reverse("events:agenda_print", args=[event.slug])
    client = login(p_seeker.user)
    before = client.get(page, HTTP_ACCEPT_LANGUAGE="id")
    assert before.status_code == 200 and "Agenda saya" in before.content.decode()
    assert 'id="forum-sessions"' not in before.content.decode()  # not published yet

    abstracts.publish_programme(user=broker, call=programme)
    for url in (page, printed):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="id")
        assert response.status_code == 200
        html = response.content.decode()
        assert "<h2>Program forum</h2>" in html
        # In order, local time, the topic, the room with the venue, the talks with speakers.
        energy, agriculture = html.index("2030-05-20 11:00–12:30"), html.index("2030-05-20 14:00")
        assert energy < agriculture
        assert 'Energy <span class="meta">· Hall B, Nanning International Convention' in html
        assert "Solar dryers — Siti Rahma" in html
        assert "Water" not in html[html.index('id="forum-sessions"') :]  # untimed: left out
    # A participant not yet validated sees no sessions (as in the calendar file).
    pending = enrol(UserFactory(username="waiting", role="seeker"), event, broker, validated=False)
    response = login(pending.user).get(page)
    assert response.status_code == 200 and 'id="forum-sessions"' not in response.content.decode()


def api_sessions(user, event):
    client = APIClient()
    client.force_authenticate(user)
    return client.get(f"/api/v1/events/{event.slug}/agenda/sessions/")


def test_the_api_lists_the_sessions_beside_the_meetings_in_utc(
    event, broker, p_provider, p_seeker, programme, settings
):
    settings.SITE_URL = "https://lintas.example"
    req.organiser_add_request(user=broker, event=event, sender=p_seeker, receiver=p_provider)
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    assert api_sessions(p_seeker.user, event).json() == []  # not published yet

    abstracts.publish_programme(user=broker, call=programme)
    response = api_sessions(p_seeker.user, event)
    assert response.status_code == 200
    energy, agriculture = response.json()
    _raw, (_meeting, *in_ics) = agenda(p_seeker.user, event)
    assert [energy["uid"], agriculture["uid"]] == [str(e["uid"]) for e in in_ics]
    assert energy == {
        "uid": f"forum-session-{programme.sessions.get(topic='Energy').pk}@lintas.example",
        "starts_at": "2030-05-20T03:00:00Z",  # 11:00 in Nanning
        "ends_at": "2030-05-20T04:30:00Z",
        "title": "Energy",
        "summary": "Matchmaking 2030: Energy",
        "location": "Hall B, Nanning International Convention Centre, Nanning",
        "description": "Solar dryers — Siti Rahma",
    }
    assert (agriculture["title"], agriculture["starts_at"]) == (
        "Agriculture",
        "2030-05-20T06:00:00Z",
    )
    # The meetings' own list is unchanged: meetings only.
    client = APIClient()
    client.force_authenticate(p_seeker.user)
    meetings = client.get(f"/api/v1/events/{event.slug}/agenda/").json()
    assert len(meetings) == 1 and "request" in meetings[0]
    # The answer is what the schema says.
    openapi = SchemaGenerator().get_schema(request=None, public=True)
    path = "/api/v1/events/{slug}/agenda/sessions/"
    assert violations(openapi, path, "get", response.json()) == []
    item = openapi["components"]["schemas"]["AgendaSession"]
    assert item["properties"]["starts_at"]["format"] == "date-time"


def test_the_api_gives_sessions_to_validated_participants_only(
    event, broker, p_seeker, programme, seeker_org
):
    abstracts.publish_programme(user=broker, call=programme)
    pending = enrol(UserFactory(username="waiting", role="seeker"), event, broker, validated=False)
    response = api_sessions(pending.user, event)
    assert response.status_code == 200 and response.json() == []
    assert len(api_sessions(p_seeker.user, event).json()) == 2
    # Someone not registered at all has no agenda; nor has an anonymous visitor.
    assert api_sessions(UserFactory(username="outsider"), event).status_code == 403
    anonymous = APIClient().get(f"/api/v1/events/{event.slug}/agenda/sessions/")
    assert anonymous.status_code in (401, 403)


def test_the_reminder_lists_the_sessions_under_their_heading_in_the_participants_language(
    event, broker, p_provider, p_seeker, programme
):
    p_seeker.user.language = "id"
    p_seeker.user.save()
    req.organiser_add_request(user=broker, event=event, sender=p_seeker, receiver=p_provider)
    scheduling.run_scheduler(user=broker, event=event, time_limit=2)
    assert agenda_domain.send_reminders(event=event) == 2
    before = next(m for m in mail.outbox if m.to == [p_seeker.user.email])
    assert "Program forum" not in before.body  # not published yet: meetings only

    mail.outbox.clear()
    abstracts.publish_programme(user=broker, call=programme)
    assert agenda_domain.send_reminders(event=event) == 2
    body = next(m for m in mail.outbox if m.to == [p_seeker.user.email]).body
    assert str(p_provider) in body
    lines = body.splitlines()
    heading = lines.index("Program forum")  # events' own "Forum programme", in Indonesian
    meeting = next(i for i, line in enumerate(lines) if str(p_provider) in line)
    assert meeting < heading  # the meetings first, then the forum's sessions
    # The site's zone (Nanning's 11:00, not 03:00 UTC), like the meetings above them.
    assert lines[heading + 2 : heading + 6] == [
        "2030-05-20 11:00–12:30 · Energy · Hall B, Nanning International Convention Centre, "
        "Nanning",
        "  Solar dryers — Siti Rahma",
        "2030-05-20 14:00–15:00 · Agriculture · Nanning International Convention Centre, Nanning",
        "  Salt-tolerant rice — Siti Rahma",
    ]
    assert "Water" not in body  # untimed: not in the reminder either
    assert lines[0].startswith("Yth. ") and "Agenda Anda daring: " in body
    # The other participant reads it in English.
    other = next(m for m in mail.outbox if m.to == [p_provider.user.email]).body
    assert "Forum programme" in other.splitlines()
