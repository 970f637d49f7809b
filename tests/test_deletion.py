"""Deleting an organisation that is a party to an agreement is refused (domain, page, admin);
deleting a user never deletes their event participations, meeting requests or applications."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.urls import reverse

from lintas.brokerage.models import Agreement
from lintas.core.domain import organisations
from lintas.core.models import Organisation, User
from tests.conftest import login
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

REFUSED = "Party Ltd cannot be deleted while these records name it: agreement “Rice licence”"


@pytest.fixture
def party(db):
    org = OrganisationFactory(slug="party", name="Party Ltd")
    other = OrganisationFactory(slug="other", name="Other Univ")
    agreement = Agreement.objects.create(
        title="Rice licence", type="transfer", signed_on=dt.date(2025, 3, 1)
    )
    agreement.parties.set([org, other])
    return org


def parties():
    return sorted(
        Agreement.objects.get(title="Rice licence").parties.values_list("name", flat=True)
    )


def test_domain_refuses_to_delete_a_party_and_changes_nothing(party, admin_user):
    with pytest.raises(ValidationError) as error:
        organisations.delete_organisation(user=admin_user, organisation=party)
    assert error.value.messages[0].startswith(REFUSED)
    assert parties() == ["Other Univ", "Party Ltd"]


def test_domain_deletes_an_organisation_nothing_names(admin_user):
    lonely = OrganisationFactory(slug="lonely")
    organisations.delete_organisation(user=admin_user, organisation=lonely)
    assert not Organisation.objects.filter(slug="lonely").exists()


def test_domain_reports_database_protection_too(admin_user, offer, provider_org):
    with pytest.raises(ValidationError) as error:
        organisations.delete_organisation(user=admin_user, organisation=provider_org)
    assert "Salt-tolerant rice variety" in error.value.messages[0]
    assert Organisation.objects.filter(pk=provider_org.pk).exists()


def test_only_administrators_delete_organisations(broker):
    lonely = OrganisationFactory(slug="lonely")
    with pytest.raises(PermissionDenied):
        organisations.delete_organisation(user=broker, organisation=lonely)
    assert (
        login(broker).post(reverse("core:organisation_delete", args=["lonely"])).status_code == 403
    )


def test_page_refuses_with_the_reason(party, admin_user):
    client = login(admin_user)
    page = client.get(reverse("core:organisation_delete", args=["party"]))
    assert (page.status_code, REFUSED in page.content.decode()) == (200, True)
    response = client.post(reverse("core:organisation_delete", args=["party"]), follow=True)
    assert (response.status_code, REFUSED in response.content.decode()) == (200, True)
    assert parties() == ["Other Univ", "Party Ltd"]


def test_page_deletes_an_organisation_nothing_names(admin_user):
    OrganisationFactory(slug="lonely", name="Lonely Org")
    response = login(admin_user).post(reverse("core:organisation_delete", args=["lonely"]))
    assert response["Location"] == reverse("core:organisations")
    assert not Organisation.objects.filter(slug="lonely").exists()


def test_admin_delete_page_and_bulk_action_refuse(party, admin_user):
    client = login(admin_user)
    page = client.get(reverse("admin:core_organisation_delete", args=[party.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "agreement “Rice licence”" in body
    assert "Cannot delete" in body
    client.post(reverse("admin:core_organisation_delete", args=[party.pk]), {"post": "yes"})
    client.post(
        reverse("admin:core_organisation_changelist"),
        {"action": "delete_selected", "_selected_action": [party.pk], "post": "yes"},
    )
    assert parties() == ["Other Univ", "Party Ltd"]


@pytest.fixture
def involved(db):
    """A user with an application, an event participation and a meeting request."""
    from tests.factories import ApplicationFactory, ParticipantFactory

    user = UserFactory(username="involved")
    participant = ParticipantFactory(user=user)
    other = ParticipantFactory(event=participant.event)
    from lintas.events.models import MeetingRequest

    MeetingRequest.objects.create(event=participant.event, sender=participant, receiver=other)
    ApplicationFactory(applicant=user)
    return user


def counts():
    from lintas.events.models import MeetingRequest, Participant
    from lintas.programmes.models import Application

    return (
        Participant.objects.count(),
        MeetingRequest.objects.count(),
        Application.objects.count(),
    )


def test_deleting_a_user_with_records_is_refused(involved):
    before = counts()
    with pytest.raises(ProtectedError):
        involved.delete()
    assert counts() == before


def test_admin_explains_and_offers_deactivation(involved, admin_user):
    client = login(admin_user)
    page = client.get(reverse("admin:core_user_delete", args=[involved.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Deactivate the account instead" in body
    before = counts()
    client.post(reverse("admin:core_user_delete", args=[involved.pk]), {"post": "yes"})
    assert (User.objects.filter(pk=involved.pk).exists(), counts()) == (True, before)
    client.post(
        reverse("admin:core_user_changelist"),
        {"action": "deactivate", "_selected_action": [involved.pk]},
    )
    involved.refresh_from_db()
    assert (involved.is_active, counts()) == (False, before)


def test_joint_lab_partner_is_not_dropped_silently(admin_user):
    """A joint lab lists its partners: deleting one is refused and the lab keeps it; once
    someone removes it from the lab, the organisation can go."""
    from lintas.network.models import JointLab

    org = OrganisationFactory(slug="lab-partner", name="Lab Partner Univ")
    other = OrganisationFactory(slug="lab-other", name="Other Lab Univ")
    lab = JointLab.objects.create(name="China-ASEAN Rice Lab")
    lab.partners.set([org, other])
    with pytest.raises(ValidationError) as error:
        organisations.delete_organisation(user=admin_user, organisation=org)
    assert error.value.messages[0].startswith(
        "Lab Partner Univ cannot be deleted while these records name it: "
        "joint lab “China-ASEAN Rice Lab”"
    )
    assert sorted(lab.partners.values_list("slug", flat=True)) == ["lab-other", "lab-partner"]
    url = reverse("core:organisation_delete", args=["lab-partner"])
    response = login(admin_user).post(url, follow=True)
    assert response.status_code == 200
    assert "joint lab “China-ASEAN Rice Lab”" in response.content.decode()
    assert Organisation.objects.filter(slug="lab-partner").exists()
    lab.partners.remove(org)
    organisations.delete_organisation(user=admin_user, organisation=org)
    assert not Organisation.objects.filter(slug="lab-partner").exists()
    assert list(lab.partners.values_list("slug", flat=True)) == ["lab-other"]


def test_protectors_lists_every_app_that_names_the_organisation(party):
    from lintas.network.models import JointLab

    JointLab.objects.create(name="Joint Lab A").partners.add(party)
    assert organisations.protectors(party) == [
        "agreement “Rice licence”",
        "joint lab “Joint Lab A”",
    ]
