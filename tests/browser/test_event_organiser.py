"""Acceptance of issue #19 §1 in Chromium: an organiser creates an event with two sessions,
validates participants in bulk, adds meeting requests by name (choosing among namesakes),
runs the scheduler, prints all agendas, checks people in with the search and the live
counters, marks a no-show once the slot has started, and reads an outcome report whose
"Meetings held" counts only ended meetings that were not no-shows. No page is under /admin/;
the organisers' pages fit a 360 px phone."""

import datetime as dt

import pytest
from django.db.models import F
from django.utils import timezone
from playwright.sync_api import expect

from lintas.events.domain import dayof, outcome
from lintas.events.domain import registration as registration_domain
from lintas.events.models import Event, Meeting, MeetingRequest, Participant, Slot
from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PEOPLE = [
    # username, first name, organisation, which session they are free in
    ("ana", "Ana", "Guangxi University", 1),
    ("budi", "Budi", "PT Tani Makmur", 1),
    ("chen", "Chen", "Koperasi Subang", 1),
    ("dewi", "Dewi", "Vientiane Agro", 1),
    ("eka", "Eka", "Koperasi Subang", 2),
    ("farah", "Farah", "Selangor Biotech", 2),
]


def _add_session(page, day, start, end, online=False):
    page.click("#add-session")
    page.fill("input[name=title]", f"Meetings {start}")
    page.fill("input[name=date]", day.isoformat())
    page.fill("input[name=start_time]", start)
    page.fill("input[name=end_time]", end)
    page.fill("input[name=slot_minutes]", "30")
    page.fill("input[name=tables]", "2")
    if online:
        page.check("input[name=online]")
    page.click("form button.btn")
    page.wait_for_selector("text=Session added.")


def _add_request(page, a, b, choose=None):
    page.fill("input[name=sender_q]", a)
    page.fill("input[name=receiver_q]", b)
    page.click("#add-request-button")
    if choose:
        page.wait_for_selector("#choose-sender")
        page.locator("#choose-sender label", has_text=choose).locator("input").check()
        page.click("#add-request-button")
    page.wait_for_selector("text=Meeting request added")


def _fits_a_phone(page, path):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    return width <= 360


