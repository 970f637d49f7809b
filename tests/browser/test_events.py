"""Acceptance: two participants register, one requests a meeting, the other accepts, the
organiser runs the scheduler, both see the meeting in their agendas and download the ICS."""

import datetime as dt

import pytest
from django.utils import timezone

from lintas.events.domain import events as event_domain
from lintas.events.models import Meeting
from tests.browser.conftest import sign_in
from tests.factories import EventFactory, OrganisationFactory, ProfileFactory, UserFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_matchmaking_end_to_end(page, shoot):
    provider = UserFactory(
        username="prov",
        role="provider",
        first_name="Jianguo",
        organisation=OrganisationFactory(name="Guangxi University"),
    )
    UserFactory(
        username="seek",
        role="seeker",
        first_name="Agus",
        organisation=OrganisationFactory(name="PT Tani Makmur", country="ID"),
    )
    broker = UserFactory(username="brok", role="broker")
    ProfileFactory(
        kind="offer",
        organisation=provider.organisation,
        status="published",
        title="Salt-tolerant rice",
    )
    day = dt.date(2031, 3, 10)
    event = EventFactory(
        slug="mm-2031",
        title="Matchmaking 2031",
        starts_on=day,
        registration_deadline=timezone.now() + dt.timedelta(days=9),
    )
    event_domain.add_session(
        user=broker,
        event=event,
        data={
            "date": day,
            "start_time": dt.time(9),
            "end_time": dt.time(10),
            "slot_minutes": 30,
            "tables": 3,
            "online": False,
        },
    )

    for user in ("prov", "seek"):
        sign_in(page, user)
        page.goto(f"/events/{event.slug}/")
        page.click("#register")
        if user == "prov":
            page.check("input[name=profiles]")
        page.click("#save-registration")
        page.wait_for_selector("#my-status")
        shoot(page, f"registered-{user}")
        page.context.clear_cookies()

    sign_in(page, "brok")
    page.goto(f"/events/{event.slug}/registrations/")
    for user in ("prov", "seek"):
        page.check(f"tr[data-user={user}] input[name=ids]")
    page.click("#bulk-validate")
    page.wait_for_selector("text=Validated.")
    shoot(page, "validated")
    page.context.clear_cookies()

    sign_in(page, "seek")
    page.goto(f"/events/{event.slug}/participants/")
    page.fill("textarea[name=message]", "Let us discuss the rice variety")
    page.click("[data-request=prov]")
    page.wait_for_selector("text=Your meeting request was sent.")
    shoot(page, "requested")
    page.context.clear_cookies()

    sign_in(page, "prov")
    page.goto(f"/events/{event.slug}/requests/")
    page.click("[data-accept=seek]")
    page.wait_for_selector("text=Accepted.")
    page.context.clear_cookies()

    sign_in(page, "brok")
    page.goto(f"/events/{event.slug}/schedule/")
    page.click("#run-scheduler")
    page.wait_for_selector("#last-run")
    shoot(page, "scheduled")
    page.goto(f"/events/{event.slug}/plan/")
    assert page.locator(".plan .meeting").count() == 1
    shoot(page, "table-plan")
    page.context.clear_cookies()
    assert Meeting.objects.count() == 1

    for user, other in (("seek", "Jianguo"), ("prov", "Agus")):
        sign_in(page, user)
        page.goto(f"/events/{event.slug}/agenda/")
        assert page.locator("tr.meeting").count() == 1
        assert other in page.locator("tr.meeting").inner_text()
        shoot(page, f"agenda-{user}")
        with page.expect_download() as info:
            page.click("#ics")
        path = info.value.path()
        text = path.read_text(encoding="utf-8")
        assert text.count("BEGIN:VEVENT") == 1
        assert other in text
        page.context.clear_cookies()
