"""Forum call for abstracts in Chromium (issue 15 §4): an organiser opens a call for an
event, a young scientist submits an abstract, the organiser adds a talent of the directory to
the reviewer pool and assigns reviewers, the talent scores it, the organiser accepts it and
publishes the programme, which the event page then shows with its speaker."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from lintas.talents.models import Abstract, AbstractCall, AbstractReview
from tests.browser.conftest import sign_in
from tests.factories import (
    EventFactory,
    OrganisationFactory,
    PublicationFactory,
    TalentFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page):
    page.context.clear_cookies()


def test_forum_call_for_abstracts_to_programme_in_chromium(page, shoot, settings):
    settings.PROGRAMMES_AFFINITY = "lexical"
    event = EventFactory(slug="yss-2030", title="ASEAN+3 Young Scientists Forum 2030",
                         kind="forum", starts_on=dt.date(2030, 9, 1))  # fmt: skip
    UserFactory(username="broker", role="broker", organisation=OrganisationFactory())
    UserFactory(username="dewi", first_name="Dewi", last_name="Lestari",
                         language="id", organisation=OrganisationFactory(country="ID"))  # fmt: skip
    expert = TalentFactory(name="Chen Xiaoming", slug="chen-xiaoming",
                           user=UserFactory(username="chen",
                                            organisation=OrganisationFactory(country="CN")))  # fmt: skip
    PublicationFactory(talent=expert, title="Salt tolerance of rice in coastal deltas",
                       abstract="Breeding rice for saline coastal fields.")  # fmt: skip

    # The organiser opens the call, picking the event by its title.
    sign_in(page, "broker")
    page.goto("/talents/calls/new/")
    page.fill("input[name=event]", event.title)
    page.fill("input[name=title]", "Call for abstracts 2030")
    page.fill("input[name=topics]", "Agriculture, Energy")
    deadline = (timezone.localtime() + dt.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    page.fill("input[name=deadline]", deadline)
    page.fill("input[name=reviews_per_abstract]", "1")
    page.click("#save-call")
    expect(page.locator("h1")).to_have_text("Call for abstracts 2030")
    call = AbstractCall.objects.get()
    shoot(page, "1-call")

    # The event page announces the call; the young scientist submits an abstract.
    sign_out(page)
    sign_in(page, "dewi")
    page.goto(event.get_absolute_url())
    page.locator(f"#call-{call.pk} a").click()
    page.fill("#abstract-form input[name=title]", "Salt-tolerant rice lines for Indramayu")
    page.fill(
        "#abstract-form textarea[name=text]", "We selected rice lines that tolerate saline water."
    )
    page.fill("#abstract-form input[name=authors]", "Dewi Lestari, Budi Santoso")
    page.select_option("#abstract-form select[name=topic]", "Agriculture")
    page.select_option("#abstract-form select[name=language]", "en")
    page.click("#submit-abstract")
    expect(page.locator("#my-abstracts")).to_contain_text("Salt-tolerant rice lines")
    item = Abstract.objects.get()

    # The organiser builds the pool from the directory and assigns reviewers.
    sign_out(page)
    sign_in(page, "broker")
    page.goto(call.get_absolute_url())
    page.fill("#reviewer-form input[name=talent]", "Chen Xiaoming (chen-xiaoming)")
    page.click("#add-reviewer")
    expect(page.locator("#pool")).to_contain_text("Chen Xiaoming")
    page.click("#assign-reviewers")
    expect(page.locator(f'[data-abstract="{item.pk}"]')).to_contain_text("0/1")
    assert AbstractReview.objects.get().reviewer == expert
    shoot(page, "2-organiser")

    # The talent reviews it.
    sign_out(page)
    sign_in(page, "chen")
    page.goto(call.get_absolute_url())
    page.locator("#my-reviews a").first.click()
    for criterion in ("relevance", "originality", "clarity"):
        page.select_option(f"select[name=score_{criterion}]", "5")
    page.click("#save-review")
    expect(page.locator(".messages")).to_contain_text("Review saved.")
    assert AbstractReview.objects.get().submitted_at is not None

    # The organiser accepts and publishes; the author is told in Indonesian.
    sign_out(page)
    sign_in(page, "broker")
    page.goto(call.get_absolute_url())
    row = page.locator(f'[data-abstract="{item.pk}"]')
    expect(row).to_contain_text("5.0")
    row.get_by_role("button", name="Accept").click()
    expect(page.locator(f'[data-abstract="{item.pk}"]')).to_contain_text("Accepted")
    page.click("#publish-programme")
    assert any("diterima" in m.subject for m in mail.outbox)

    # Everyone sees the forum's programme on the event page.
    sign_out(page)
    page.goto(event.get_absolute_url())
    programme = page.locator("#forum-programme")
    expect(programme).to_contain_text("Agriculture")
    expect(programme).to_contain_text("Salt-tolerant rice lines for Indramayu")
    expect(programme).to_contain_text("Speaker: Dewi Lestari")
    shoot(page, "3-programme")
