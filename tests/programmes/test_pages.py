import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lintas.programmes.domain import review
from lintas.programmes.models import (
    Call,
    Placement,
    Review,
    TrainingSession,
)
from tests.conftest import login
from tests.factories import PlacementFactory, TraineeFactory
from tests.programmes.conftest import make_application, pdf


@pytest.fixture
def world(call, hosts, reviewers, seeker, officer, broker, admin_user, outsider):
    """One submitted application with a review and a placement, and every role."""
    app = make_application(call, seeker)
    rev = Review.objects.create(application=app, reviewer=reviewers[0])
    placement = PlacementFactory(application=app, host=hosts[0])
    session = TrainingSession.objects.create(
        programme=call.programme, title="IP basics", date=dt.date(2027, 11, 8)
    )
    participant = TraineeFactory(programme=call.programme, name="Keo", country="KH")
    return {
        "applicant": seeker, "officer": officer, "reviewer": reviewers[0], "broker": broker,
        "admin": admin_user, "outsider": outsider, "anonymous": None, "app": app, "review": rev,
        "placement": placement, "session": session, "participant": participant, "call": call,
    }  # fmt: skip


def _get(world, role, url):
    user = world[role]
    client = login(user) if user else Client()
    return client.get(url).status_code


ROLES = ["applicant", "officer", "reviewer", "broker", "admin", "outsider", "anonymous"]

# Expected status per role: 200 shown, 302 sent to sign-in, 403 refused, 404 hidden.
MATRIX = {
    "index": ([], [200, 200, 200, 200, 200, 200, 200]),
    "alumni": ([], [200, 200, 200, 200, 200, 200, 200]),
    "call": (["call.slug"], [200, 200, 200, 200, 200, 200, 200]),
    "programme": (["call.programme.slug"], [200, 200, 200, 200, 200, 200, 200]),
    "apply": (["call.slug"], [302, 200, 200, 200, 200, 200, 302]),
    "mine": ([], [200, 200, 200, 200, 200, 200, 302]),
    "application": (["app.pk"], [200, 200, 200, 404, 200, 404, 302]),
    "review": (["review.pk"], [404, 404, 200, 404, 404, 404, 302]),
    "placement": (["placement.pk"], [200, 200, 404, 404, 200, 404, 302]),
    "workspace": ([], [403, 200, 403, 403, 200, 403, 302]),
    "manage": (["call.slug"], [403, 200, 403, 403, 200, 403, 302]),
    "placements": ([], [403, 200, 403, 403, 200, 403, 302]),
    "training": (["call.programme.slug"], [403, 200, 403, 403, 200, 403, 302]),
    "attendance": (["session.pk"], [403, 200, 403, 403, 200, 403, 302]),
    "certificate": (["participant.pk"], [404, 200, 404, 404, 200, 404, 404]),
    "call_edit": (["call.slug"], [403, 200, 403, 403, 200, 403, 302]),
    "call_new": (["call.programme.slug"], [403, 200, 403, 403, 200, 403, 302]),
    "programme_new": ([], [403, 200, 403, 403, 200, 403, 302]),
    "programme_edit": (["call.programme.slug"], [403, 200, 403, 403, 200, 403, 302]),
    "pool": (["call.slug"], [403, 200, 403, 403, 200, 403, 302]),
    "hosts": (["call.programme.slug"], [403, 200, 403, 403, 200, 403, 302]),
    "session_new": (["call.programme.slug"], [403, 200, 403, 403, 200, 403, 302]),
    "trainee_new": (["call.programme.slug"], [403, 200, 403, 403, 200, 403, 302]),
    "certificates": ([], [403, 200, 403, 403, 200, 403, 302]),
}


def _resolve(world, path):
    head, *rest = path.split(".")
    value = world[head]
    for attr in rest:
        value = getattr(value, attr)
    return value


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_page_permission_matrix(world, name):
    args, expected = MATRIX[name]
    url = reverse(f"programmes:{name}", args=[_resolve(world, a) for a in args])
    got = [_get(world, role, url) for role in ROLES]
    assert dict(zip(ROLES, got, strict=True)) == dict(zip(ROLES, expected, strict=True))


