"""Membership requests: requested, decided, audited and e-mailed in the person's language."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from lintas.core.domain import audit, membership
from lintas.core.models import MembershipRequest, Organisation, User
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def gxu_admin(provider_org):
    return UserFactory(username="gxu-admin", organisation=provider_org, is_organisation_admin=True)


@pytest.fixture
def newcomer(db):
    """Signed up and confirmed, but not (yet) a member of anything."""
    return UserFactory(username="newcomer", organisation=None, language="zh-hans")


@pytest.fixture
def pending(newcomer, provider_org):
    request = membership.request_membership(user=newcomer, organisation=provider_org)
    mail.outbox.clear()
    return request


@pytest.mark.django_db
def test_request_is_pending_and_grants_nothing(newcomer, provider_org, gxu_admin):
    request = membership.request_membership(user=newcomer, organisation=provider_org)
    newcomer.refresh_from_db()
    assert (request.status, newcomer.organisation) == ("pending", None)
    assert [m.to for m in mail.outbox] == [[gxu_admin.email]]
    assert "newcomer" in mail.outbox[0].body
    assert [e.action for e in audit.history(request)] == ["create"]


@pytest.mark.django_db
def test_request_without_admins_goes_to_brokers(newcomer, broker):
    org = OrganisationFactory()
    membership.request_membership(user=newcomer, organisation=org)
    assert [m.to for m in mail.outbox] == [[broker.email]]


@pytest.mark.django_db
def test_second_pending_request_is_refused(pending, newcomer, seeker_org):
    with pytest.raises(ValidationError):
        membership.request_membership(user=newcomer, organisation=seeker_org)
    assert MembershipRequest.objects.filter(user=newcomer).count() == 1


@pytest.mark.django_db
def test_member_cannot_request_another_organisation(provider, seeker_org):
    with pytest.raises(ValidationError):
        membership.request_membership(user=provider, organisation=seeker_org)
    assert MembershipRequest.objects.count() == 0


@pytest.mark.django_db
def test_approve_makes_a_member_audited_and_mailed_in_their_language(
    pending, newcomer, gxu_admin, provider_org
):
    membership.approve(actor=gxu_admin, membership_request=pending)
    newcomer.refresh_from_db()
    pending.refresh_from_db()
    assert (newcomer.organisation, newcomer.is_organisation_admin) == (provider_org, False)
    assert (pending.status, pending.decided_by) == ("approved", gxu_admin)
    assert pending.decided_at is not None
    assert [e.action for e in audit.history(pending)] == ["status", "create"]
    assert [m.to for m in mail.outbox] == [[newcomer.email]]
    assert "Guangxi University" in mail.outbox[0].subject
    assert "成员" in mail.outbox[0].subject  # zh-hans, the person's language


@pytest.mark.django_db
def test_refuse_keeps_the_person_out_and_sends_the_reason(pending, newcomer, gxu_admin):
    membership.refuse(actor=gxu_admin, membership_request=pending, reason="Not on our staff list")
    newcomer.refresh_from_db()
    pending.refresh_from_db()
    assert (newcomer.organisation, pending.status, pending.reason) == (
        None,
        "refused",
        "Not on our staff list",
    )
    assert [m.to for m in mail.outbox] == [[newcomer.email]]
    assert "Not on our staff list" in mail.outbox[0].body
    assert audit.history(pending)[0].changes["reason"] == "Not on our staff list"


@pytest.mark.django_db
def test_decided_request_cannot_be_decided_again(pending, gxu_admin, newcomer):
    membership.refuse(actor=gxu_admin, membership_request=pending)
    with pytest.raises(ValidationError):
        membership.approve(actor=gxu_admin, membership_request=pending)
    newcomer.refresh_from_db()
    assert newcomer.organisation is None


@pytest.mark.django_db
def test_unconfirmed_person_cannot_be_approved(provider_org, gxu_admin):
    person = UserFactory(organisation=None, is_active=False, email_verified=False)
    request = membership.request_membership(user=person, organisation=provider_org)
    assert mail.outbox == []  # deciders hear of it once the address is confirmed
    with pytest.raises(ValidationError):
        membership.approve(actor=gxu_admin, membership_request=request)
    person.refresh_from_db()
    assert person.organisation is None
    assert list(membership.pending()) == []


@pytest.mark.django_db
def test_cancel_by_the_person(pending, newcomer):
    membership.cancel(user=newcomer, membership_request=pending)
    pending.refresh_from_db()
    assert pending.status == "cancelled"


@pytest.mark.django_db
def test_cancel_by_someone_else_is_refused(pending, gxu_admin):
    with pytest.raises(PermissionDenied):
        membership.cancel(user=gxu_admin, membership_request=pending)
    pending.refresh_from_db()
    assert pending.status == "pending"


@pytest.mark.django_db
def test_proposed_organisation_is_created_only_when_a_broker_validates(newcomer, broker):
    request = membership.propose_organisation(
        user=newcomer,
        name="  Nanning  Seed   Lab ",
        country="cn",
        type="institute",
        website="https://seedlab.example",
    )
    assert request.is_proposal
    assert request.proposed_name == "Nanning Seed Lab"
    assert not Organisation.objects.filter(name="Nanning Seed Lab").exists()
    assert [m.to for m in mail.outbox] == [[broker.email]]
    mail.outbox.clear()
    organisation = membership.validate_organisation(actor=broker, membership_request=request)
    newcomer.refresh_from_db()
    request.refresh_from_db()
    assert (organisation.name, organisation.slug, str(organisation.country)) == (
        "Nanning Seed Lab",
        "nanning-seed-lab",
        "CN",
    )
    assert (newcomer.organisation, newcomer.is_organisation_admin) == (organisation, True)
    assert (request.status, request.organisation) == ("approved", organisation)
    assert [m.to for m in mail.outbox] == [[newcomer.email]]


@pytest.mark.django_db
def test_proposal_of_an_existing_name_is_refused(newcomer, provider_org):
    with pytest.raises(ValidationError) as error:
        membership.propose_organisation(
            user=newcomer, name="guangxi university", country="CN", type="university"
        )
    assert list(error.value.message_dict) == ["name"]
    assert MembershipRequest.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": "", "country": "CN", "type": "university"}, "name"),
        ({"name": "X Lab", "country": "ZZ", "type": "university"}, "country"),
        ({"name": "X Lab", "country": "CN", "type": "club"}, "type"),
        ({"name": "X Lab", "country": "CN", "type": "institute", "website": "ftp://x"}, "website"),
    ],
)
def test_proposal_bad_input_changes_nothing(newcomer, values, field):
    with pytest.raises(ValidationError) as error:
        membership.propose_organisation(user=newcomer, **values)
    assert list(error.value.message_dict) == [field]
    assert MembershipRequest.objects.count() == 0


@pytest.mark.django_db
def test_proposal_cannot_be_approved_by_an_organisation_admin(newcomer, gxu_admin):
    request = membership.propose_organisation(
        user=newcomer, name="Fresh Lab", country="VN", type="institute"
    )
    with pytest.raises(PermissionDenied):
        membership.validate_organisation(actor=gxu_admin, membership_request=request)
    with pytest.raises(PermissionDenied):
        membership.approve(actor=gxu_admin, membership_request=request)
    assert not Organisation.objects.filter(name="Fresh Lab").exists()


@pytest.mark.django_db
def test_refused_proposal_creates_nothing(newcomer, broker):
    request = membership.propose_organisation(
        user=newcomer, name="Shell Company", country="SG", type="enterprise"
    )
    membership.refuse(actor=broker, membership_request=request, reason="Unknown")
    request.refresh_from_db()
    assert request.status == "refused"
    assert not Organisation.objects.filter(name="Shell Company").exists()


@pytest.mark.django_db
def test_remove_member_takes_membership_away(provider, gxu_admin, provider_org):
    membership.remove_member(actor=gxu_admin, member=provider, reason="Left the university")
    provider.refresh_from_db()
    assert provider.organisation is None
    assert [m.to for m in mail.outbox] == [[provider.email]]
    assert "Left the university" in mail.outbox[0].body
    entry = audit.history(provider_org)[0]
    assert (entry.actor, entry.changes["member"]) == (gxu_admin, ["provider", None])


@pytest.mark.django_db
def test_admin_cannot_remove_themselves(gxu_admin):
    with pytest.raises(ValidationError):
        membership.remove_member(actor=gxu_admin, member=gxu_admin)
    gxu_admin.refresh_from_db()
    assert gxu_admin.organisation is not None


@pytest.mark.django_db
def test_hand_over_moves_the_admin_role(gxu_admin, provider, provider_org):
    membership.hand_over_admin(actor=gxu_admin, member=provider)
    gxu_admin.refresh_from_db()
    provider.refresh_from_db()
    assert (provider.is_organisation_admin, gxu_admin.is_organisation_admin) == (True, False)
    assert gxu_admin.organisation == provider_org
    assert sorted(m.to[0] for m in mail.outbox) == sorted([provider.email, gxu_admin.email])
    assert audit.history(provider_org)[0].changes["organisation_admin"] == [
        ["gxu-admin"],
        "provider",
    ]


@pytest.mark.django_db
def test_hand_over_to_a_member_of_another_organisation_is_refused(gxu_admin, seeker):
    with pytest.raises(PermissionDenied):
        membership.hand_over_admin(actor=gxu_admin, member=seeker)
    seeker.refresh_from_db()
    assert seeker.is_organisation_admin is False


@pytest.mark.django_db
def test_removed_admin_loses_the_role(broker, gxu_admin):
    membership.remove_member(actor=broker, member=gxu_admin)
    gxu_admin.refresh_from_db()
    assert (gxu_admin.organisation, gxu_admin.is_organisation_admin) == (None, False)
    assert User.objects.filter(is_organisation_admin=True).count() == 0
