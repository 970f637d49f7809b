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
    expect(page.locator("#run-status")).to_have_attribute("data-status", "done")
    expect(page.locator("#run-changes")).to_contain_text("2 new, 0 kept, 0 removed.")
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
    page.check(f"#choose-{app.pk}")
    page.select_option("#decision", "accepted")
    page.click("#preview-decisions")
    page.click("#confirm-decisions")
    expect(page.locator(".messages")).to_contain_text("1 decisions saved")
    page.click("#match-hosts")
    expect(page.locator("#run-status")).to_have_attribute("data-status", "done")
    expect(page.locator("#run-assigned")).to_contain_text("Saline Rice Lab")
    page.goto("/programmes/calls/tysp-2027-q1/manage/")
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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_runs_a_round_without_the_admin_in_chromium(page, shoot, settings):
    """#19 §2 acceptance: the officer creates a call with three eligibility rules, builds a
    reviewer pool, assigns reviewers (background task), decides with confirmation, and the
    applicant's certificate verifies at its public URL. No page is under /admin/."""
    settings.PROGRAMMES_AFFINITY = "lexical"
    visited = []
    page.on("framenavigated", lambda frame: visited.append(frame.url))
    Programme.objects.create(
        slug="tysp", name="Talented Young Scientist Program", kind="talent",
        issuer="China–ASEAN Technology Transfer Center",
    )  # fmt: skip
    UserFactory(username="officer", role="officer")
    for name, last in [("rev-a", "Sari"), ("rev-b", "Nguyen")]:
        UserFactory(username=name, first_name="Dr", last_name=last, role="provider")
    putu = UserFactory(username="putu", role="seeker", organisation=OrganisationFactory())

    # The officer creates the call with three eligibility rules.
    sign_in(page, "officer")
    page.goto("/programmes/workspace/")
    page.click("[data-new-call=tysp]")
    page.fill("input[name=title]", "TYSP 2028 first round")
    page.select_option("select[name=status]", "open")
    page.fill("input[name=opens_on]", (timezone.localdate() - dt.timedelta(days=1)).isoformat())
    page.fill(
        "input[name=deadline]",
        (timezone.localdate() + dt.timedelta(days=30)).isoformat() + "T17:00",
    )
    page.fill("input[name=stipend_monthly]", "6000")
    page.fill("input[name=currency]", "CNY")
    page.fill("input[name=duration_min_months]", "6")
    page.fill("input[name=duration_max_months]", "12")
    page.fill("input[name=reviews_per_application]", "2")
    page.fill("input[name=preferred_host_bonus]", "0.2")
    page.select_option("select[name=rules-0-rule]", "max_age")
    page.fill("input[name=rules-0-number]", "45")
    page.select_option("select[name=rules-1-rule]", "nationalities")
    page.select_option("select[name=rules-1-countries]", ["ID", "VN"])
    page.select_option("select[name=rules-2-rule]", "degrees")
    page.check("#rule-row-2 input[name=rules-2-degrees][value=phd]")
    shoot(page, "call-form")
    page.click("#save-call")
    expect(page.locator(".messages")).to_contain_text("Call saved.")
    call = Call.objects.get(title="TYSP 2028 first round")
    assert call.eligibility == {"max_age": 45, "nationalities": ["ID", "VN"], "degrees": ["phd"]}

    # The reviewer pool: two people found by name and added.
    page.click("#edit-pool")
    for last in ("Sari", "Nguyen"):
        page.fill("#q", last)
        page.click("#user-search button")
        page.click("#search-results summary")
        page.fill("#search-results textarea", f"{last} rice salinity\nRice salt tolerance.")
        page.click("#search-results button[data-add]")
        expect(page.locator("#pool")).to_contain_text(f"Dr {last}")
    shoot(page, "pool")
    sign_out(page)

    # An applicant applies; the page shows each rule, passed.
    sign_in(page, "putu")
    page.goto(f"/programmes/calls/{call.slug}/apply/")
    page.fill("input[name=full_name]", "Putu Ayu Wulandari")
    page.fill("input[name=birth_date]", "1991-04-12")
    page.select_option("select[name=nationality]", "ID")
    page.select_option("select[name=degree]", "phd")
    page.fill("textarea[name=proposal]", "Breeding salt tolerant rice for coastal Bali.")
    page.fill("textarea[name=publications_text]", "Sodium exclusion in rice\nSaline soils.")
    page.fill("input[name=months]", "12")
    page.click("#save")
    expect(page.locator("#eligibility")).to_contain_text("Passes")
    expect(page.locator("#eligibility")).not_to_contain_text("Does not pass")
    page.click("#submit-application")
    expect(page.locator("#status")).to_have_text("Submitted")
    sign_out(page)

    # The officer assigns reviewers as a background run and reads why.
    sign_in(page, "officer")
    page.goto(f"/programmes/calls/{call.slug}/manage/")
    page.click("#assign-reviewers")
    expect(page.locator("#run-status")).to_have_attribute("data-status", "done")
    expect(page.locator("#run-assigned")).to_contain_text("Dr Sari")
    expect(page.locator("#run-loads")).to_contain_text("Dr Nguyen")
    shoot(page, "run")
    sign_out(page)

    # The reviewers score.
    for name in ("rev-a", "rev-b"):
        sign_in(page, name)
        page.goto("/programmes/mine/")
        page.click("#my-reviews a")
        page.check("input[name=score_excellence][value='5']")
        page.check("input[name=score_proposal][value='4']")
        page.check("input[name=score_fit][value='5']")
        page.fill("textarea[name=comment]", "Convincing.")
        page.click("#save-review")
        expect(page.locator(".messages")).to_contain_text("your review has been saved")
        sign_out(page)

    # The officer decides with confirmation, then issues the certificate.
    application = Application.objects.get(applicant=putu)
    sign_in(page, "officer")
    page.goto(f"/programmes/calls/{call.slug}/manage/")
    page.check(f"#choose-{application.pk}")
    page.select_option("#decision", "accepted")
    page.click("#preview-decisions")
    expect(page.locator(f"#preview-{application.pk}")).to_contain_text(
        "Your application has been accepted"
    )
    shoot(page, "confirm")
    application.refresh_from_db()
    assert application.status == "submitted"
    page.click("#confirm-decisions")
    expect(page.locator(".messages")).to_contain_text("1 decisions saved")
    page.goto(f"/programmes/applications/{application.pk}/")
    page.click("#issue-certificate")
    expect(page.locator("#certificate-link")).to_be_visible()
    number = page.locator("#certificate-link a").inner_text()
    sign_out(page)

    # Anyone verifies it at its public address.
    page.goto(f"/certificates/{number}/")
    expect(page.locator("#verify-status")).to_have_attribute("data-valid", "yes")
    expect(page.locator("#certificate-holder")).to_have_text("Putu Ayu Wulandari")
    expect(page.locator("#certificate-issuer")).to_have_text(
        "China–ASEAN Technology Transfer Center"
    )
    expect(page.locator("#certificate-qr svg")).to_be_visible()
    shoot(page, "certificate")
    assert not [url for url in visited if "/admin/" in url]

    # Every page of the round fits a 360 px phone.
    run = call.runs.get()
    sign_in(page, "officer")
    page.set_viewport_size({"width": 360, "height": 740})
    wide = {}
    for path in (
        f"/programmes/calls/{call.slug}/edit/",
        f"/programmes/calls/{call.slug}/pool/?q=Dr",
        f"/programmes/calls/{call.slug}/manage/",
        run.get_absolute_url(),
        f"/programmes/applications/{application.pk}/",
        "/programmes/tysp/hosts/",
        "/programmes/training/tysp/",
        "/programmes/workspace/",
        "/programmes/certificates/",
        f"/certificates/{number}/",
    ):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            wide[path] = width
            shoot(page, "wide-" + path.strip("/").replace("/", "_")[:50])
    assert wide == {}
