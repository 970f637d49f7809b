"""The officer's round: background runs that explain themselves, spread between reviewers,
decisions with a confirmation step, reviewer pools and invitations, hosts and training,
certificates with a public verification page, placements' dates with a history."""

import datetime as dt
import re

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from lintas.core.models import AuditEntry, User
from lintas.programmes.domain import certificates, pool, review, runs
from lintas.programmes.models import (
    AssignmentRun,
    Certificate,
    Conflict,
    Host,
    Participant,
    Placement,
    Review,
    Reviewer,
    TrainingSession,
)
from tests.conftest import login
from tests.factories import OrganisationFactory, PlacementFactory, TraineeFactory, UserFactory
from tests.programmes.conftest import BATTERY, RICE, make_application


def _run(officer, call, kind, capture):
    with capture(execute=True):
        run = runs.start_run(user=officer, call=call, kind=kind)
    run.refresh_from_db()
    return run


# --- background runs --------------------------------------------------------------------


def test_reviewer_run_explains_each_assignment_and_load(
    call, reviewers, officer, django_capture_on_commit_callbacks
):
    make_application(call, full_name="Rice applicant", publications=[RICE])
    make_application(call, full_name="Battery applicant", publications=[BATTERY])
    run = _run(officer, call, "reviewers", django_capture_on_commit_callbacks)
    assert run.status == "done" and run.progress == 100
    assigned = run.result["assigned"]
    assert len(assigned) == 4
    rice = {a["reviewer_name"] for a in assigned if a["applicant"] == "Rice applicant"}
    assert "rev-rice" in {
        User.objects.get(pk=a["reviewer"]).username
        for a in assigned
        if a["applicant"] == "Rice applicant"
    }  # noqa: E501
    assert len(rice) == 2
    why = next(a for a in assigned if a["applicant"] == "Rice applicant" and a["reviewer_text"])
    assert "rice" in why["reviewer_text"].lower()
    assert sum(row["load"] for row in run.result["loads"]) == 4
    assert all(row["load"] <= row["max"] for row in run.result["loads"])
    assert run.result["changes"]["first_run"] is True
    assert run.result["unassigned"] == []
    # The explanation is kept on the review itself.
    assert Review.objects.exclude(explanation={}).count() == 4
    # The call's page shows each reviewer's load beside the maximum.
    page = login(officer).get(reverse("programmes:manage", args=[call.slug])).content.decode()
    loads = dict(re.findall(r'data-load="([\w-]+)">(\d+) assigned, at most 3', page))
    assert sum(int(v) for v in loads.values()) == 4 and len(loads) == 3


def test_rerun_says_what_changed(call, reviewers, officer, django_capture_on_commit_callbacks):
    make_application(call, full_name="Rice applicant", publications=[RICE])
    _run(officer, call, "reviewers", django_capture_on_commit_callbacks)
    # The rice reviewer steps out after declaring a conflict; re-running replaces them.
    rice_reviewer = reviewers[0]
    app = call.applications.get()
    if Review.objects.filter(application=app, reviewer=rice_reviewer).exists():
        out = rice_reviewer
    else:
        out = Review.objects.filter(application=app).first().reviewer
    pool.record_conflict(user=officer, application=app, reviewer=out, reason="Same project")
    run = _run(officer, call, "reviewers", django_capture_on_commit_callbacks)
    changes = run.result["changes"]
    assert changes["first_run"] is False
    assert changes["added"] == 1 and changes["kept"] == 1
    page = login(officer).get(run.get_absolute_url()).content.decode()
    assert "1 new, 1 kept, 0 removed." in page


def test_failed_run_lists_unassigned_with_reasons(
    call, officer, django_capture_on_commit_callbacks
):
    from tests.programmes.conftest import REV_RICE, make_reviewer

    make_reviewer(call, "lonely", [REV_RICE])
    make_application(call, full_name="Ana")
    run = _run(officer, call, "reviewers", django_capture_on_commit_callbacks)
    assert run.status == "failed"
    assert run.error.startswith("No reviewer assignment is possible")
    assert run.result["unassigned"][0]["applicant"] == "Ana"
    assert (
        "only 1 reviewers in the pool have no conflict with it; 2 are needed"
        in (run.result["unassigned"][0]["reason"])
    )
    assert Review.objects.count() == 0