ACTIONS = {
    "assign": ("call.slug", {}),
    "match": ("call.slug", {}),
    "decisions": (
        "call.slug",
        {"decision": "accepted", "applications": ["1"], "confirm": "1", "override_reason": "x"},
    ),
    "placement_status": ("placement.pk", {"status": "active"}),
}


@pytest.mark.parametrize("name", sorted(ACTIONS))
@pytest.mark.parametrize("role", ["applicant", "reviewer", "broker", "outsider"])
def test_officer_actions_refused_to_others(world, name, role):
    arg, data = ACTIONS[name]
    url = reverse(f"programmes:{name}", args=[_resolve(world, arg)])
    before = (Review.objects.count(), Placement.objects.get().status, world["app"].status)
    assert login(world[role]).post(url, data).status_code == 403
    world["app"].refresh_from_db()
    assert (Review.objects.count(), Placement.objects.get().status, world["app"].status) == before


def test_officer_assign_reviewers_page_action(
    call, reviewers, officer, django_capture_on_commit_callbacks
):
    make_application(call)
    client = login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("programmes:assign", args=[call.slug]))
    run = call.runs.get()
    assert response.url == run.get_absolute_url()
    page = client.get(response.url).content.decode()
    assert Review.objects.count() == 2
    assert 'data-status="done"' in page
    assert "2 new, 0 kept, 0 removed." in page


def test_officer_sees_infeasibility_message_nothing_saved(
    call, officer, django_capture_on_commit_callbacks
):
    make_application(call)
    client = login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("programmes:assign", args=[call.slug]))
    assert "The reviewer pool of this call is empty." in client.get(response.url).content.decode()
    from tests.programmes.conftest import REV_RICE, make_reviewer

    make_reviewer(call, "lonely", [REV_RICE])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("programmes:assign", args=[call.slug]))
    page = client.get(response.url).content.decode()
    assert (
        "No reviewer assignment is possible: applications need at least 2 assignments "
        "but reviewers accept at most 1" in page
    )
    assert "only 1 reviewers in the pool have no conflict with it; 2 are needed" in page
    assert Review.objects.count() == 0


def test_apply_page_flow_with_bad_file(call, seeker):
    client = login(seeker)
    response = client.post(
        reverse("programmes:apply", args=[call.slug]),
        {
            "full_name": "Putu", "birth_date": "1990-01-02", "nationality": "ID",
            "degree": "phd", "proposal": "Rice.", "months": "12",
            "publications_text": "Paper one\nAbstract one.\n\nPaper two",
        },
    )  # fmt: skip
    assert response.status_code == 302
    app = seeker.programme_applications.get()
    assert app.publications == [
        {"title": "Paper one", "abstract": "Abstract one."},
        {"title": "Paper two", "abstract": ""},
    ]
    bad = pdf()
    bad.file.write(b"")
    from django.core.files.uploadedfile import SimpleUploadedFile

    exe = SimpleUploadedFile("cv.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    response = client.post(
        reverse("programmes:document", args=[app.pk]), {"kind": "cv", "file": exe}, follow=True
    )
    assert "Only PDF, PNG, JPEG and WebP files can be attached." in response.content.decode()
    response = client.post(reverse("programmes:submit", args=[app.pk]), follow=True)
    assert "Missing document: CV." in response.content.decode()
    app.refresh_from_db()
    assert app.status == "draft"


def test_apply_page_months_outside_call_range(call, seeker):
    response = login(seeker).post(
        reverse("programmes:apply", args=[call.slug]),
        {"full_name": "P", "birth_date": "1990-01-02", "nationality": "ID", "degree": "phd",
         "proposal": "Rice.", "months": "30"},
    )  # fmt: skip
    assert response.status_code == 400
    assert seeker.programme_applications.count() == 0


def test_apply_page_late_call_refused(call, seeker):
    call.deadline = timezone.now() - dt.timedelta(days=1)
    call.save()
    response = login(seeker).get(reverse("programmes:apply", args=[call.slug]))
    assert response.status_code == 400
    assert "This call is not open for applications." in response.content.decode()


