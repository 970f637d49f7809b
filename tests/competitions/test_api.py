"""The competitions API: the same rules and domain as the pages."""

import datetime as dt
import json

import pytest
from rest_framework.test import APIClient

from lintas.competitions.domain import camps, judging
from lintas.competitions.models import Assignment, Entry, Judge
from tests.competitions.conftest import make_entry, make_judges, pdf
from tests.factories import TalentFactory

VALUES = {"innovation": 8, "market": 7, "team": 6, "feasibility": 5, "asean": 9}


@pytest.fixture
def api():
    return APIClient()


def test_public_edition_with_rules_and_tie_breaks(api, competition):
    data = api.get(f"/api/v1/competitions/{competition.slug}/").json()
    assert data["tie_break"][0] == "higher normalised score on the rubric's heaviest criterion"
    assert {g["kind"] for g in data["groups"]} == {"enterprise", "team"}
    assert data["stages"][0]["rubric"][0] == {"criterion": "innovation", "label": "Innovation",
                                             "weight": 30.0}  # fmt: skip
    competition.status = "draft"
    competition.save()
    assert api.get(f"/api/v1/competitions/{competition.slug}/").status_code == 404


def test_enter_by_api_multipart_with_files(api, competition, seeker):
    TalentFactory(slug="dewi")
    api.force_authenticate(seeker)
    response = api.post(
        "/api/v1/competition-entries/",
        {
            "competition": competition.slug, "group": "team",
            "field": competition.fields.first().pk, "project_name": "Cassava dryer",
            "country": "id", "pitch_deck": pdf(),
            "members": json.dumps([{"name": "Dewi", "nationality": "ID", "talent": "dewi"},
                                   {"name": "Budi", "nationality": "ID"}]),
        },
        format="multipart",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["has_pitch_deck"] is True and body["members"][0]["talent"] == "dewi"
    assert Entry.objects.get().submitted_by == seeker


def test_enter_by_api_refuses_missing_team(api, competition, seeker):
    api.force_authenticate(seeker)
    response = api.post(
        "/api/v1/competition-entries/",
        {"competition": competition.slug, "group": "team", "field": competition.fields.first().pk,
         "project_name": "X", "country": "ID", "members": []},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert "Name at least one team member." in response.content.decode()
    assert not Entry.objects.exists()


def test_entries_list_own_only_and_retrieve_by_rule(api, competition, seeker, outsider, officer):
    mine = make_entry(competition, name="Mine", submitted_by=seeker)
    make_entry(competition, name="Other", submitted_by=outsider)
    api.force_authenticate(seeker)
    assert [
        e["project_name"] for e in api.get("/api/v1/competition-entries/").json()["results"]
    ] == ["Mine"]
    other = Entry.objects.get(project_name="Other")
    assert api.get(f"/api/v1/competition-entries/{other.pk}/").status_code == 403
    api.force_authenticate(officer)
    assert len(api.get("/api/v1/competition-entries/").json()["results"]) == 2
    assert api.get(f"/api/v1/competition-entries/{mine.pk}/").status_code == 200


def test_officer_runs_a_stage_by_api(api, competition, stage, officer, seeker):
    for i in range(3):
        make_entry(competition, name=f"P{i}", status="submitted")
    talents = [TalentFactory(slug=f"judge-{i}") for i in range(3)]
    api.force_authenticate(seeker)
    assert (
        api.post(f"/api/v1/competitions/{competition.slug}/check-eligibility/").status_code == 403
    )
    api.force_authenticate(officer)
    counts = api.post(f"/api/v1/competitions/{competition.slug}/check-eligibility/").json()
    assert counts == {"eligible": 3, "ineligible": 0}
    for t in talents:
        r = api.post(f"/api/v1/competition-stages/{stage.pk}/judges/", {"talent": t.slug},
                     format="json")  # fmt: skip
        assert r.status_code == 201
    made = api.post(f"/api/v1/competition-stages/{stage.pk}/assign/").json()
    assert len(made) == 9
    for t in talents:
        api.force_authenticate(t.user)
        rows = api.get("/api/v1/competition-assignments/").json()["results"]
        assert len(rows) == 3
        for row in rows:
            r = api.post(f"/api/v1/competition-assignments/{row['id']}/score/",
                         {"values": VALUES}, format="json")  # fmt: skip
            assert r.status_code == 200 and r.json()["total"] == 7.0
    api.force_authenticate(officer)
    ranking = api.get(f"/api/v1/competition-stages/{stage.pk}/ranking/").json()
    assert [r["scores"] for r in ranking] == [3, 3, 3]
    decided = api.post(f"/api/v1/competition-stages/{stage.pk}/decide/").json()
    assert sum(r["advanced"] for r in decided) == 2  # one cell, the best two advance


def test_score_refused_to_another_judge(api, competition, stage, officer):
    make_entry(competition, name="A", stage=stage)
    judges = make_judges(stage, 3)
    judging.assign_judges(user=officer, stage=stage)
    a = Assignment.objects.get(judge=judges[0])
    api.force_authenticate(judges[1].talent.user)
    r = api.post(
        f"/api/v1/competition-assignments/{a.pk}/score/", {"values": VALUES}, format="json"
    )
    assert r.status_code == 404  # not in their list at all
    assert not hasattr(Assignment.objects.get(pk=a.pk), "score")


def test_judge_declares_conflict_by_api(api, competition, stage, officer):
    entry = make_entry(competition, name="A", stage=stage)
    judges = make_judges(stage, 3)
    judging.assign_judges(user=officer, stage=stage)
    api.force_authenticate(judges[0].talent.user)
    r = api.post(f"/api/v1/competition-entries/{entry.pk}/conflict/", {"reason": "my student"},
                 format="json")  # fmt: skip
    assert r.status_code == 204
    assert not Assignment.objects.filter(judge=judges[0]).exists()
    assert Judge.objects.count() == 3


def test_final_schedule_agenda_awards_and_results(api, competition, officer):
    final = competition.stages.get(is_final=True)
    entry = make_entry(competition, name="Dryer", stage=final)
    api.force_authenticate(officer)
    r = api.post(f"/api/v1/competition-stages/{final.pk}/schedule/",
                 {"starts_at": "2027-05-20T09:00:00+08:00", "rooms": ["Hall A"]}, format="json")  # fmt: skip
    assert r.status_code == 200 and r.json()[0]["project_name"] == "Dryer"
    api.force_authenticate(None)
    agenda = api.get(f"/api/v1/competition-stages/{final.pk}/agenda/").json()
    assert agenda[0]["room"] == "Hall A"
    assert (
        api.get(f"/api/v1/competitions/{competition.slug}/results/").status_code == 401
    )  # anonymous: no credentials
    api.force_authenticate(officer)
    r = api.post(f"/api/v1/competitions/{competition.slug}/special-awards/",
                 {"name": "Creative Stars", "entry": entry.pk}, format="json")  # fmt: skip
    assert r.status_code == 201
    api.post(f"/api/v1/competitions/{competition.slug}/publish-results/", {"published": True},
             format="json")  # fmt: skip
    api.force_authenticate(None)
    results = api.get(f"/api/v1/competitions/{competition.slug}/results/").json()
    assert results == [{"kind": "special", "group": None, "place": None, "name": "Creative Stars",
                        "entry": entry.pk, "project_name": "Dryer", "country": "ID"}]  # fmt: skip


def test_figures_and_camp_by_api(api, competition, officer, seeker):
    entry = make_entry(competition, name="Dryer", country="LA")
    camp = camps.create_camp(user=officer, competition=competition, name="Camp")
    TalentFactory(slug="mentor")
    api.force_authenticate(seeker)
    assert api.get(f"/api/v1/competitions/{competition.slug}/figures/").status_code == 403
    assert api.get("/api/v1/competition-camps/").status_code == 403
    api.force_authenticate(officer)
    fig = api.get(f"/api/v1/competitions/{competition.slug}/figures/").json()
    assert fig["countries"] == [{"label": "Laos", "key": "LA", "entries": 1}]
    assert api.post(f"/api/v1/competition-camps/{camp.pk}/cohort/", {"entry": entry.pk},
                    format="json").json()["cohort"] == [entry.pk]  # fmt: skip
    assert api.post(f"/api/v1/competition-camps/{camp.pk}/mentors/", {"talent": "mentor"},
                    format="json").json()["mentors"] == ["mentor"]  # fmt: skip
    r = api.post(f"/api/v1/competition-camps/{camp.pk}/sessions/",
                 {"title": "Pitching", "date": "2027-06-01"}, format="json")  # fmt: skip
    assert r.status_code == 201
    assert camp.programme.sessions.get().date == dt.date(2027, 6, 1)


def test_officer_sets_up_an_edition_by_api(api, officer, seeker):
    from tests.factories import SectorFactory

    SectorFactory(slug="digital", names={"en": "Digital"})
    api.force_authenticate(seeker)
    assert (
        api.post("/api/v1/competitions/", {"name": "X", "edition": 1}, format="json").status_code
        == 403
    )
    api.force_authenticate(officer)
    r = api.post("/api/v1/competitions/", {"name": "Innovation", "edition": 4,
                                           "sectors": ["digital"]}, format="json")  # fmt: skip
    assert r.status_code == 201
    slug = r.json()["slug"]
    assert [f["label"] for f in r.json()["fields"]] == ["Digital"]
    r = api.post(f"/api/v1/competitions/{slug}/group-rules/",
                 {"group": "team", "rules": {"min_team": 2, "nationalities": ["LA"]}}, format="json")  # fmt: skip
    assert {g["kind"]: g["eligibility"] for g in r.json()["groups"]}["team"] == {
        "min_team": 2, "nationalities": ["LA"]}  # fmt: skip
    r = api.post(f"/api/v1/competitions/{slug}/group-rules/",
                 {"group": "team", "rules": {"shoe_size": 2}}, format="json")  # fmt: skip
    assert r.status_code == 400 and "Unknown eligibility rules: shoe_size." in r.content.decode()
    r = api.post(f"/api/v1/competitions/{slug}/stages/",
                 {"name": "Final", "starts_on": "2027-05-20", "ends_on": "2027-05-20",
                  "is_final": True, "rubric": {"pitch": 50, "innovation": 50}}, format="json")  # fmt: skip
    assert r.status_code == 201 and r.json()["is_final"] is True
    r = api.patch(f"/api/v1/competitions/{slug}/", {"status": "open", "tie_break": ["earlier"]},
                  format="json")  # fmt: skip
    assert r.status_code == 200 and r.json()["status"] == "open"
    assert r.json()["tie_break"] == ["entry submitted earlier"]
