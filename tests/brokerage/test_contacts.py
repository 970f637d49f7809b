"""One rule for a deal's contacts (lintas.brokerage.domain.contacts), seen through the deal page
and the API alike: nothing before both sides consented; afterwards the parties and brokers, and
a broker's view is audited like a party's."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from lintas.core.models import AuditEntry
from tests.conftest import login

OFFER_EMAIL = "secret.contact@example.org"
NEED_EMAIL = "need.contact@example.org"


def page_and_api(user, deal):
    page = login(user).get(reverse("brokerage:deal", args=[deal.pk]))
    assert page.status_code == 200
    client = APIClient()
    client.force_authenticate(user)
    api = client.get(f"/api/v1/deals/{deal.pk}/")
    assert api.status_code == 200
    return page.content.decode(), api.json()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["provider", "seeker", "broker", "admin_user"])
def test_no_contacts_before_the_introduction_on_page_and_api(request, deal, role):
    page, api = page_and_api(request.getfixturevalue(role), deal)
    assert deal.requester.email not in page
    assert OFFER_EMAIL not in page and NEED_EMAIL not in page
    assert 'id="contacts-hidden"' in page
    assert "contacts" not in api and "requester_contact" not in api
    assert OFFER_EMAIL not in str(api) and NEED_EMAIL not in str(api)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["provider", "seeker", "broker", "admin_user"])
def test_after_the_introduction_page_and_api_show_the_same_contacts(request, introduced, role):
    user = request.getfixturevalue(role)
    page, api = page_and_api(user, introduced)
    api_emails = {c["contact_email"] for c in api["contacts"]}
    # Both profiles: each party owns one and was introduced to the other; brokers see both.
    assert api_emails == {OFFER_EMAIL, NEED_EMAIL}
    assert OFFER_EMAIL in page and NEED_EMAIL in page
    assert api["requester_contact"]["email"] == introduced.requester.email
    assert introduced.requester.email in page


@pytest.mark.django_db
def test_a_brokers_view_of_contacts_is_audited_on_page_and_api(introduced, broker):
    def broker_views():
        return AuditEntry.objects.filter(actor=broker, action="view").count()

    before = broker_views()
    assert OFFER_EMAIL in login(broker).get(introduced.get_absolute_url()).content.decode()
    assert broker_views() == before + 1
    client = APIClient()
    client.force_authenticate(broker)
    assert client.get(f"/api/v1/deals/{introduced.pk}/").json()["contacts"]
    assert broker_views() == before + 2
    entry = AuditEntry.objects.filter(actor=broker, action="view").latest("pk")
    assert entry.target == introduced


@pytest.mark.django_db
def test_a_brokers_view_before_the_introduction_is_not_audited(deal, broker):
    before = AuditEntry.objects.filter(actor=broker, action="view").count()
    login(broker).get(deal.get_absolute_url())
    assert AuditEntry.objects.filter(actor=broker, action="view").count() == before
