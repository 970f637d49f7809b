"""Pages: public edition and results, entering a project, the officer's stage, the judge's
phone scoring, files only for the entitled, agenda and ICS, camp, figures."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lintas.competitions.domain import final, judging, ranking
from lintas.competitions.models import Assignment, Entry, Score
from tests.competitions.conftest import make_entry, make_judges, pdf
from tests.factories import TalentFactory

VALUES = {"innovation": "8", "market": "7", "team": "6", "feasibility": "5", "asean": "9"}


def test_public_page_shows_rules_in_words_and_tie_breaks(client, competition):
    page = client.get(competition.get_absolute_url()).content.decode()
    assert "Founding year: 2021 or later" in page
    assert "Registered capital: at most US$4,500,000" in page
    assert "Team size: 2 to 6 members" in page
    assert "higher normalised score on the rubric&#x27;s heaviest criterion" in page
    assert "Innovation (30)" in page


def test_draft_competition_hidden_from_public(client, competition, officer):
    competition.status = "draft"
    competition.save()
    assert client.get(competition.get_absolute_url()).status_code == 404
    assert competition.name not in client.get(reverse("competitions:index")).content.decode()
    client.force_login(officer)
    assert client.get(competition.get_absolute_url()).status_code == 200


def test_enter_a_project_with_files_and_team(client, competition, seeker):
    member = TalentFactory(slug="dewi")
    client.force_login(seeker)
    group = competition.groups.get(kind="team")
    response = client.post(
        reverse("competitions:enter", args=[competition.slug]),
        {
            "project_name": "Cassava dryer", "summary": "Solar dryer", "group": group.pk,
            "field": competition.fields.first().pk, "country": "ID",
            "member_1_name": "Dewi", "member_1_nationality": "ID", "member_1_talent": "dewi",
            "member_2_name": "Budi", "member_2_nationality": "ID",
            "pitch_deck": pdf(),
        },
    )  # fmt: skip
    entry = Entry.objects.get()
    assert response.status_code == 302 and response.url == entry.get_absolute_url()
    assert (entry.number, entry.submitted_by, entry.group) == (1, seeker, group)
    assert [(m.name, m.talent) for m in entry.members.all()] == [("Dewi", member), ("Budi", None)]
    assert entry.pitch_deck.name.endswith(".pdf")


def test_enter_refuses_a_disguised_file(client, competition, seeker):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(seeker)
    response = client.post(
        reverse("competitions:enter", args=[competition.slug]),
        {
            "project_name": "X", "group": competition.groups.first().pk,
            "field": competition.fields.first().pk, "country": "ID",
            "member_1_name": "Dewi", "member_1_nationality": "ID",
            "business_plan": SimpleUploadedFile("plan.pdf", b"MZ\x90 not a pdf"),
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert "Only PDF, PNG, JPEG and WebP files can be attached." in response.content.decode()
    assert not Entry.objects.exists()


def test_entry_files_only_for_entrant_officer_and_judges(client, competition, stage, seeker,
                                                         officer, outsider):  # fmt: skip
    entry = make_entry(competition, name="Dryer", stage=stage, submitted_by=seeker,
                       pitch_deck=pdf())  # fmt: skip
    judge = make_judges(stage, 1)[0]
    Assignment.objects.create(stage=stage, entry=entry, judge=judge)
    url = reverse("competitions:entry_file", args=[entry.pk, "pitch_deck"])
    for user, status in ((seeker, 200), (officer, 200), (judge.talent.user, 200), (outsider, 404)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert response["Content-Disposition"].startswith("attachment")
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get(entry.get_absolute_url()).status_code == 404


def test_officer_runs_eligibility_assignment_and_decision(client, competition, stage, officer):
    for i in range(4):
        make_entry(competition, name=f"P{i}", status="submitted", field=i % 2)
    make_entry(competition, name="Old", status="submitted", founded_year=2010)
    judges = make_judges(stage, 3)
    client.force_login(officer)
    manage = reverse("competitions:manage", args=[competition.slug])
    page = client.post(manage, {"action": "eligibility"}, follow=True).content.decode()
    assert "Eligibility checked: 4 eligible, 1 not eligible." in page
    assert "this one was founded in 2010" in page
    page = client.post(reverse("competitions:assign", args=[stage.pk]), follow=True)
    assert "12 assignments made." in page.content.decode()
    for a in Assignment.objects.select_related("judge__talent__user"):
        judging.submit_score(user=a.judge.talent.user, assignment=a,
                             values={k: int(v) for k, v in VALUES.items()})  # fmt: skip
    page = client.post(reverse("competitions:decide", args=[stage.pk]), follow=True)
    assert "Stage decided: 4 entries advance." in page.content.decode()
    assert len(judges) == 3


def test_judge_scores_on_a_phone_page(client, competition, stage, officer):
    make_entry(competition, name="Dryer", stage=stage)
    judges = make_judges(stage, 3)
    judging.assign_judges(user=officer, stage=stage)
    judge_user = judges[0].talent.user
    client.force_login(judge_user)
    mine = client.get(reverse("competitions:judge", args=[stage.pk])).content.decode()
    a = Assignment.objects.get(judge=judges[0])
    assert reverse("competitions:score", args=[a.pk]) in mine
    response = client.post(reverse("competitions:score", args=[a.pk]), {**VALUES, "comment": "ok"})
    assert response.status_code == 302
    assert Score.objects.get(assignment=a).values["asean"] == 9
    other = judges[1].talent.user
    client.force_login(other)
    assert client.post(reverse("competitions:score", args=[a.pk]), VALUES).status_code == 403


def test_results_hidden_until_published(client, competition, officer):
    url = reverse("competitions:results", args=[competition.slug])
    assert client.get(url).status_code == 404
    entry = make_entry(competition, name="Dryer")
    ranking.add_special_award(user=officer, competition=competition, name="Creative Stars",
                              entry=entry)  # fmt: skip
    ranking.publish_results(user=officer, competition=competition)
    page = client.get(url).content.decode()
    assert "Creative Stars" in page and "Dryer" in page


def test_agenda_and_ics_public(client, competition, officer):
    stage = competition.stages.get(is_final=True)
    make_entry(competition, name="Dryer", stage=stage)
    final.build_schedule(user=officer, stage=stage, rooms=["Hall A"],
                         starts_at=timezone.make_aware(dt.datetime(2027, 5, 20, 9)))  # fmt: skip
    page = client.get(reverse("competitions:agenda", args=[stage.pk])).content.decode()
    assert "Dryer" in page and "Hall A" in page and "09:00–09:12" in page
    ics = client.get(reverse("competitions:agenda_ics", args=[stage.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"SUMMARY:Dryer" in ics.content


@pytest.mark.parametrize("name", ["manage", "figures"])
def test_officer_pages_refused_to_others(client, competition, seeker, name):
    client.force_login(seeker)
    assert client.get(reverse(f"competitions:{name}", args=[competition.slug])).status_code == 403


def test_figures_page_counts_entries(client, competition, officer):
    make_entry(competition, name="A", country="LA")
    make_entry(competition, name="B", country="LA", group="team")
    make_entry(competition, name="C", country="TH")
    client.force_login(officer)
    page = client.get(reverse("competitions:figures", args=[competition.slug])).content.decode()
    assert "<td>Laos</td><td>2</td>" in page
    assert "<td>Team group</td><td>1</td>" in page


def test_camp_page_adds_cohort_mentor_and_session(client, competition, officer):
    from lintas.competitions.domain import camps

    entry = make_entry(competition, name="Dryer")
    mentor = TalentFactory(slug="mentor", name="Mentor One")
    camp = camps.create_camp(user=officer, competition=competition, name="Camp")
    client.force_login(officer)
    url = camp.get_absolute_url()
    client.post(url, {"action": "cohort", "entry": entry.pk})
    client.post(url, {"action": "mentor", "talent": "mentor"})
    client.post(url, {"action": "session", "title": "Pitching", "date": "2027-06-01"})
    page = client.get(url).content.decode()
    assert "Dryer" in page and "Mentor One" in page and "Pitching" in page
    assert camp.programme.participants.count() == 1
    assert list(camp.mentors.all()) == [mentor]


def test_judge_declares_conflict_from_entry_page(client, competition, stage, officer):
    entry = make_entry(competition, name="Dryer", stage=stage)
    judges = make_judges(stage, 3)
    judging.assign_judges(user=officer, stage=stage)
    user = judges[0].talent.user
    client.force_login(user)
    assert "Declare a conflict" in client.get(entry.get_absolute_url()).content.decode()
    client.post(reverse("competitions:conflict", args=[entry.pk]), {"reason": "my student"})
    assert not Assignment.objects.filter(judge=judges[0]).exists()
    assert client.get(entry.get_absolute_url()).status_code == 404


def test_insights_dashboard_lists_competition_figures(client, competition, stage, officer):
    from lintas.competitions.models import Advancement

    a = make_entry(competition, name="A", country="LA", stage=stage)
    make_entry(competition, name="B", country="TH", group="team", stage=stage)
    Advancement.objects.create(stage=stage, entry=a, rank=1, raw_mean=7, normalised=7,
                               advanced=True)  # fmt: skip
    client.force_login(officer)
    page = client.get(reverse("insights:dashboard")).content.decode()
    row = page[page.index('data-competition="caiec-3"') :]
    row = row[: row.index("</tr>")]
    assert "<td>2</td>" in row  # entries, and countries
    assert "Enterprise group: 1; Team group: 1" in row
    assert "Preliminary: 1 of 1" in row


def test_admin_lists_entries_and_keeps_scores_read_only(client, competition, admin_user):
    make_entry(competition, name="Dryer")
    client.force_login(admin_user)
    assert "Dryer" in client.get("/admin/competitions/entry/").content.decode()
    assert client.get("/admin/competitions/score/add/").status_code == 403
