"""The programmes permission matrix (lintas/programmes/rules.py) on the pages and the API,
checking the effect: officers run calls; an application is seen by its applicant, officers and
its reviewers without a conflict; a certificate by its participant and officers."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from lintas.programmes.domain import review as review_domain
from lintas.programmes.models import Application, Conflict, Participant, Review
from tests.conftest import login
from tests.factories import UserFactory
from tests.programmes.conftest import make_application

ROLES = ["applicant", "officer", "admin_user", "reviewer", "conflicted", "outsider", "anonymous"]


@pytest.fixture
def cast(request, call, reviewers, officer, outsider):
    """An application by ``applicant`` reviewed by reviewers[0]; reviewers[1] declared a
    conflict after being assigned."""
    application = make_application(call, status="submitted")
    Review.objects.create(application=application, reviewer=reviewers[0])
    Review.objects.create(application=application, reviewer=reviewers[1])
    review_domain.declare_conflict(user=reviewers[1], application=application, reason="co-author")
    assert Conflict.objects.filter(reviewer=reviewers[1]).exists()
    return application, {
        "applicant": application.applicant,
        "officer": officer,
        "admin_user": request.getfixturevalue("admin_user"),
        "reviewer": reviewers[0],
        "conflicted": reviewers[1],
        "outsider": outsider,
        "anonymous": None,
    }


def page_client(user):
    return Client() if user is None else login(user)


def api_client(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def denied(response):
    return response.status_code in (403, 404) or (
        response.status_code == 302 and "/account/login/" in response["Location"]
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, allowed",
    [("applicant", True), ("officer", True), ("admin_user", True), ("reviewer", True),
     ("conflicted", False), ("outsider", False), ("anonymous", False)],
)  # fmt: skip
def test_view_application_page_by_role(cast, role, allowed):
    application, people = cast
    response = page_client(people[role]).get(
        reverse("programmes:application", args=[application.pk])
    )
    if allowed:
        assert response.status_code == 200
        assert application.full_name in response.content.decode()
    else:
        assert denied(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, visible",
    [("applicant", True), ("officer", True), ("admin_user", True), ("reviewer", False),
     ("outsider", False)],
)  # fmt: skip
def test_view_application_api_by_role(cast, role, visible):
    """The API serves the staff view of an application: its applicant and officers only
    (reviewers read applications on their review page)."""
    application, people = cast
    response = api_client(people[role]).get(f"/api/v1/programmes/applications/{application.pk}/")
    assert response.status_code == (200 if visible else 404)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, allowed",
    [("applicant", False), ("officer", True), ("admin_user", True), ("reviewer", False),
     ("outsider", False), ("anonymous", False)],
)  # fmt: skip
def test_decide_application_by_role(cast, role, allowed):
    application, people = cast
    response = page_client(people[role]).post(
        reverse("programmes:decisions", args=[application.call.slug]),
        {"decision": "accepted", "applications": [application.pk], "confirm": "1",
         "override_reason": "Decided at the panel meeting"},
    )  # fmt: skip
    application.refresh_from_db()
    assert (application.status == "accepted") == allowed
    if allowed:
        assert response.status_code == 302
    else:
        assert denied(response)
        assert application.status == "submitted"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, allowed",
    [("applicant", False), ("officer", True), ("admin_user", True), ("reviewer", False),
     ("outsider", False), ("anonymous", False)],
)  # fmt: skip
def test_assign_reviewers_by_role_on_page_and_api(
    call, reviewers, request, role, allowed, django_capture_on_commit_callbacks
):
    make_application(call, status="submitted")
    make_application(call, status="submitted")
    named = {
        "applicant": Application.objects.first().applicant,
        "reviewer": reviewers[0],
        "anonymous": None,
    }
    user = named[role] if role in named else request.getfixturevalue(role)
    with django_capture_on_commit_callbacks(execute=True):  # the background run
        page = page_client(user).post(reverse("programmes:assign", args=[call.slug]))
    assert Review.objects.exists() == allowed
    if allowed:
        assert page.status_code == 302
        Review.objects.all().delete()
    else:
        assert denied(page)
    api = api_client(user).post(f"/api/v1/programmes/calls/{call.slug}/assign-reviewers/")
    assert api.status_code == (200 if allowed else 401 if user is None else 403)
    assert Review.objects.exists() == allowed


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, allowed",
    [("participant", True), ("officer", True), ("admin_user", True), ("outsider", False),
     ("anonymous", False)],
)  # fmt: skip
def test_certificate_by_role(programme, request, role, allowed):
    person = UserFactory(username="trainee")
    participant = Participant.objects.create(
        programme=programme, user=person, name="Trainee", country="VN"
    )
    named = {"participant": person, "anonymous": None}
    user = named[role] if role in named else request.getfixturevalue(role)
    response = page_client(user).get(reverse("programmes:certificate", args=[participant.pk]))
    assert response.status_code == (200 if allowed else 404)
