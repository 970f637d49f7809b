import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lintas.core.models import AuditEntry
from lintas.programmes.domain import review
from lintas.programmes.models import Conflict, Review, Reviewer
from tests.conftest import login
from tests.factories import OrganisationFactory
from tests.programmes.conftest import (
    BATTERY,
    REV_BATTERY,
    REV_RICE,
    RICE,
    make_application,
    make_reviewer,
)


def _pairs():
    return sorted((r.application.full_name, r.reviewer.username) for r in Review.objects.all())


def test_conflict_same_organisation(call):
    org = OrganisationFactory()
    rev = make_reviewer(call, "rev", [BATTERY], organisation=org)
    app = make_application(call)
    app.applicant.organisation = org
    reasons = review.conflict_reasons(reviewer=Reviewer.objects.get(user=rev), application=app)
    assert reasons == ["same organisation"]


def test_conflict_coauthorship_by_shared_title(call):
    rev = make_reviewer(call, "rev", [{"title": "  SALT tolerance of rice LANDRACES "}])
    app = make_application(call)
    reasons = review.conflict_reasons(reviewer=Reviewer.objects.get(user=rev), application=app)
    assert reasons == ["co-authors of “salt tolerance of rice landraces”"]


def test_assign_reviewers_gives_k_each_by_affinity(call, reviewers, officer):
    make_application(call, full_name="Rice", publications=[RICE])
    make_application(
        call, full_name="Battery", publications=[BATTERY], proposal="Battery cathodes."
    )
    review.assign_reviewers(user=officer, call=call)
    assert _pairs() == [
        ("Battery", "rev-battery"),
        ("Battery", "rev-mixed"),
        ("Rice", "rev-mixed"),
        ("Rice", "rev-rice"),
    ]


def test_assign_reviewers_respects_load(call, officer):
    make_reviewer(call, "a", [REV_RICE], max_load=1)
    make_reviewer(call, "b", [REV_RICE], max_load=1)
    make_reviewer(call, "c", [REV_BATTERY], max_load=5)
    for i in range(2):
        make_application(call, full_name=f"R{i}")
    review.assign_reviewers(user=officer, call=call)
    loads = {}
    for r in Review.objects.select_related("reviewer"):
        loads[r.reviewer.username] = loads.get(r.reviewer.username, 0) + 1
    assert loads == {"a": 1, "b": 1, "c": 2}


def test_assign_reviewers_skips_declared_conflict(call, reviewers, officer):
    app = make_application(call, full_name="Rice")
    Conflict.objects.create(application=app, reviewer=reviewers[0], reason="former student")
    review.assign_reviewers(user=officer, call=call)
    assert _pairs() == [("Rice", "rev-battery"), ("Rice", "rev-mixed")]


def test_assign_reviewers_infeasible_names_constraint_and_saves_nothing(call, officer):
    make_reviewer(call, "only", [REV_RICE], max_load=1)
    make_application(call, full_name="Alice")
    with pytest.raises(ValidationError) as err:
        review.assign_reviewers(user=officer, call=call)
    assert err.value.messages == [
        "No reviewer assignment is possible: applications need at least 2 assignments "
        "but reviewers accept at most 1"
    ]
    assert Review.objects.count() == 0


def test_assign_reviewers_infeasible_by_conflict_names_applicant(call, officer):
    make_reviewer(call, "r1", [REV_RICE], max_load=5)
    make_reviewer(call, "r2", [RICE], max_load=5)  # co-author of Alice
    make_reviewer(call, "r3", [REV_BATTERY], max_load=5)
    make_application(call, full_name="Bob", publications=[BATTERY])
    make_application(call, full_name="Alice")
    Conflict.objects.create(
        application=call.applications.get(full_name="Alice"),
        reviewer=call.pool.get(user__username="r1").user,
        reason="declared",
    )
    with pytest.raises(ValidationError) as err:
        review.assign_reviewers(user=officer, call=call)
    message = err.value.messages[0]
    assert message.startswith("No reviewer assignment is possible: application Alice needs 2")
    assert Review.objects.count() == 0


def test_assign_reviewers_infeasible_keeps_previous_assignment(call, reviewers, officer):
    make_application(call, full_name="Rice")
    review.assign_reviewers(user=officer, call=call)
    before = _pairs()
    for i in range(3):
        make_application(call, full_name=f"Extra{i}")
    Reviewer.objects.update(max_load=2)
    with pytest.raises(ValidationError) as err:
        review.assign_reviewers(user=officer, call=call)
    assert "accept at most 6" in err.value.messages[0]
    assert _pairs() == before


def test_assign_reviewers_denied_to_non_officer(call, reviewers, broker):
    make_application(call)
    with pytest.raises(PermissionDenied):
        review.assign_reviewers(user=broker, call=call)


