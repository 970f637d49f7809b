"""API of the officer's round: the same domain as the pages, refused to non-officers."""

import pytest
from django.core import mail

from lintas.programmes.domain import certificates, review
from lintas.programmes.models import Call, Certificate, Host, Placement, Review, Reviewer
from tests.factories import OrganisationFactory, PlacementFactory, TraineeFactory, UserFactory
from tests.programmes.conftest import make_application
from tests.programmes.test_api import api


def test_api_officer_creates_programme_and_call_with_rules(officer, seeker):
    made = api(officer).post(
        "/api/v1/programmes/programmes/", {"name": "Fellows", "kind": "talent"}, format="json"
    )
    assert made.status_code == 201
    slug = made.json()["slug"]
    body = {
        "programme": slug, "title": "Fellows 2028", "opens_on": "2027-01-01",
        "deadline": "2030-01-01T00:00:00Z", "status": "open",
        "eligibility": {"max_age": 40, "nationalities": ["ID"], "min_years_experience": 2},
    }  # fmt: skip
    assert api(seeker).post("/api/v1/programmes/calls/", body, format="json").status_code == 403
    response = api(officer).post("/api/v1/programmes/calls/", body, format="json")
    assert response.status_code == 201
    call = Call.objects.get(title="Fellows 2028")
    assert call.eligibility == body["eligibility"]
    bad = api(officer).patch(
        f"/api/v1/programmes/calls/{call.slug}/", {"eligibility": {"max_age": "old"}}, format="json"
    )
    assert bad.status_code == 400 and "max_age must be a whole number." in str(bad.json())
    call.refresh_from_db()
    assert call.eligibility["max_age"] == 40


def test_api_eligibility_preview_and_application_results(call, officer, seeker):
    application = make_application(call, seeker)
    rows = (
        api(officer)
        .post(
            f"/api/v1/programmes/calls/{call.slug}/eligibility-preview/",
            {"eligibility": {"nationalities": ["VN"]}},
            format="json",
        )
        .json()
    )
    assert rows[0]["passes"] is False and rows[0]["passes_saved_rules"] is True
    assert rows[0]["results"][0]["value"] == "Indonesia"
    detail = api(seeker).get(f"/api/v1/programmes/applications/{application.pk}/").json()
    assert [r["rule"] for r in detail["eligibility"]] == ["max_age", "nationalities", "degrees"]
    assert api(seeker).post(
        f"/api/v1/programmes/calls/{call.slug}/eligibility-preview/",
        {"eligibility": {}}, format="json",
    ).status_code == 403  # fmt: skip


def test_api_pool_search_add_remove_invite_conflict(call, officer, seeker):
    person = UserFactory(username="lan", first_name="Lan", last_name="Tran")
    base = f"/api/v1/programmes/calls/{call.slug}"
    found = api(officer).get(f"{base}/pool/", {"q": "tran"}).json()["found"]
    assert [p["username"] for p in found] == ["lan"]
    added = api(officer).post(f"{base}/pool/", {"user": person.pk, "max_load": 2}, format="json")
    assert added.status_code == 201
    member = Reviewer.objects.get(call=call, user=person)
    assert member.max_load == 2
    invited = api(officer).post(
        f"{base}/invitations/", {"name": "Guest", "email": "guest@example.org"}, format="json"
    )
    assert invited.status_code == 201 and invited.json()["email"] == "guest@example.org"
    app = make_application(call, seeker)
    conflict = api(officer).post(
        f"{base}/conflicts/", {"application": app.pk, "reviewer": person.pk, "reason": "Cousin"},
        format="json",
    )  # fmt: skip
    assert conflict.status_code == 201 and conflict.json()[0]["reason"] == "Cousin"
    assert api(officer).delete(f"{base}/pool/{member.pk}/").status_code == 204
    assert not Reviewer.objects.filter(pk=member.pk).exists()
    assert api(seeker).get(f"{base}/pool/").status_code == 403