def test_draft_call_hidden_from_public(call, seeker, officer):
    Call.objects.filter(pk=call.pk).update(status="draft")
    url = reverse("programmes:call", args=[call.slug])
    assert login(seeker).get(url).status_code == 404
    assert login(officer).get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_manage_page_query_count(call, reviewers, officer, n, django_assert_max_num_queries):
    for _ in range(n):
        make_application(call)
    review.assign_reviewers(user=officer, call=call)
    client = login(officer)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("programmes:manage", args=[call.slug])).status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_list_pages_query_count(call, hosts, officer, n, django_assert_max_num_queries):
    for i in range(n):
        app = make_application(call, status="accepted")
        PlacementFactory(
            application=app, host=hosts[i % 2], start=dt.date(2025, 1, 1),
            end=dt.date(2025, 12, 31), status="completed",
        )  # fmt: skip
        Review.objects.create(application=app, reviewer=officer)
    client = login(officer)
    for name in ("index", "alumni", "placements", "workspace", "mine"):
        with django_assert_max_num_queries(10):
            assert client.get(reverse(f"programmes:{name}")).status_code == 200


@pytest.mark.parametrize("n", [1, 3])
def test_training_page_query_count(programme, officer, n, django_assert_max_num_queries):
    for i in range(n):
        TrainingSession.objects.create(programme=programme, title=f"S{i}", date=dt.date(2027, 1, 1))
        TraineeFactory(programme=programme, name=f"P{i}")
    client = login(officer)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("programmes:training", args=[programme.slug]))
    assert response.status_code == 200


def test_certificate_needs_attendance(programme, officer):
    sessions = [
        TrainingSession.objects.create(programme=programme, title=f"S{i}", date=dt.date(2027, 1, i + 1))
        for i in range(5)
    ]  # fmt: skip
    person = TraineeFactory(programme=programme, name="Keo Sreymom", country="KH")
    client = login(officer)
    url = reverse("programmes:certificate", args=[person.pk])
    assert "No certificate yet: 0 of 5 sessions attended." in client.get(url).content.decode()
    for s in sessions[:4]:
        client.post(reverse("programmes:attendance", args=[s.pk]), {"present": [person.pk]})
    page = client.get(url).content.decode()
    assert "Certificate of completion" in page and "attending 4 of 5 sessions" in page


def test_attendance_rejects_foreign_participant(programme, officer):
    from lintas.programmes.models import Programme

    other = Programme.objects.create(slug="other", name="Other", kind="training")
    session = TrainingSession.objects.create(
        programme=programme, title="S", date=dt.date(2027, 1, 1)
    )
    stranger = TraineeFactory(programme=other, name="X")
    response = login(officer).post(
        reverse("programmes:attendance", args=[session.pk]), {"present": [stranger.pk]}, follow=True
    )
    assert "Some participants do not belong to this programme." in response.content.decode()
    assert session.attendees.count() == 0


def test_placement_extension_flow(world):
    placement, client = world["placement"], login(world["applicant"])
    url = reverse("programmes:placement", args=[placement.pk])
    response = client.post(url, {"ext-new_end": "2027-01-01", "ext-reason": "More time"})
    assert response.status_code == 400
    assert "The new end date must be after 2028-03-31." in response.content.decode()
    client.post(url, {"ext-new_end": "2028-06-30", "ext-reason": "More time"})
    ext = placement.extensions.get()
    login(world["officer"]).post(
        reverse("programmes:extension_decide", args=[ext.pk]), {"approve": "1"}
    )
    placement.refresh_from_db()
    assert (placement.status, placement.end) == ("extended", dt.date(2028, 6, 30))


def test_placement_report_upload(world):
    placement, client = world["placement"], login(world["applicant"])
    url = reverse("programmes:placement", args=[placement.pk])
    client.post(url, {"report-title": "Month 3", "report-file": pdf("r.pdf")})
    assert [r.title for r in placement.reports.all()] == ["Month 3"]


@pytest.mark.parametrize(
    ("language", "text"), [("zh-hans", "人才与培训项目"), ("id", "Program talenta dan pelatihan")]
)
def test_index_translated(db, language, text):
    client = Client()
    client.cookies["django_language"] = language
    response = client.get(reverse("programmes:index"), HTTP_ACCEPT_LANGUAGE=language)
    assert text in response.content.decode()
