"""brokerage.domain.agreements: the registry of signed agreements."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from lintas.brokerage.domain import agreements, deals
from lintas.brokerage.models import Agreement
from lintas.pages.figures import headline_figures
from tests.factories import EventFactory, OrganisationFactory


@pytest.mark.django_db
def test_record_agreement_counts_in_home_figures(introduced, broker, provider_org, seeker_org):
    deal = deals.move_stage(
        user=broker, deal=introduced, to="agreement", version=introduced.version
    )
    agreement = agreements.record_agreement(
        user=broker,
        data={"title": "Rice licence", "type": "licence", "signed_on": dt.date(2025, 5, 1),
              "value": 120000, "currency": "cny"},
        parties=[provider_org, seeker_org],
        deal=deal,
    )  # fmt: skip
    assert agreement.currency == "CNY"
    assert set(agreement.profiles.values_list("ref", flat=True)) == {"ND-T-00001", deal.profile.ref}
    assert headline_figures()["agreements"] == 1  # the home page (insights' definition)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data, parties, message",
    [
        ({"title": "X", "type": "licence", "signed_on": dt.date(2025, 1, 1)}, 1, "two parties"),
        ({"title": "X", "type": "bribe", "signed_on": dt.date(2025, 1, 1)}, 2, "type"),
        ({"title": "X", "type": "mou", "signed_on": dt.date(2025, 1, 1), "value": 5}, 2, "currency"),
        ({"title": "X", "type": "mou", "signed_on": dt.date(2025, 1, 1), "value": 5,
          "currency": "RMB1"}, 2, "ISO 4217"),
    ],
)  # fmt: skip
def test_record_agreement_with_bad_input_is_refused(broker, data, parties, message):
    orgs = [OrganisationFactory() for _ in range(parties)]
    with pytest.raises(ValidationError, match=message):
        agreements.record_agreement(user=broker, data=data, parties=orgs)
    assert Agreement.objects.count() == 0


@pytest.mark.django_db
def test_record_agreement_moves_the_deal_to_the_agreement_stage(introduced, broker):
    agreement = agreements.record_agreement(
        user=broker,
        data={"title": "X", "type": "mou", "signed_on": dt.date(2025, 1, 1)},
        parties=[introduced.requester_org, introduced.owner_org],
        deal=introduced,
    )
    introduced.refresh_from_db()
    assert introduced.stage == "agreement"
    assert agreement.deal == introduced
    last = introduced.stage_changes.last()
    assert (last.from_stage, last.to_stage, last.actor) == ("introduced", "agreement", broker)


@pytest.mark.django_db
def test_record_agreement_on_deal_before_consent_is_refused(deal, broker):
    with pytest.raises(ValidationError, match="before both sides agree"):
        agreements.record_agreement(
            user=broker,
            data={"title": "X", "type": "mou", "signed_on": dt.date(2025, 1, 1)},
            parties=[deal.requester_org, deal.owner_org],
            deal=deal,
        )
    assert Agreement.objects.count() == 0
    deal.refresh_from_db()
    assert deal.stage == "interest"


@pytest.mark.django_db
def test_record_agreement_takes_event_of_deal(introduced, broker):
    expo = EventFactory()
    deal = deals.update_deal(user=broker, deal=introduced, version=introduced.version,
                             stage="agreement", event_id=expo.pk)  # fmt: skip
    agreement = agreements.record_agreement(
        user=broker,
        data={"title": "X", "type": "mou", "signed_on": dt.date(2025, 1, 1)},
        parties=[deal.requester_org, deal.owner_org],
        deal=deal,
    )
    assert agreement.event == expo
    assert list(expo.agreements.all()) == [agreement]


@pytest.mark.django_db
def test_record_agreement_unknown_event_is_refused(broker):
    with pytest.raises(ValidationError, match="There is no event number 999999"):
        agreements.record_agreement(
            user=broker,
            data={"title": "X", "type": "mou", "signed_on": dt.date(2025, 1, 1),
                  "event_id": 999999},
            parties=[OrganisationFactory(), OrganisationFactory()],
        )  # fmt: skip
    assert Agreement.objects.count() == 0


@pytest.mark.django_db
def test_deleting_event_keeps_its_deals_and_agreements(deal, broker):
    expo = EventFactory()
    deals.update_deal(user=broker, deal=deal, version=deal.version, event_id=expo.pk)
    agreement = agreements.record_agreement(
        user=broker,
        data={"title": "X", "type": "mou", "signed_on": dt.date(2025, 1, 1), "event_id": expo.pk},
        parties=[deal.requester_org, deal.owner_org],
    )
    expo.delete()
    deal.refresh_from_db()
    agreement.refresh_from_db()
    assert (deal.event_id, agreement.event_id) == (None, None)