def test_submit_review_and_ranking(call, reviewers, officer):
    good = make_application(call, full_name="Good")
    weak = make_application(call, full_name="Weak")
    review.assign_reviewers(user=officer, call=call)
    for r in Review.objects.select_related("application__call"):
        value = 5 if r.application_id == good.pk else 2
        scores = {c: value for c in call.criteria_list}
        review.submit_review(user=r.reviewer, review=r, scores=scores, comment="ok")
    ranking = review.ranking(call)
    assert [(row["application"].full_name, row["mean"]) for row in ranking] == [
        ("Good", 5.0),
        ("Weak", 2.0),
    ]
    assert weak.pk == ranking[1]["application"].pk


def test_submit_review_out_of_range_rejected(call, reviewers, officer):
    make_application(call)
    review.assign_reviewers(user=officer, call=call)
    r = Review.objects.select_related("application__call").first()
    with pytest.raises(ValidationError) as err:
        review.submit_review(user=r.reviewer, review=r, scores={"excellence": 9}, comment="")
    assert err.value.messages == ["Score every criterion from 1 to 5 (excellence)."]
    r.refresh_from_db()
    assert r.submitted_at is None


def test_submit_review_by_other_user_denied(call, reviewers, officer, outsider):
    make_application(call)
    review.assign_reviewers(user=officer, call=call)
    r = Review.objects.first()
    with pytest.raises(PermissionDenied):
        review.submit_review(user=outsider, review=r, scores={}, comment="")


def test_decide_accept_sends_email(call, officer, django_capture_on_commit_callbacks):
    app = make_application(call)
    with django_capture_on_commit_callbacks(execute=True):
        review.decide(user=officer, application=app, decision="accepted", override_reason="panel")
    app.refresh_from_db()
    assert app.status == "accepted"
    assert [m.subject for m in mail.outbox] == ["Your application has been accepted"]
    assert mail.outbox[0].to == [app.applicant.email]


def test_decide_email_in_applicant_language(call, officer, django_capture_on_commit_callbacks):
    app = make_application(call)
    app.applicant.language = "id"
    app.applicant.save()
    with django_capture_on_commit_callbacks(execute=True):
        review.decide(user=officer, application=app, decision="rejected", override_reason="panel")
    assert mail.outbox[0].subject != "Your application was not selected"


def test_decide_unknown_or_by_reviewer_rejected(call, reviewers, officer):
    app = make_application(call)
    with pytest.raises(ValidationError):
        review.decide(user=officer, application=app, decision="maybe")
    with pytest.raises(PermissionDenied):
        review.decide(user=reviewers[0], application=app, decision="accepted")
    app.refresh_from_db()
    assert app.status == "submitted"


def test_conflict_declared_after_review_voids_it_and_access(call, reviewers, officer):
    good = make_application(call, full_name="Good")
    weak = make_application(call, full_name="Weak")
    review.assign_reviewers(user=officer, call=call)
    for r in Review.objects.select_related("application__call"):
        value = 5 if r.application_id == good.pk else 2
        review.submit_review(
            user=r.reviewer, review=r, scores=dict.fromkeys(call.criteria_list, value), comment=""
        )
    # One of Weak's reviewers gave it a 5 after all, then declares a conflict.
    biased = Review.objects.filter(application=weak).select_related("reviewer").first()
    review.submit_review(
        user=biased.reviewer,
        review=biased,
        scores=dict.fromkeys(call.criteria_list, 5),
        comment="",
    )
    client = login(biased.reviewer)
    before = client.get(reverse("programmes:application", args=[weak.pk]))
    assert (before.status_code, "Weak" in before.content.decode()) == (200, True)
    assert [(r["application"].full_name, r["mean"]) for r in review.ranking(call)] == [
        ("Good", 5.0),
        ("Weak", 3.5),
    ]

    review.declare_conflict(user=biased.reviewer, application=weak, reason="my former student")

    rows = {r["application"].full_name: r for r in review.ranking(call)}
    assert (rows["Weak"]["mean"], rows["Weak"]["reviews_done"]) == (2.0, 1)
    assert rows["Good"]["mean"] == 5.0
    assert client.get(reverse("programmes:application", args=[weak.pk])).status_code == 404
    entry = AuditEntry.objects.get(summary__startswith="review withdrawn")
    assert entry.changes["review_scores"][0] == dict.fromkeys(call.criteria_list, 5)


def test_review_cannot_be_submitted_after_declaring_conflict(call, reviewers, officer):
    app = make_application(call, full_name="Rice")
    review.assign_reviewers(user=officer, call=call)
    r = Review.objects.filter(application=app).first()
    Conflict.objects.create(application=app, reviewer=r.reviewer, reason="declared elsewhere")
    with pytest.raises(PermissionDenied):
        review.submit_review(
            user=r.reviewer, review=r, scores=dict.fromkeys(call.criteria_list, 5), comment=""
        )
    assert Review.objects.get(pk=r.pk).submitted_at is None