def test_organiser_runs_an_event_without_the_admin(page, shoot, settings):
    settings.LINTAS = {**settings.LINTAS, "EVENT_VIDEO_URL": "https://meet.example.org/{room}"}
    organiser = UserFactory(username="org", role="broker", first_name="Mei")
    users = {}
    orgs = {}
    for username, first, org, _session in PEOPLE:
        if org not in orgs:
            orgs[org] = OrganisationFactory(name=org)
        users[username] = UserFactory(
            username=username, role="seeker", first_name=first, organisation=orgs[org]
        )
    visited = []
    page.on("framenavigated", lambda frame: visited.append(frame.url))
    # Both sessions lie ahead (the scheduler places nothing in a slot that has ended); later
    # the first one is moved into the past, as if the day had gone on.
    today = timezone.localdate()
    day1, day2 = today + dt.timedelta(days=1), today + dt.timedelta(days=2)

    # The organiser creates the event and its two sessions.
    sign_in(page, "org")
    page.goto("/events/")
    page.click("text=New event")
    page.fill("input[name=slug]", "forum-desk")
    page.fill("input[name=title]", "Nanning Technology Forum")
    page.select_option("select[name=kind]", "matchmaking")
    page.fill("input[name=city]", "Nanning")
    page.fill("input[name=starts_on]", today.isoformat())
    page.fill("input[name=ends_on]", day2.isoformat())
    page.click("form button.btn")
    page.wait_for_selector("text=Event created.")
    _add_session(page, day1, "09:00", "10:00")
    _add_session(page, day2, "09:00", "10:00", online=True)
    assert page.locator("tr.session").count() == 2
    shoot(page, "event-with-sessions")
    event = Event.objects.get(slug="forum-desk")

    # Six people register (on their own pages in real life), each free in one session.
    slots = {
        1: list(Slot.objects.filter(session__date=day1).values_list("pk", flat=True)),
        2: list(Slot.objects.filter(session__date=day2).values_list("pk", flat=True)),
    }
    for username, _first, _org, session in PEOPLE:
        registration_domain.register(user=users[username], event=event, slot_ids=slots[session])

    # Bulk validation on the registrations page.
    page.click("#registrations-link")
    assert "Waiting for validation: <b>6</b>" in page.content()
    for username, *_ in PEOPLE:
        page.check(f"tr[data-user={username}] input[name=ids]")
    page.click("#bulk-validate")
    page.wait_for_selector("text=Validated.")
    assert "Validated: <b>6</b>" in page.content()
    shoot(page, "validated-in-bulk")
    assert Participant.objects.filter(event=event, status="validated").count() == 6

    # Meeting requests added by name or organisation; "Koperasi" matches two people.
    page.goto(f"/events/{event.slug}/schedule/")
    _add_request(page, "Ana", "Tani Makmur")
    _add_request(page, "Koperasi", "Dewi", choose="Chen")
    _add_request(page, "Eka", "Selangor")
    shoot(page, "requests-added-by-name")
    pairs = {
        (r.sender.user.username, r.receiver.user.username)
        for r in MeetingRequest.objects.filter(event=event, status="accepted")
    }
    assert pairs == {("ana", "budi"), ("chen", "dewi"), ("eka", "farah")}

    page.click("#run-scheduler")
    page.wait_for_selector("#last-run")
    assert Meeting.objects.filter(request__event=event).count() == 3

    # All agendas, one per printed page; online meetings carry their video link.
    page.goto(f"/events/{event.slug}/")
    page.click("#print-agendas")
    page.wait_for_selector("section.agenda-page")
    assert page.locator("section.agenda-page").count() == 6
    eka = page.locator("section[data-participant=eka]")
    assert "https://meet.example.org/lintas-forum-desk-" in eka.inner_text()
    assert "Farah" in eka.inner_text()
    shoot(page, "all-agendas")

    # Check-in at the desk: search, then the counters follow.
    page.goto(f"/events/{event.slug}/checkin/")
    assert (page.inner_text("#checked-in"), page.inner_text("#expected")) == ("0", "6")
    for name in ("Ana", "Budi", "Chen"):
        page.fill("#checkin-q", name)
        page.click("#checkin-search button")
        page.locator(f"tr.checkin-row[data-user={name.lower()}] button").click()
        page.wait_for_selector(f"text=Checked in: {name}")
    assert (page.inner_text("#checked-in"), page.inner_text("#expected")) == ("3", "6")
    # Another desk checks Eka in: the counters follow without reloading (HTMX polling).
    dayof.check_in(user=organiser, participant=Participant.objects.get(user__username="eka"))
    expect(page.locator("#checked-in")).to_have_text("4", timeout=25_000)
    shoot(page, "checkin")

    # The first session is over (as if the day went on); Dewi did not come.
    two_days = dt.timedelta(days=2)
    Slot.objects.filter(pk__in=slots[1]).update(
        starts_at=F("starts_at") - two_days, ends_at=F("ends_at") - two_days
    )
    dewi_meeting = Meeting.objects.get(request__receiver__user__username="dewi")
    page.goto(f"/events/{event.slug}/plan/{dewi_meeting.slot_id}/")
    page.locator("tr.slot-meeting", has_text="Dewi").locator("button").click()
    page.wait_for_selector("text=Undo no-show")
    shoot(page, "no-show")
    # The second session's slot has not started: no no-show button there.
    eka_meeting = Meeting.objects.get(request__sender__user__username="eka")
    page.goto(f"/events/{event.slug}/plan/{eka_meeting.slot_id}/")
    assert page.locator("tr.slot-meeting button").count() == 0

    # The outcome report: 3 scheduled, 1 no-show, 1 held (the second session's is not held yet).
    page.goto(f"/events/{event.slug}/")
    page.click("#outcome-link")
    assert page.inner_text("#held").strip() == "1"
    assert outcome.meetings_held(event) == 1
    report = outcome.report(event)
    assert (report["scheduled"], report["no_shows"], report["checked_in"]) == (3, 1, 4)
    shoot(page, "outcome")

    for path in (
        f"/events/{event.slug}/registrations/",
        f"/events/{event.slug}/checkin/",
        f"/events/{event.slug}/schedule/",
        f"/events/{event.slug}/plan/{dewi_meeting.slot_id}/",
        f"/events/{event.slug}/walk-in/",
        f"/events/{event.slug}/edit/",
        f"/events/{event.slug}/outcome/",
        f"/events/{event.slug}/agendas/",
        f"/events/{event.slug}/agendas/{dewi_meeting.request.receiver_id}/",
        f"/events/{event.slug}/sessions/{dewi_meeting.slot.session_id}/edit/",
    ):
        assert _fits_a_phone(page, path), path
    assert visited and not [url for url in visited if "/admin/" in url]
