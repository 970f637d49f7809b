"""Application documents (CVs and others) and placement reports: served only to those who may
see the application or the placement."""

import pytest
from django.test import Client

from lintas.programmes.domain import applications, placements
from lintas.programmes.models import Review
from tests.conftest import login
from tests.factories import PlacementFactory
from tests.programmes.conftest import make_application, pdf


@pytest.fixture
def world(call, hosts, reviewers, seeker):
    app = make_application(call, seeker, status="draft")
    cv = applications.add_document(
        user=seeker, application=app, kind="cv", upload=pdf("Curriculum vitae.html")
    )
    Review.objects.create(application=app, reviewer=reviewers[0])
    placement = PlacementFactory(application=app, host=hosts[0])
    report = placements.add_report(
        user=seeker, placement=placement, title="First quarter", upload=pdf("q1.svg")
    )
    return {"app": app, "cv": cv, "placement": placement, "report": report}


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["seeker", "officer", "reviewer"])
def test_cv_opens_for_applicant_officers_and_reviewers(world, who, request, reviewers):
    user = reviewers[0] if who == "reviewer" else request.getfixturevalue(who)
    client = login(user)
    page = client.get(world["app"].get_absolute_url())
    assert page.status_code == 200
    if who != "reviewer":
        assert world["cv"].get_download_url() in page.content.decode()
    response = client.get(world["cv"].get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Curriculum vitae.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider", "broker", "other_reviewer"])
def test_cv_refused_to_others(world, who, request, reviewers):
    user = reviewers[1] if who == "other_reviewer" else request.getfixturevalue(who)
    assert login(user).get(world["cv"].get_download_url()).status_code == 404
    assert Client().get(world["cv"].get_download_url()).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["seeker", "officer"])
def test_placement_report_opens_for_researcher_and_officers(world, who, request):
    client = login(request.getfixturevalue(who))
    page = client.get(world["placement"].reports.model.objects.get().get_download_url())
    assert page.status_code == 200
    assert page["Content-Disposition"] == 'attachment; filename="First quarter.pdf"'
    detail = client.get(f"/programmes/placements/{world['placement'].pk}/")
    assert detail.status_code == 200
    assert world["report"].get_download_url() in detail.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider", "broker"])
def test_placement_report_refused_to_others(world, who, request, reviewers):
    client = login(request.getfixturevalue(who))
    assert client.get(world["report"].get_download_url()).status_code == 404
    assert login(reviewers[0]).get(world["report"].get_download_url()).status_code == 404