def test_run_page_refreshes_until_finished(call, officer):
    run = AssignmentRun.objects.create(call=call, kind="reviewers", requested_by=officer)
    page = login(officer).get(run.get_absolute_url()).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert 'data-status="queued"' in page
    run.status, run.progress = "done", 100
    run.save()
    page = login(officer).get(run.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' not in page


def test_second_start_reuses_the_waiting_run(call, officer):
    first = runs.start_run(user=officer, call=call, kind="reviewers")  # not committed: waits
    assert runs.start_run(user=officer, call=call, kind="reviewers") == first


def test_host_run_places_with_reasons(
    call, hosts, officer, seeker, django_capture_on_commit_callbacks
):
    make_application(call, seeker, status="accepted", full_name="Putu")
    run = _run(officer, call, "hosts", django_capture_on_commit_callbacks)
    assert run.status == "done"
    assert [(a["applicant"], a["host"]) for a in run.result["assigned"]] == [("Putu", "Rice Lab")]
    assert "rice" in run.result["assigned"][0]["host_text"].lower()
    assert Placement.objects.count() == 1


# --- ranking spread ---------------------------------------------------------------------


def test_ranking_shows_spread_and_flags_disagreement(call, reviewers, officer):
    app = make_application(call, full_name="Contested")
    calm = make_application(call, full_name="Calm")
    review.assign_reviewers(user=officer, call=call)
    for r in Review.objects.select_related("application__call", "reviewer"):
        if r.application_id == app.pk:
            value = (
                5 if r.reviewer == Review.objects.filter(application=app).first().reviewer else 2
            )
        else:
            value = 4
        review.submit_review(
            user=r.reviewer, review=r, scores=dict.fromkeys(call.criteria_list, value), comment=""
        )
    rows = {row["application"].full_name: row for row in review.ranking(call)}
    assert rows["Contested"]["spread"] == 3.0 and rows["Contested"]["disagreement"] is True
    assert rows["Calm"]["spread"] == 0.0 and rows["Calm"]["disagreement"] is False
    page = login(officer).get(reverse("programmes:manage", args=[call.slug])).content.decode()
    assert "reviewers disagree" in page
    assert "3.0 (2.0–5.0)" in page
    assert calm.full_name in page


# --- decisions --------------------------------------------------------------------------


def _reviewed(call, reviewers, officer, **extra):
    app = make_application(call, **extra)
    review.assign_reviewers(user=officer, call=call)
    for r in Review.objects.filter(application=app).select_related("application__call", "reviewer"):
        review.submit_review(
            user=r.reviewer, review=r, scores=dict.fromkeys(call.criteria_list, 4), comment=""
        )
    return app


def test_decision_preview_then_confirm(
    call, reviewers, officer, django_capture_on_commit_callbacks
):
    app = _reviewed(call, reviewers, officer, full_name="Reviewed")
    app.applicant.language = "id"
    app.applicant.save()
    client = login(officer)
    url = reverse("programmes:decisions", args=[call.slug])
    page = client.post(url, {"decision": "accepted", "applications": [app.pk]}).content.decode()
    assert 'id="confirm-form"' in page
    assert "Language: id" in page
    app.refresh_from_db()
    assert app.status == "submitted" and mail.outbox == []  # nothing before confirming
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"decision": "accepted", "applications": [app.pk], "confirm": "1"}
        )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.status == "accepted"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [app.applicant.email]
    assert mail.outbox[0].subject != "Your application has been accepted"  # Indonesian


def test_no_review_no_decision_unless_reason(
    call, reviewers, officer, django_capture_on_commit_callbacks
):
    reviewed = _reviewed(call, reviewers, officer, full_name="Reviewed")
    bare = make_application(call, full_name="Unreviewed")
    client = login(officer)
    url = reverse("programmes:decisions", args=[call.slug])
    data = {"decision": "rejected", "applications": [reviewed.pk, bare.pk], "confirm": "1"}
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url, data).content.decode()
    assert "Unreviewed has no completed review" in page
    reviewed.refresh_from_db()
    bare.refresh_from_db()
    assert (reviewed.status, bare.status) == ("submitted", "submitted")  # all or nothing
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data | {"override_reason": "Withdrawn by the applicant's institute"})
    bare.refresh_from_db()
    assert bare.status == "rejected"
    assert len(mail.outbox) == 2
    entry = AuditEntry.objects.filter(object_id=bare.pk, summary="rejected").get()
    assert entry.changes["override_reason"] == [None, "Withdrawn by the applicant's institute"]


# --- reviewer pool ----------------------------------------------------------------------


