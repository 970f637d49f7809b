"""The agreement form picks parties, offers and needs and the event by name from searchable
lists (issue 13 §4), instead of 137- and 180-line multi-selects; unknown names are refused
beside the field and nothing is saved."""

import pytest
from django.urls import reverse

from lintas.brokerage.domain import deals
from lintas.brokerage.models import Agreement
from tests.conftest import login
from tests.factories import EventFactory, OrganisationFactory, ProfileFactory
from tests.htmlform import default_submission


def body(response) -> str:
    return response.content.decode()


@pytest.fixture
def at_agreement(introduced, broker):
    return deals.move_stage(
        user=broker, deal=introduced, to="agreement", version=introduced.version
    )


@pytest.mark.django_db
def test_form_offers_searchable_lists_not_multi_selects(at_agreement, broker):
    OrganisationFactory(name="Mekong Seeds", country="VN")
    page = body(
        login(broker).get(f"{reverse('brokerage:agreement_create')}?deal={at_agreement.pk}")
    )
    assert "<select multiple" not in page and 'multiple name="parties"' not in page
    assert 'name="parties_0"' in page and 'list="organisation-choices"' in page
    assert '<datalist id="organisation-choices">' in page
    assert '<option value="Mekong Seeds (Vietnam)">' in page
    assert 'list="profile-choices"' in page
    offer = at_agreement.profile
    assert f'<option value="{offer.ref} — {offer.title}">' in page
    # Pre-filled from the deal: both parties and both profiles, by name.
    assert f'value="{at_agreement.requester_org.name} (' in page
    assert f'value="{offer.ref} — {offer.title}"' in page


@pytest.mark.django_db
def test_untouched_prefilled_form_records_the_deal_agreement(at_agreement, broker):
    client = login(broker)
    url = f"{reverse('brokerage:agreement_create')}?deal={at_agreement.pk}"
    data = dict(default_submission(body(client.get(url)), "agreement-form"))
    data.pop("csrfmiddlewaretoken", None)
    data.update({"type": "transfer", "signed_on": "2025-06-01"})
    response = client.post(url, data)
    assert response.status_code == 302, body(response)
    agreement = Agreement.objects.get()
    assert set(agreement.parties.all()) == {at_agreement.requester_org, at_agreement.owner_org}
    assert set(agreement.profiles.all()) == {at_agreement.profile, at_agreement.counterpart_profile}


@pytest.mark.django_db
def test_parties_profiles_and_event_typed_by_name_or_reference(broker, provider_org, seeker_org):
    offer = ProfileFactory(organisation=provider_org, status="published", ref="OF-CN-00077")
    event = EventFactory(title="China-ASEAN Expo 2025")
    response = login(broker).post(
        reverse("brokerage:agreement_create"),
        {"title": "Licence", "type": "licence", "signed_on": "2025-06-01",
         "parties_0": provider_org.name.upper(), "parties_1": seeker_org.slug,
         "profiles_0": "of-cn-00077", "event": "china-asean expo 2025"},
    )  # fmt: skip
    assert response.status_code == 302, body(response)
    agreement = Agreement.objects.get()
    assert set(agreement.parties.all()) == {provider_org, seeker_org}
    assert list(agreement.profiles.all()) == [offer]
    assert agreement.event == event


@pytest.mark.django_db
def test_unknown_names_are_refused_beside_the_field(broker, provider_org):
    response = login(broker).post(
        reverse("brokerage:agreement_create"),
        {"title": "Licence", "type": "licence", "signed_on": "2025-06-01",
         "parties_0": provider_org.name, "parties_1": "Nowhere Institute",
         "profiles_0": "OF-XX-99999", "event": "No such expo"},
    )  # fmt: skip
    assert response.status_code == 400
    page = body(response)
    assert "No organisation is called “Nowhere Institute”." in page
    assert "No offer or need has the reference or title “OF-XX-99999”." in page
    assert "No event is called “No such expo”." in page
    assert Agreement.objects.count() == 0


@pytest.mark.django_db
def test_one_party_is_not_enough(broker, provider_org):
    response = login(broker).post(
        reverse("brokerage:agreement_create"),
        {"title": "Licence", "type": "licence", "signed_on": "2025-06-01",
         "parties_0": provider_org.name},
    )  # fmt: skip
    assert response.status_code == 400
    assert "at least two parties" in body(response)
    assert Agreement.objects.count() == 0
