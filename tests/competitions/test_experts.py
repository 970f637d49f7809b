""" "Experts for this" on an entry (#15): talents whose words cover it, minus its team."""

from lintas.competitions.models import Judge
from lintas.talents.domain.indexing import index_talents
from tests.competitions.conftest import make_entry
from tests.factories import TalentFactory


def test_entry_page_lists_experts_and_adds_one_as_judge(client, competition, stage, officer):
    expert = TalentFactory(
        slug="solar", name="Solar Drying Expert", members_only=[],
        bio="Solar dryers for cassava chips and rice: drying kinetics, moisture control.",
    )  # fmt: skip
    member = TalentFactory(
        slug="member", name="Team Member", members_only=[],
        bio="Solar dryers for cassava chips and rice: drying kinetics, moisture control.",
    )  # fmt: skip
    TalentFactory(slug="batteries", name="Battery Chemist", members_only=[],
                  bio="Lithium battery cathodes and electrolyte additives.")  # fmt: skip
    index_talents([expert.pk, member.pk])
    entry = make_entry(
        competition, name="Solar cassava dryer", stage=stage,
        summary="A solar dryer for cassava chips that controls moisture.",
        members=[{"name": "Team Member", "nationality": "LA", "talent": member}],
    )  # fmt: skip
    client.force_login(officer)
    page = client.get(entry.get_absolute_url()).content.decode()
    panel = page[page.index('id="experts-panel"') :]
    assert "Solar Drying Expert" in panel
    assert "Team Member</a></h3>" not in panel
    response = client.post(
        f"/competitions/stages/{stage.pk}/judges/",
        {"talent": "solar", "next": entry.get_absolute_url()},
    )
    assert response.url == entry.get_absolute_url()
    assert Judge.objects.filter(stage=stage, talent=expert).exists()


def test_add_judge_never_redirects_off_site(client, competition, stage, officer):
    TalentFactory(slug="solar")
    client.force_login(officer)
    response = client.post(
        f"/competitions/stages/{stage.pk}/judges/",
        {"talent": "solar", "next": "https://evil.example/"},
    )
    assert response.url == stage.get_absolute_url()