def test_pool_search_add_remove(call, officer):
    org = OrganisationFactory(name="Mekong Delta Institute")
    person = UserFactory(username="nguyen", first_name="Lan", last_name="Nguyen", organisation=org)
    client = login(officer)
    page = client.get(
        reverse("programmes:pool", args=[call.slug]), {"q": "mekong"}
    ).content.decode()
    assert "Lan Nguyen" in page
    client.post(
        reverse("programmes:pool_add", args=[call.slug]),
        {"user": person.pk, "max_load": "4", "publications_text": "Delta rice\nSalinity."},
    )
    row = Reviewer.objects.get(call=call, user=person)
    assert row.max_load == 4 and row.publications == [
        {"title": "Delta rice", "abstract": "Salinity."}
    ]
    page = client.get(
        reverse("programmes:pool", args=[call.slug]), {"q": "mekong"}
    ).content.decode()
    assert "Nobody found" in page  # already in the pool
    client.post(reverse("programmes:pool_remove", args=[call.slug, row.pk]))
    assert not Reviewer.objects.filter(pk=row.pk).exists()


def test_invitation_creates_account_on_acceptance(
    call, officer, django_capture_on_commit_callbacks
):
    client = login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("programmes:pool_invite", args=[call.slug]),
            {
                "invite-name": "Siti Rahman",
                "invite-email": "siti@example.edu",
                "invite-max_load": "3",
            },
        )
    assert not User.objects.filter(email="siti@example.edu").exists()
    link = re.search(r"https?://\S+/programmes/invitations/\S+/", mail.outbox[0].body).group(0)
    path = link.split("//", 1)[1].split("/", 1)[1]
    guest = Client()
    assert "Siti Rahman" in guest.get("/" + path).content.decode()
    response = guest.post("/" + path, {"username": "siti", "password": "a-long-Passw0rd!"})
    assert response.status_code == 302
    siti = User.objects.get(username="siti")
    assert siti.email == "siti@example.edu" and siti.email_verified
    assert Reviewer.objects.get(call=call, user=siti).max_load == 3
    # The link works once.
    assert guest.get("/" + path).status_code == 400


def test_forged_or_expired_invitation_refused(call, officer, settings):
    invitation = pool.invite_reviewer(user=officer, call=call, email="x@example.org", name="X")
    forged = signing.dumps(
        {"i": invitation.pk, "e": "other@example.org"}, salt=pool.INVITATION_SALT
    )
    with pytest.raises(ValidationError):
        pool.invitation_from_token(forged)
    with pytest.raises(ValidationError):
        pool.invitation_from_token("not-a-token")
    token = pool.invitation_token(invitation)
    assert pool.invitation_from_token(token) == invitation


def test_inviting_an_existing_account_adds_it(call, officer, seeker):
    made = pool.invite_reviewer(user=officer, call=call, email=seeker.email.upper(), name="S")
    assert isinstance(made, Reviewer) and made.user == seeker


def test_officer_records_conflict(call, reviewers, officer):
    app = make_application(call)
    review.assign_reviewers(user=officer, call=call)
    target = Review.objects.filter(application=app).first().reviewer
    login(officer).post(
        reverse("programmes:pool_conflict", args=[call.slug]),
        {"conflict-application": app.pk, "conflict-reviewer": target.pk,
         "conflict-reason": "Former supervisor"},
    )  # fmt: skip
    conflict = Conflict.objects.get(application=app, reviewer=target)
    assert conflict.recorded_by == officer
    assert not Review.objects.filter(application=app, reviewer=target).exists()


# --- hosts, sessions, trainees ----------------------------------------------------------


def test_hosts_added_and_edited_without_admin(programme, officer):
    org = OrganisationFactory(name="Guangxi University")
    client = login(officer)
    client.post(
        reverse("programmes:hosts", args=[programme.slug]),
        {"name": "Sugarcane Lab", "organisation": org.pk, "supervisor": "Prof. Wei",
         "supervisor_email": "wei@example.cn", "capacity": "2",
         "research_areas_text": "Sugarcane breeding.\n\nDrought tolerance of sugarcane."},
    )  # fmt: skip
    host = Host.objects.get(name="Sugarcane Lab")
    assert host.research_areas == ["Sugarcane breeding.", "Drought tolerance of sugarcane."]
    assert (host.supervisor, host.capacity) == ("Prof. Wei", 2)
    client.post(
        reverse("programmes:host_edit", args=[host.pk]),
        {"name": "Sugarcane Lab", "organisation": org.pk, "supervisor": "Prof. Wei",
         "capacity": "3", "research_areas_text": "Sugarcane breeding."},
    )  # fmt: skip
    host.refresh_from_db()
    assert host.capacity == 3


def test_sessions_and_trainees_without_admin(officer):
    programme = TraineeFactory().programme
    client = login(officer)
    client.post(
        reverse("programmes:session_new", args=[programme.slug]),
        {"title": "Licensing", "date": "2027-05-02", "location": "Nanning"},
    )
    client.post(
        reverse("programmes:trainee_new", args=[programme.slug]),
        {"name": "Sok Dara", "email": "dara@example.kh", "country": "KH"},
    )
    assert TrainingSession.objects.get(programme=programme).title == "Licensing"
    trainee = Participant.objects.get(name="Sok Dara")
    assert trainee.country.code == "KH"
    client.post(reverse("programmes:trainee_edit", args=[trainee.pk]), {"delete": "1"})
    assert not Participant.objects.filter(pk=trainee.pk).exists()


