"""Campaign rules: who builds it, what goes in, suggestions from the engine's matches,
attribution of interests and the reach that follows them."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lintas.brokerage.domain import agreements, deals
from lintas.campaigns.domain import attribution, campaigns, queries, suggestions
from lintas.campaigns.domain.reach import reach
from lintas.campaigns.models import Campaign, CampaignInterest, CampaignOffer
from lintas.core.models import AuditEntry
from tests.factories import UserFactory


def test_create_campaign_records_runner_and_audit(campaign, campaign_broker):
    assert list(campaign.brokers.all()) == [campaign_broker]
    assert campaign.countries == ["LA", "TH"]
    assert AuditEntry.objects.filter(object_id=campaign.pk, action="create").count() == 1


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"slug": "Bad Tag!"}, "slug"),
        ({"countries": []}, "countries"),
        ({"countries": ["XX"]}, "countries"),
        ({"goal": 0}, "goal"),
        ({"ends_on": dt.date(2025, 1, 1)}, "ends_on"),
    ],
)
def test_create_campaign_refuses_bad_input_and_creates_nothing(campaign_broker, changes, field):
    values = {
        "name": "Green tech",
        "slug": "green",
        "goal": 10,
        "countries": ["VN"],
        "starts_on": dt.date(2026, 1, 1),
        "ends_on": dt.date(2026, 6, 30),
        **changes,
    }
    with pytest.raises(ValidationError) as error:
        campaigns.create_campaign(user=campaign_broker, **values)
    assert field in error.value.message_dict
    assert not Campaign.objects.exists()


def test_only_brokers_start_campaigns(lao_seeker):
    with pytest.raises(PermissionDenied):
        campaigns.create_campaign(
            user=lao_seeker,
            name="Mine",
            slug="mine",
            goal=1,
            countries=["LA"],
            starts_on=dt.date(2026, 1, 1),
            ends_on=dt.date(2026, 2, 1),
        )
    assert not Campaign.objects.exists()


def test_only_runners_curate(campaign, other_broker, offers):
    with pytest.raises(PermissionDenied):
        campaigns.add_offer(user=other_broker, campaign=campaign, profile=offers["pump"])
    assert not CampaignOffer.objects.exists()


def test_add_offer_refuses_drafts_and_foreign_countries(campaign, campaign_broker, offers):
    with pytest.raises(ValidationError):
        campaigns.add_offer(user=campaign_broker, campaign=campaign, profile=offers["draft"])
    with pytest.raises(ValidationError):
        campaigns.add_offer(
            user=campaign_broker, campaign=campaign, profile=offers["pump"], countries=["VN"]
        )
    assert not CampaignOffer.objects.exists()


def test_add_offer_merges_countries_and_progress_counts_them(campaign, campaign_broker, offers):
    campaigns.add_offer(
        user=campaign_broker, campaign=campaign, profile=offers["dryer"], countries=["LA"]
    )
    campaigns.add_offer(
        user=campaign_broker, campaign=campaign, profile=offers["dryer"], countries=["TH"]
    )
    campaigns.add_offer(user=campaign_broker, campaign=campaign, profile=offers["pump"])
    entry = CampaignOffer.objects.get(profile=offers["dryer"])
    assert entry.countries == ["LA", "TH"]
    progress = queries.progress(campaign)
    assert (progress.offers, progress.goal, progress.per_country) == (2, 1000, {"LA": 2, "TH": 2})
    campaigns.remove_offer(
        user=campaign_broker, campaign=campaign, profile=offers["dryer"], country="TH"
    )
    assert queries.progress(campaign).per_country == {"LA": 2, "TH": 1}
    # An offer withdrawn from the catalogue leaves the campaign's count.
    offers["pump"].status = "archived"
    offers["pump"].save()
    assert queries.progress(campaign).per_country == {"LA": 1, "TH": 0}


def test_brief_is_written_in_a_language_of_the_country(campaign, campaign_broker):
    with pytest.raises(ValidationError):
        campaigns.save_brief(
            user=campaign_broker,
            campaign=campaign,
            country="LA",
            language="th",
            title="x",
            introduction="y",
        )
    brief = campaigns.save_brief(
        user=campaign_broker,
        campaign=campaign,
        country="LA",
        language="lo",
        title="ເຕັກໂນໂລຊີ 1,000 ລາຍການສຳລັບອາຊຽນ",
        introduction="ເຕັກໂນໂລຊີທີ່ນຳໃຊ້ໄດ້ຈາກຈີນ.",
    )
    assert queries.brief_for(campaign, "LA", "en") == brief  # falls back to the country's


def test_suggestions_rank_engine_matches_for_the_country(
    campaign, campaign_broker, matches, offers
):
    found = suggestions.for_country(campaign, "LA")
    # The dismissed clinic match stays out; the dryer (0.81) comes before the pump (0.42).
    assert [s.offer.ref for s in found] == ["OF-DRY", "OF-PUMP"]
    assert found[0].match.explanation["terms"] == [{"need": "cassava", "offer": "cassava"}]
    assert [n.ref for n in found[0].needs] == ["ND-LAO"]
    assert suggestions.for_country(campaign, "TH") == []  # no Thai need published
    campaigns.add_offer(
        user=campaign_broker, campaign=campaign, profile=offers["dryer"], countries=["LA"]
    )
    assert [s.in_campaign for s in suggestions.for_country(campaign, "LA")] == [True, False]


def test_suggestions_keep_to_the_campaign_sectors(campaign, matches, offers, db):
    from tests.factories import SectorFactory

    health = SectorFactory(slug="health")
    campaign.sectors.set([health])
    assert suggestions.for_country(campaign, "LA") == []


@pytest.fixture
def in_campaign(campaign, campaign_broker, offers):
    campaigns.add_offer(
        user=campaign_broker, campaign=campaign, profile=offers["dryer"], countries=["LA"]
    )
    return offers["dryer"]


def test_interest_from_campaign_is_attributed(campaign, in_campaign, lao_seeker):
    deal = attribution.express_interest(
        user=lao_seeker,
        campaign=campaign,
        country="la",
        profile=in_campaign,
        message="We dry 3 t of chips a day and lose a third in the rain.",
    )
    assert deal.profile == in_campaign and deal.requester == lao_seeker
    ci = CampaignInterest.objects.get()
    assert (ci.campaign, ci.country, ci.deal) == (campaign, "LA", deal)


def test_interest_for_offer_not_shown_to_that_country_changes_nothing(
    campaign, in_campaign, campaign_broker, offers, db
):
    thai = UserFactory(role="seeker")
    with pytest.raises(ValidationError):
        attribution.express_interest(
            user=thai, campaign=campaign, country="TH", profile=in_campaign, message="Hello"
        )
    from lintas.brokerage.models import Deal

    assert not Deal.objects.exists() and not CampaignInterest.objects.exists()


def test_interest_refused_by_brokerage_leaves_no_attribution(campaign, in_campaign, lao_seeker):
    with pytest.raises(ValidationError):
        attribution.express_interest(
            user=lao_seeker, campaign=campaign, country="LA", profile=in_campaign, message=" "
        )
    assert not CampaignInterest.objects.exists()


def test_reach_follows_interest_to_agreement(
    campaign, in_campaign, lao_seeker, campaign_broker, cn_org, la_org, offers
):
    provider = UserFactory(username="provider", role="provider", organisation=cn_org)
    attribution.record_view(campaign=campaign, country="LA")
    attribution.record_view(campaign=campaign, country="LA", profile=in_campaign)
    attribution.record_view(campaign=campaign, country="LA", profile=in_campaign)
    deal = attribution.express_interest(
        user=lao_seeker, campaign=campaign, country="LA", profile=in_campaign, message="Hello"
    )
    r = reach(campaign)
    assert r.total.as_dict() == {
        "views": 3, "interests": 1, "introductions": 0, "meetings": 0, "agreements": 0,
    }  # fmt: skip
    deal = deals.respond(user=provider, deal=deal, accept=True)
    deal = deals.move_stage(user=campaign_broker, deal=deal, to="meeting")
    agreements.record_agreement(
        user=campaign_broker,
        data={"title": "Dryer licence", "type": "licence", "signed_on": dt.date(2026, 3, 1)},
        parties=[cn_org, la_org],
        deal=deal,
    )
    r = reach(campaign)
    assert r.page_views == {"LA": 1}
    [(country, profile, counts)] = r.rows
    assert (country, profile) == ("LA", in_campaign)
    assert counts.as_dict() == {
        "views": 2, "interests": 1, "introductions": 1, "meetings": 1, "agreements": 1,
    }  # fmt: skip
    assert r.countries["LA"].views == 3 and r.countries["TH"].interests == 0


def test_agreement_dated_in_the_future_does_not_count(
    campaign, in_campaign, lao_seeker, campaign_broker, cn_org, la_org
):
    provider = UserFactory(role="provider", organisation=cn_org)
    deal = attribution.express_interest(
        user=lao_seeker, campaign=campaign, country="LA", profile=in_campaign, message="Hello"
    )
    deal = deals.respond(user=provider, deal=deal, accept=True)
    agreements.record_agreement(
        user=campaign_broker,
        data={"title": "Later", "type": "licence", "signed_on": dt.date(2099, 1, 1)},
        parties=[cn_org, la_org],
        deal=deal,
    )
    assert reach(campaign).total.agreements == 0


def test_views_count_per_day_in_one_row(campaign, in_campaign):
    from lintas.campaigns.models import CampaignView

    for _ in range(3):
        attribution.record_view(campaign=campaign, country="LA", profile=in_campaign)
    assert list(CampaignView.objects.values_list("count", flat=True)) == [3]
