"""Officers set up an edition by pages: groups' rules (programmes' format), fields, stages."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lintas.competitions.domain import editions
from lintas.competitions.models import Competition
from tests.competitions.conftest import make_entry, make_judges
from tests.factories import SectorFactory


def test_officer_creates_and_sets_up_an_edition(client, officer):
    energy = SectorFactory(slug="new-energy", names={"en": "New energy"})
    client.force_login(officer)
    response = client.post(reverse("competitions:create"),
                           {"name": "Innovation Competition", "edition": 4,
                            "sectors": [energy.pk]})  # fmt: skip
    c = Competition.objects.get()
    assert response.url == reverse("competitions:setup", args=[c.slug])
    assert (c.status, [g.kind for g in c.groups.all()]) == ("draft", ["enterprise", "team"])
    assert [str(f) for f in c.fields.all()] == ["New energy"]
    url = reverse("competitions:setup", args=[c.slug])
    client.post(url, {"action": "group-enterprise", "enterprise-founded_from": 2022,
                      "enterprise-max_capital_usd": 4500000, "enterprise-countries": ["LA", "TH"]})  # fmt: skip
    c.refresh_from_db()
    assert c.groups.get(kind="enterprise").eligibility == {
        "founded_from": 2022, "max_capital_usd": 4500000, "countries": ["LA", "TH"]}  # fmt: skip
    client.post(url, {"action": "stage", "stage-name": "Preliminary",
                      "stage-starts_on": "2027-03-01", "stage-ends_on": "2027-03-31",
                      "stage-judges_per_entry": 3, "stage-advance_per_cell": 2,
                      "stage-weight_innovation": 40, "stage-weight_market": 60})  # fmt: skip
    stage = c.stages.get()
    assert stage.rubric == [{"criterion": "innovation", "weight": 40},
                            {"criterion": "market", "weight": 60}]  # fmt: skip
    page = client.post(url, {"action": "basics", "name": "Innovation Competition", "edition": 4,
                             "status": "open", "tie_break_1": "raw", "tie_break_2": "earlier"},
                       follow=True)  # fmt: skip
    assert "Saved." in page.content.decode()
    c.refresh_from_db()
    assert (c.status, c.tie_break_rules) == ("open", ["raw", "earlier"])


def test_bad_group_rules_refused_with_the_evaluators_words(officer, competition):
    group = competition.groups.get(kind="team")
    with pytest.raises(ValidationError) as info:
        editions.set_group_rules(user=officer, group=group, rules={"max_team": -1})
    assert info.value.messages == ["max_team must be a whole number."]


def test_tie_breaks_and_rubric_frozen_once_judging(officer, competition, stage):
    from lintas.competitions.domain import judging

    make_entry(competition, name="A", stage=stage)
    judges = make_judges(stage, 3)
    judging.assign_judges(user=officer, stage=stage)
    with pytest.raises(ValidationError):
        editions.update_competition(user=officer, competition=competition, name="X", edition=3,
                                    organisers="", description="", status="judging",
                                    tie_break=["earlier"])  # fmt: skip
    a = judges[0].assignments.first()
    judging.submit_score(user=judges[0].talent.user, assignment=a,
                         values={"innovation": 5, "market": 5, "team": 5, "feasibility": 5,
                                 "asean": 5})  # fmt: skip
    with pytest.raises(ValidationError) as info:
        editions.save_stage(user=officer, competition=competition, stage=stage, name="P",
                            starts_on=stage.starts_on, ends_on=stage.ends_on, judges_per_entry=3,
                            advance_per_cell=2, is_final=False, rubric={"innovation": 1})  # fmt: skip
    assert info.value.messages == ["This stage has scores: its rubric stays as it is."]


def test_setup_pages_refused_to_others(client, seeker, competition):
    client.force_login(seeker)
    assert client.get(reverse("competitions:create")).status_code == 403
    assert client.get(reverse("competitions:setup", args=[competition.slug])).status_code == 403
