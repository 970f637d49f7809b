"""The demo campaign: every ASEAN country gets offers and a brief in its languages; loading it
twice duplicates nothing; the briefs are written in the language they claim."""

import io

import pytest
from django.core.management import call_command

from lintas.campaigns.domain import queries
from lintas.campaigns.models import Campaign, CampaignBrief, CampaignOffer
from lintas.core.langid import detect_language
from lintas.demo import campaigns as demo


def test_each_brief_is_in_its_language():
    wrong = [
        (code, detect_language(intro))
        for code, (_title, intro) in demo.BRIEFS.items()
        if detect_language(intro) != code
    ]
    assert wrong == []


@pytest.mark.django_db
def test_demo_campaign_covers_every_asean_country():
    call_command("loaddemo", "--no-index", stdout=io.StringIO())
    campaign = Campaign.objects.get(slug="asean-1000")
    progress = queries.progress(campaign)
    assert campaign.published and campaign.goal == 1000
    assert set(progress.per_country) == set(demo.ASEAN)
    assert all(n >= 1 for n in progress.per_country.values()), progress.per_country
    assert progress.per_country["LA"] >= 10
    assert CampaignBrief.objects.filter(campaign=campaign, country="LA", language="lo").exists()
    assert set(
        CampaignBrief.objects.filter(campaign=campaign, country="MY").values_list(
            "language", flat=True
        )
    ) == {"ms", "en"}
    # No offer is introduced to its own country.
    for entry in CampaignOffer.objects.select_related("profile__organisation"):
        assert entry.profile.organisation.country not in entry.countries
    counts = (CampaignOffer.objects.count(), CampaignBrief.objects.count())
    demo.load(log=lambda msg: None)
    assert (CampaignOffer.objects.count(), CampaignBrief.objects.count()) == counts