# --- certificates -----------------------------------------------------------------------


def test_certificate_for_accepted_applicant_verifies_publicly(call, officer, seeker):
    call.programme.issuer = "China–ASEAN Technology Transfer Center"
    call.programme.save()
    app = make_application(call, seeker, status="accepted", full_name="Putu Dewi")
    login(officer).post(reverse("programmes:certificate_issue", args=[app.pk]))
    item = Certificate.objects.get(application=app)
    assert re.fullmatch(r"LTS-\d{4}-0001-[A-Z2-9]{2}", item.number)
    assert certificates.well_formed(item.number)
    page = Client().get(f"/certificates/{item.number}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Putu Dewi" in text and "China–ASEAN Technology Transfer Center" in text
    assert 'data-valid="yes"' in text
    assert "<svg" in text and "<path" in text  # the QR code, inline
    # A mistyped number finds nothing.
    wrong = item.number[:-1] + ("A" if item.number[-1] != "A" else "B")
    assert Client().get(f"/certificates/{wrong}/").status_code == 404


def test_revoked_certificate_says_so(call, officer, seeker):
    app = make_application(call, seeker, status="accepted")
    item = certificates.issue_for_application(user=officer, application=app)
    certificates.revoke(user=officer, certificate=item, reason="Issued by mistake")
    text = Client().get(item.get_absolute_url()).content.decode()
    assert 'data-valid="no"' in text and "Issued by mistake" in text


def test_no_certificate_for_submitted_application(call, officer, seeker):
    app = make_application(call, seeker)
    with pytest.raises(ValidationError):
        certificates.issue_for_application(user=officer, application=app)
    assert Certificate.objects.count() == 0


def test_training_certificate_needs_attendance(officer):
    trainee = TraineeFactory()
    session = TrainingSession.objects.create(
        programme=trainee.programme, title="Day 1", date=dt.date(2027, 5, 1)
    )
    with pytest.raises(ValidationError):
        certificates.issue_for_trainee(user=officer, participant=trainee)
    session.attendees.add(trainee)
    item = certificates.issue_for_trainee(user=officer, participant=trainee)
    assert item.kind == "training"
    page = login(officer).get(reverse("programmes:certificate", args=[trainee.pk])).content
    assert item.number.encode() in page and b"<svg" in page


# --- placements' dates ------------------------------------------------------------------


def test_placement_dates_changed_with_history(call, hosts, officer, seeker):
    placement = PlacementFactory(application=make_application(call, seeker), host=hosts[0])
    client = login(officer)
    client.post(
        reverse("programmes:placement_dates", args=[placement.pk]),
        {"start": "2027-05-01", "end": "2028-04-30", "reason": "Visa delayed"},
    )
    placement.refresh_from_db()
    assert (placement.start, placement.end) == (dt.date(2027, 5, 1), dt.date(2028, 4, 30))
    change = placement.changes.get()
    assert (change.old_start, change.reason, change.changed_by) == (
        dt.date(2027, 4, 1),
        "Visa delayed",
        officer,
    )
    page = client.get(reverse("programmes:placement", args=[placement.pk])).content.decode()
    assert "Visa delayed" in page
    # The researcher sees the history too but cannot change the dates.
    assert (
        login(seeker)
        .post(
            reverse("programmes:placement_dates", args=[placement.pk]),
            {"start": "2027-06-01", "end": "2028-04-30", "reason": "x"},
        )
        .status_code
        == 403
    )
    placement.refresh_from_db()
    assert placement.start == dt.date(2027, 5, 1)


# --- query counts ----------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 3])
def test_officer_pages_query_count(call, officer, n, django_assert_max_num_queries):
    from tests.programmes.conftest import REV_RICE, make_reviewer

    for i in range(n):
        reviewer = make_reviewer(call, f"rev-{i}", [REV_RICE])
        app = make_application(call, full_name=f"Applicant {i}")
        Review.objects.create(
            application=app, reviewer=reviewer, explanation={"reviewer_text": "x"}
        )
        pool.record_conflict(user=officer, application=app, reviewer=reviewer, reason="Colleague")
    client = login(officer)
    for name in ("manage", "pool"):
        with django_assert_max_num_queries(14):  # 13 and 11 today, whatever n
            assert client.get(reverse(f"programmes:{name}", args=[call.slug])).status_code == 200