def test_api_run_ranking_and_decisions(
    call, reviewers, officer, seeker, django_capture_on_commit_callbacks
):
    app = make_application(call, seeker)
    with django_capture_on_commit_callbacks(execute=True):
        started = api(officer).post(
            "/api/v1/programmes/runs/", {"call": call.slug, "kind": "reviewers"}, format="json"
        )
    assert started.status_code == 202
    run = api(officer).get(f"/api/v1/programmes/runs/{started.json()['id']}/").json()
    assert run["status"] == "done" and len(run["result"]["assigned"]) == 2
    assert api(seeker).get(f"/api/v1/programmes/runs/{run['id']}/").status_code == 403
    base = f"/api/v1/programmes/calls/{call.slug}"
    preview = api(officer).post(
        f"{base}/decisions/", {"decision": "accepted", "applications": [app.pk]}, format="json"
    )
    assert preview.status_code == 200 and preview.json()[0]["needs_override"] is True
    refused = api(officer).post(
        f"{base}/decisions/",
        {"decision": "accepted", "applications": [app.pk], "confirm": True},
        format="json",
    )
    assert refused.status_code == 400
    for r in Review.objects.select_related("application__call", "reviewer"):
        review.submit_review(
            user=r.reviewer, review=r, scores=dict.fromkeys(call.criteria_list, 3), comment=""
        )
    ranking = api(officer).get(f"{base}/ranking/").json()
    assert ranking[0]["mean"] == 3.0 and ranking[0]["spread"] == 0.0
    with django_capture_on_commit_callbacks(execute=True):
        done = api(officer).post(
            f"{base}/decisions/",
            {"decision": "accepted", "applications": [app.pk], "confirm": True},
            format="json",
        )
    assert done.status_code == 200
    app.refresh_from_db()
    assert app.status == "accepted" and len(mail.outbox) == 1


def test_api_hosts_public_read_officer_write(programme, officer, seeker):
    org = OrganisationFactory(slug="gxu")
    body = {"programme": programme.slug, "organisation": "gxu", "name": "Cane Lab",
            "research_areas": ["Sugarcane."], "capacity": 2, "supervisor_email": "a@b.cn"}  # fmt: skip
    assert api(seeker).post("/api/v1/programmes/hosts/", body, format="json").status_code == 403
    made = api(officer).post("/api/v1/programmes/hosts/", body, format="json")
    assert made.status_code == 201
    host = Host.objects.get(name="Cane Lab")
    assert host.organisation == org
    public = api().get("/api/v1/programmes/hosts/").json()["results"]
    assert public[0]["name"] == "Cane Lab" and "supervisor_email" not in public[0]
    api(officer).patch(f"/api/v1/programmes/hosts/{host.pk}/", {"capacity": 4}, format="json")
    host.refresh_from_db()
    assert host.capacity == 4


def test_api_sessions_and_trainees_officers_only(officer, seeker):
    programme = TraineeFactory().programme
    body = {"programme": programme.slug, "title": "Patents", "date": "2027-06-01"}
    assert api(seeker).get("/api/v1/programmes/sessions/").status_code == 403
    assert api(officer).post("/api/v1/programmes/sessions/", body, format="json").status_code == 201
    trainee = {"programme": programme.slug, "name": "Somchai", "country": "TH"}
    assert (
        api(officer).post("/api/v1/programmes/trainees/", trainee, format="json").status_code == 201
    )
    assert api(seeker).get("/api/v1/programmes/trainees/").status_code == 403


def test_api_certificates_verify_publicly_issue_by_officers(call, officer, seeker):
    app = make_application(call, seeker, status="accepted")
    assert api(seeker).post(
        "/api/v1/programmes/certificates/", {"application": app.pk}, format="json"
    ).status_code == 403  # fmt: skip
    made = api(officer).post(
        "/api/v1/programmes/certificates/", {"application": app.pk}, format="json"
    )
    assert made.status_code == 201
    number = made.json()["number"]
    public = api().get(f"/api/v1/programmes/certificates/{number}/").json()
    assert public["valid"] is True and public["holder"] == app.full_name
    assert public["verification_url"].endswith(f"/certificates/{number}/")
    assert api().get("/api/v1/programmes/certificates/").status_code in (401, 403)
    assert api().get("/api/v1/programmes/certificates/LTS-2000-0001-AA/").status_code == 404
    assert Certificate.objects.count() == 1
    assert certificates.lookup(number.lower()) is not None


def test_api_placement_dates_history(call, hosts, officer, seeker):
    placement = PlacementFactory(application=make_application(call, seeker), host=hosts[0])
    url = f"/api/v1/programmes/placements/{placement.pk}/dates/"
    body = {"start": "2027-05-01", "end": "2028-04-30", "reason": "Visa"}
    assert api(seeker).post(url, body, format="json").status_code == 403
    response = api(officer).post(url, body, format="json")
    assert response.status_code == 200
    assert response.json()["changes"][0]["reason"] == "Visa"
    assert Placement.objects.get(pk=placement.pk).start.isoformat() == "2027-05-01"


@pytest.mark.parametrize("n", [1, 3])
def test_api_placements_query_count(call, hosts, officer, n, django_assert_max_num_queries):
    for i in range(n):
        PlacementFactory(application=make_application(call), host=hosts[i % 2])
    with django_assert_max_num_queries(6):
        assert api(officer).get("/api/v1/programmes/placements/").status_code == 200
