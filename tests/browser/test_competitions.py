"""Acceptance (#16): an officer runs a competition stage in Chromium — eligibility, judge
assignment with a conflict honoured, scoring by three judges on a phone, the normalised
ranking, advancement, the final's pitch schedule and the public results page."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from lintas.competitions.domain import ranking
from lintas.competitions.models import (
    Assignment,
    Competition,
    Entry,
    Field,
    Group,
    Judge,
    Stage,
    TeamMember,
)
from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, SectorFactory, TalentFactory, UserFactory

PHONE = {"width": 390, "height": 844}
# How each judge uses the scale: harsh, lenient, middle, middle.
BIAS = {"judge-harsh": -3, "judge-lenient": 2, "judge-middle": 0, "judge-other": 0}
QUALITY = {"Solar cassava dryer": 7, "Rice husk dryer": 6, "Pico hydro for schools": 5}


def _world():
    c = Competition.objects.create(slug="caiec", name="China-ASEAN Innovation Competition",
                                   edition=3, status="open")  # fmt: skip
    enterprise = Group.objects.create(competition=c, kind="enterprise",
                                      eligibility={"founded_from": 2021})  # fmt: skip
    Group.objects.create(competition=c, kind="team", eligibility={})
    agri = Field.objects.create(competition=c, name="Agriculture",
                                sector=SectorFactory(slug="agriculture",
                                                     names={"en": "Modern agriculture"}))  # fmt: skip
    rubric = [{"criterion": "innovation", "weight": 60}, {"criterion": "market", "weight": 40}]
    prelim = Stage.objects.create(competition=c, position=1, name="Preliminary", rubric=rubric,
                                  starts_on=dt.date(2027, 3, 1), ends_on=dt.date(2027, 3, 31),
                                  judges_per_entry=3, advance_per_cell=2)  # fmt: skip
    final = Stage.objects.create(competition=c, position=2, name="Final", rubric=rubric,
                                 is_final=True, starts_on=dt.date(2027, 5, 20),
                                 ends_on=dt.date(2027, 5, 20))  # fmt: skip
    brin = OrganisationFactory(slug="brin", name="BRIN", country="ID")
    for name in ("Solar cassava dryer", "Rice husk dryer", "Pico hydro for schools"):
        e = Entry.objects.create(competition=c, number=c.entries.count() + 1, project_name=name,
                                 summary=f"{name} for smallholders.", group=enterprise, field=agri,
                                 country="ID", founded_year=2022)  # fmt: skip
        TeamMember.objects.create(entry=e, name=f"{name} lead", nationality="ID")
    old = Entry.objects.create(competition=c, number=4, project_name="Old mill", group=enterprise,
                               field=agri, country="LA", founded_year=2012)  # fmt: skip
    TeamMember.objects.create(entry=old, name="Old lead", nationality="LA")
    # The entrant of "Solar cassava dryer" is BRIN; one judge works at BRIN: a conflict.
    Entry.objects.filter(project_name="Solar cassava dryer").update(organisation=brin)
    for slug in BIAS:
        org = brin if slug == "judge-other" else OrganisationFactory(country="CN")
        user = UserFactory(username=slug, role="provider", organisation=org)
        talent = TalentFactory(slug=slug, name=slug.replace("-", " ").title(), user=user,
                               organisation=org, bio="Cassava and rice drying, solar energy.")  # fmt: skip
        Judge.objects.create(stage=prelim, talent=talent, max_load=3)
    UserFactory(username="officer", role="officer")
    return c, prelim, final


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_runs_a_competition_stage_in_chromium(page, chromium, live_server, shoot, settings):
    settings.PROGRAMMES_AFFINITY = "lexical"
    competition, prelim, final = _world()

    # Eligibility: the old mill was founded too early.
    sign_in(page, "officer")
    page.goto("/competitions/caiec/manage/")
    page.click("#check-eligibility")
    expect(page.locator(".messages")).to_contain_text("3 eligible, 1 not eligible")
    expect(page.locator("#entry-4")).to_contain_text("founded in 2012")
    shoot(page, "eligibility")

    # Judge assignment: the BRIN judge is listed as conflicted and never gets the BRIN entry.
    page.goto(f"/competitions/stages/{prelim.pk}/")
    expect(page.locator("#conflicts")).to_contain_text(
        "Judge Other × Solar cassava dryer: same organisation"
    )
    page.click("#assign-judges")
    expect(page.locator(".messages")).to_contain_text("9 assignments made.")
    solar = Entry.objects.get(project_name="Solar cassava dryer")
    judges_of_solar = set(
        Assignment.objects.filter(entry=solar).values_list("judge__talent__slug", flat=True)
    )
    assert judges_of_solar == {"judge-harsh", "judge-lenient", "judge-middle"}
    shoot(page, "assigned")

    # Scoring on a phone by every assigned judge (three per entry).
    judges = set(Assignment.objects.values_list("judge__talent__slug", flat=True))
    for slug in sorted(judges):
        phone = chromium.new_context(base_url=live_server.url, viewport=PHONE, locale="en-GB")
        p = phone.new_page()
        p.set_default_timeout(60_000)
        sign_in(p, slug)
        p.goto("/competitions/mine/")
        p.click("#judging a")
        cards = p.locator("#my-entries li.card")
        for i in range(cards.count()):
            card = p.locator("#my-entries li.card").nth(i)
            name = card.locator("h2").inner_text()
            card.locator("a.btn").click()
            value = str(max(1, min(10, QUALITY[name] + BIAS[slug])))
            p.select_option("select[name=innovation]", value)
            p.select_option("select[name=market]", value)
            assert p.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            p.click("#save-score")
            expect(p.locator(".messages")).to_contain_text("Score saved.")
        shoot(p, f"judge-{slug}")
        phone.close()

    # The normalised ranking (shown to the officer) corrects for the harsh and lenient judges.
    page.goto(f"/competitions/stages/{prelim.pk}/")
    rows = page.locator("#ranking tbody tr")
    shown = [rows.nth(i).get_attribute("data-entry") for i in range(rows.count())]
    prelim.refresh_from_db()
    assert shown == [r["entry"].project_name for r in ranking.ranking(prelim)]
    assert shown == ["Solar cassava dryer", "Rice husk dryer", "Pico hydro for schools"]
    shoot(page, "ranking")

    # Advancement: the best two of the group and field go to the final.
    page.click("#decide-stage")
    expect(page.locator(".messages")).to_contain_text("Stage decided: 2 entries advance.")
    assert set(Entry.objects.filter(stage=final).values_list("project_name", flat=True)) == {
        "Solar cassava dryer", "Rice husk dryer"}  # fmt: skip

    # The final's pitch schedule: 7 minutes of pitch and 5 of questions each.
    page.goto(f"/competitions/stages/{final.pk}/")
    page.fill("input[name=starts_at]", "2027-05-20T09:00")
    page.fill("textarea[name=rooms]", "Hall A")
    page.click("#build-schedule")
    expect(page.locator(".messages")).to_contain_text("Pitch schedule built.")
    page.goto(f"/competitions/stages/{final.pk}/agenda/")
    expect(page.locator("#pitch-schedule")).to_contain_text("09:00–09:12")
    expect(page.locator("#pitch-schedule")).to_contain_text("09:12–09:24")
    shoot(page, "agenda")

    # A special award, the results published, and the public page for a visitor.
    page.goto("/competitions/caiec/manage/")
    page.fill("#award-name", "Creative Stars")
    page.select_option("#award-entry", label="3. Pico hydro for schools")
    page.click("#special-award button")
    page.click("#publish-results")
    page.context.clear_cookies()
    page.goto("/competitions/caiec/results/")
    expect(page.locator("#special-awards")).to_contain_text(
        "Creative Stars: Pico hydro for schools"
    )
    shoot(page, "results")

    # The public pages fit a 360 px phone without sideways scrolling.
    page.set_viewport_size({"width": 360, "height": 780})
    for url in ("/competitions/", "/competitions/caiec/", f"/competitions/stages/{final.pk}/agenda/",
                "/competitions/caiec/results/"):  # fmt: skip
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, url
