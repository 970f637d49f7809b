"""An entrant changes their entry until its stage's deadline and withdraws it with a reason:
audited, judges' assignments dropped, listed apart for organisers, never in the public
results (pages, API and domain)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from rest_framework.test import APIClient

from lintas.competitions.domain import entries, ranking
from lintas.competitions.models import Assignment, Entry, Score
from lintas.core.models import AuditEntry
from tests.competitions.conftest import make_entry, make_judges, pdf
from tests.factories import UserFactory


@pytest.fixture
def mine(competition, stage, seeker):
    return make_entry(competition, name="Cassava dryer", stage=stage, submitted_by=seeker)


def _edit(client, entry, **changes):
    data = {"project_name": entry.project_name, "summary": entry.summary,
            "organisation_name": "", "founded_year": entry.founded_year,
            "capital_usd": entry.capital_usd, "revenue_usd": entry.revenue_usd, "offer": "",
            **changes}  # fmt: skip
    return client.post(reverse("competitions:entry_edit", args=[entry.pk]), data)


def test_entrant_edits_until_the_stage_deadline(client, competition, stage, seeker, mine):
    client.force_login(seeker)
    page = client.get(mine.get_absolute_url()).content.decode()
    assert "Change the entry" in page and "You can change it until Mar 31, 2027." in page
    response = _edit(client, mine, project_name="Solar cassava dryer", revenue_usd=2_500_000,
                     pitch_deck=pdf())  # fmt: skip
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.project_name == "Solar cassava dryer" and mine.revenue_usd == 2_500_000
    assert mine.pitch_deck.name.endswith(".pdf")
    edit = AuditEntry.objects.get(summary="entry edited")
    assert edit.changes["project_name"] == ["Cassava dryer", "Solar cassava dryer"]
    assert edit.changes["pitch_deck"] == [None, "replaced"]
    # After the stage's last day the form is gone and a post is refused.
    stage.ends_on = dt.date(2026, 1, 31)
    stage.save()
    page = client.get(mine.get_absolute_url()).content.decode()
    assert "Change the entry" not in page
    assert _edit(client, mine, project_name="Late change").status_code == 404
    mine.refresh_from_db()
    assert mine.project_name == "Solar cassava dryer"


def test_edit_checks_eligibility_again(client, competition, stage, seeker, mine):
    client.force_login(seeker)
    _edit(client, mine, capital_usd=9_000_000)
    mine.refresh_from_db()
    assert mine.status == "ineligible" and mine.stage is None
    assert any("US$4,500,000" in r for r in mine.eligibility_reasons)


def test_only_the_entrant_edits(client, competition, officer, mine):
    client.force_login(officer)
    assert "Change the entry" not in client.get(mine.get_absolute_url()).content.decode()
    assert _edit(client, mine, project_name="Officer's name").status_code == 404
    with pytest.raises(PermissionDenied):
        entries.edit_entry(user=officer, entry=mine, project_name="Officer's name")


def test_withdraw_with_reason_drops_judges_and_is_audited(client, competition, stage, seeker,
                                                          officer, mine):  # fmt: skip
    judges = make_judges(stage, 2)
    for j in judges:
        Assignment.objects.create(stage=stage, entry=mine, judge=j)
    stage.status = "judging"
    stage.save()
    scored = mine.assignments.first()
    Score.objects.create(assignment=scored, values={"innovation": 8}, total=8.0)
    other = make_entry(competition, name="Rice mill", stage=stage)
    Assignment.objects.create(stage=stage, entry=other, judge=judges[0])
    client.force_login(seeker)
    url = reverse("competitions:entry_withdraw", args=[mine.pk])
    client.post(url, {"reason": ""})
    mine.refresh_from_db()
    assert mine.status == "eligible"  # no reason, no withdrawal
    response = client.post(url, {"reason": "We joined another programme."}, follow=True)
    assert "Your entry is withdrawn." in response.content.decode()
    mine.refresh_from_db()
    assert (mine.status, mine.withdrawal_reason) == ("withdrawn", "We joined another programme.")
    assert not Assignment.objects.filter(entry=mine).exists()
    assert Assignment.objects.filter(entry=other).count() == 1
    log = AuditEntry.objects.get(summary__startswith="entry withdrawn")
    assert log.changes["status"] == ["eligible", "withdrawn"]
    assert log.changes["scores"][0] == [{"judge": "Judge 1", "values": {"innovation": 8}}]
    assert mine.pk not in [row["entry"].pk for row in ranking.ranking(stage)]
    page = client.get(mine.get_absolute_url()).content.decode()
    assert "We joined another programme." in page and "Withdraw the entry" not in page
    assert client.post(url, {"reason": "again"}).status_code == 404
    # The judge no longer finds it on their list.
    client.force_login(judges[0].talent.user)
    judge_page = client.get(reverse("competitions:judge", args=[stage.pk])).content.decode()
    assert "Rice mill" in judge_page and "Cassava dryer" not in judge_page


def test_organisers_see_withdrawn_apart_and_results_leave_them_out(client, competition, officer,
                                                                  seeker, mine):  # fmt: skip
    kept = make_entry(competition, name="Rice mill")
    for entry, name in ((mine, "Creative Stars"), (kept, "Green Award")):
        ranking.add_special_award(user=officer, competition=competition, name=name, entry=entry)
    entries.withdraw_entry(user=seeker, entry=mine, reason="Team split up.")
    ranking.publish_results(user=officer, competition=competition)
    client.force_login(officer)
    page = client.get(reverse("competitions:manage", args=[competition.slug])).content.decode()
    main_table, withdrawn = page.split('id="withdrawn-entries"')
    assert "Rice mill" in main_table.split('id="entries"')[1]
    assert "Cassava dryer" not in main_table.split('id="entries"')[1]
    assert "Cassava dryer" in withdrawn and "Team split up." in withdrawn
    client.logout()
    results = client.get(reverse("competitions:results", args=[competition.slug]))
    body = results.content.decode()
    assert results.status_code == 200 and "Green Award" in body
    assert "Creative Stars" not in body and "Cassava dryer" not in body
    data = APIClient().get(f"/api/v1/competitions/{competition.slug}/results/").json()
    assert [a["name"] for a in data] == ["Green Award"]


def test_api_edit_and_withdraw(competition, stage, seeker, mine):
    api = APIClient()
    api.force_authenticate(seeker)
    url = f"/api/v1/competition-entries/{mine.pk}/"
    data = api.get(url).json()
    assert data["editable_until"] == "2027-03-31"
    response = api.patch(url, {"summary": "Solar dryer for cassava chips."}, format="json")
    assert response.status_code == 200 and response.json()["summary"].startswith("Solar dryer")
    stranger = UserFactory(username="stranger", role="seeker")
    api.force_authenticate(stranger)
    assert api.patch(url, {"summary": "x"}, format="json").status_code in (403, 404)
    assert api.post(url + "withdraw/", {"reason": "x"}, format="json").status_code in (403, 404)
    api.force_authenticate(seeker)
    assert api.post(url + "withdraw/", {"reason": ""}, format="json").status_code == 400
    response = api.post(url + "withdraw/", {"reason": "Moved abroad."}, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["editable_until"]) == ("withdrawn", None)
    assert api.patch(url, {"summary": "again"}, format="json").status_code == 403
    assert Entry.objects.get().withdrawal_reason == "Moved abroad."
