"""Acceptance: a researcher applies to a Talented Young Scientist call, two reviewers are
assigned and score, the officer accepts, the researcher is matched to a host lab and sees
the placement."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lintas.programmes.models import Application, Call, Host, Placement, Programme, Review, Reviewer
from tests.browser.conftest import sign_in
from tests.factories import OrganisationFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sign_out(page):
    page.context.clear_cookies()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_researcher_applies_and_is_placed_in_chromium(page, shoot, settings):
    settings.PROGRAMMES_AFFINITY = "lexical"
    programme = Programme.objects.create(
        slug="tysp", name="Talented Young Scientist Program", kind="talent"
    )
    call = Call.objects.create(
        programme=programme, slug="tysp-2027-q1", title="TYSP 2027 first round", status="open",
        opens_on=timezone.localdate() - dt.timedelta(days=5),
        deadline=timezone.now() + dt.timedelta(days=40),
        eligibility={"max_age": 45, "age_on": "2027-03-31", "nationalities": ["ID", "VN"]},
        required_documents=["cv"], reviews_per_application=2, criteria=["excellence", "fit"],
    )  # fmt: skip
    gaas = OrganisationFactory(slug="gaas", name="Guangxi Academy of Agricultural Sciences")
    Host.objects.create(
        slug="rice-lab", programme=programme, organisation=gaas, name="Saline Rice Lab",
        research_areas=["We breed rice for saline coastal soils. Sodium exclusion genes."],
        capacity=1, supervisor="Prof. Lin Haiyan",
    )  # fmt: skip
    Host.objects.create(
        slug="battery-lab", programme=programme, organisation=OrganisationFactory(),
        name="Battery Lab", research_areas=["Lithium battery cathodes."], capacity=1,
    )  # fmt: skip
    UserFactory(username="putu", role="seeker", organisation=OrganisationFactory(country="ID"))
    UserFactory(username="officer", role="officer")
    for name, title in [("rev-a", "Rice salinity genetics"), ("rev-b", "Coastal rice breeding")]:
        reviewer = UserFactory(username=name, role="provider")
        Reviewer.objects.create(
            call=call, user=reviewer, publications=[{"title": title, "abstract": "rice salt"}]
        )

    # The researcher reads the call and applies.
    sign_in(page, "putu")
    page.goto("/programmes/calls/tysp-2027-q1/")
    shoot(page, "call")
    page.click("#apply")
    page.fill("input[name=full_name]", "Putu Ayu Wulandari")
    page.fill("input[name=birth_date]", "1991-04-12")
    page.select_option("select[name=nationality]", "ID")
    page.select_option("select[name=degree]", "phd")
    page.fill("textarea[name=proposal]", "Breeding salt tolerant rice for coastal Bali.")
    page.fill(
        "textarea[name=publications_text]",
        "Sodium exclusion in Balinese rice landraces\nSaline irrigation and grain yield.",
    )
    page.check("input[name=preferred_hosts] >> nth=0")
    page.fill("input[name=months]", "12")
    shoot(page, "apply")
    page.click("#save")
    expect(page.locator("#problems")).to_contain_text("Missing document: CV.")
    page.select_option("select[name=kind]", "cv")
    page.set_input_files(
        "input[name=file]", files=[{"name": "cv.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.click("#upload")
    page.click("#submit-application")
    expect(page.locator("#status")).to_have_text("Submitted")
    shoot(page, "submitted")
    sign_out(page)

    # The officer assigns two reviewers.
    sign_in(page, "officer")
    page.goto("/programmes/calls/tysp-2027-q1/manage/")
    page.click("#assign-reviewers")
    expect(page.locator(".messages")).to_contain_text("2 reviews assigned.")
    shoot(page, "assigned")
    sign_out(page)

    # Both reviewers score the application.
    for name in ("rev-a", "rev-b"):
        sign_in(page, name)
        page.goto("/programmes/mine/")
        page.click("#my-reviews a")
        page.check("input[name=score_excellence][value='5']")
        page.check("input[name=score_fit][value='4']")
        page.fill("textarea[name=comment]", "Strong, well-aimed proposal.")
        if name == "rev-a":
            shoot(page, "review")
        page.click("#save-review")
        expect(page.locator(".messages")).to_contain_text("your review has been saved")
        sign_out(page)
    assert Review.objects.exclude(submitted_at=None).count() == 2

    # The officer accepts and matches accepted researchers to hosts.
    app = Application.objects.get()
    sign_in(page, "officer")
    page.goto("/programmes/calls/tysp-2027-q1/manage/")
    expect(page.locator("#ranking")).to_contain_text("4.5")
    page.click(f"[data-decision='accepted-{app.pk}']")
    expect(page.locator(".messages")).to_contain_text("Decision saved")
    page.click("#match-hosts")
    expect(page.locator(".messages")).to_contain_text("1 researchers placed.")
    expect(page.locator("#placements")).to_contain_text("Saline Rice Lab")
    shoot(page, "matched")
    sign_out(page)

    # The researcher sees the placement and why this host.
    sign_in(page, "putu")
    page.goto("/programmes/mine/")
    page.click("#my-applications >> text=Saline Rice Lab")
    expect(page.locator("#placement-title")).to_contain_text(
        "Putu Ayu Wulandari at Saline Rice Lab"
    )
    expect(page.locator("main")).to_contain_text("Sodium exclusion")
    shoot(page, "placement")
    assert Placement.objects.get().host.slug == "rice-lab"
