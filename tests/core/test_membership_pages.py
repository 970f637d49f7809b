"""Membership pages: the organisation picker, the account and dashboard status, "My organisation"
and the broker queue."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from lintas.core.domain import membership
from lintas.core.models import MembershipRequest, User
from tests.conftest import login
from tests.core.test_accounts import signup_data
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def gxu_admin(provider_org):
    return UserFactory(username="gxu-admin", organisation=provider_org, is_organisation_admin=True)


@pytest.fixture
def newcomer(db):
    return UserFactory(username="newcomer", first_name="Lan", last_name="Qin", organisation=None)


@pytest.mark.django_db
def test_signup_page_does_not_list_every_organisation(provider_org, seeker_org):
    body = Client().get(reverse("core:signup")).content.decode()
    assert 'id="organisation-query"' in body
    assert "Guangxi University" not in body
    assert "PT Tani Makmur" not in body


@pytest.mark.django_db
def test_organisation_search_returns_matches_only(provider_org, seeker_org):
    OrganisationFactory.create_batch(12, name="Guangxi Lab")
    response = Client().get(reverse("core:organisation_search"), {"organisation_query": "guangxi"})
    body = response.content.decode()
    assert response.status_code == 200
    assert len(re.findall(r'type="radio" name="organisation"', body)) == 10
    assert "PT Tani Makmur" not in body
    one = Client().get(reverse("core:organisation_search"), {"q": "university"}).content.decode()
    assert re.findall(r'value="([^"]+)"', one) == ["gxu"]


@pytest.mark.django_db
def test_organisation_search_needs_two_letters(provider_org):
    body = Client().get(reverse("core:organisation_search"), {"q": "g"}).content.decode()
    assert 'name="organisation"' not in body
    assert "Type at least 2 letters" in body


@pytest.mark.django_db
def test_signup_search_without_javascript_shows_choices(provider_org):
    response = Client().post(
        reverse("core:signup"), {**signup_data(), "organisation_query": "Guangxi", "search": "1"}
    )
    assert response.status_code == 200
    assert 'value="gxu"' in response.content.decode()
    assert not User.objects.filter(username="newbie").exists()


@pytest.mark.django_db
def test_signup_without_organisation_is_refused(provider_org):
    response = Client().post(reverse("core:signup"), signup_data(organisation=""))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["organisation"]
    assert not User.objects.filter(username="newbie").exists()


@pytest.mark.django_db
def test_signup_names_an_organisation_and_gets_a_pending_request(provider_org):
    Client().post(reverse("core:signup"), signup_data())
    request = MembershipRequest.objects.get(user__username="newbie")
    assert (request.organisation, request.status) == (provider_org, "pending")
    assert request.user.organisation is None


@pytest.mark.django_db
def test_signup_proposing_an_organisation(db, broker):
    data = signup_data(
        organisation="",
        proposed_name="Mekong Delta Rice Institute",
        proposed_country="VN",
        proposed_type="institute",
        proposed_website="mdri.example",
    )
    response = Client().post(reverse("core:signup"), data)
    assert response.status_code == 200
    request = MembershipRequest.objects.get(user__username="newbie")
    assert (request.proposed_name, str(request.proposed_country), request.proposed_website) == (
        "Mekong Delta Rice Institute",
        "VN",
        "https://mdri.example",
    )
    assert request.organisation is None


@pytest.mark.django_db
def test_verifying_the_address_tells_the_organisation_admin(provider_org, gxu_admin):
    client = Client()
    client.post(reverse("core:signup"), signup_data())
    link = re.search(r"https?://\S+/account/verify/\S+", mail.outbox[0].body).group(0)
    mail.outbox.clear()
    client.get(link.split("8000", 1)[-1])
    assert [m.to for m in mail.outbox] == [[gxu_admin.email]]
    assert "newbie" in mail.outbox[0].body
    client.get(link.split("8000", 1)[-1])  # the link works until it expires
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_dashboard_and_account_show_the_pending_request(newcomer, provider_org):
    membership.request_membership(user=newcomer, organisation=provider_org)
    client = login(newcomer)
    dashboard = client.get(reverse("pages:dashboard"))
    assert dashboard.status_code == 200
    assert "Your request to join Guangxi University is waiting" in dashboard.content.decode()
    assert "New offer" not in dashboard.content.decode()
    account = client.get(reverse("core:account"))
    body = account.content.decode()
    assert account.status_code == 200
    assert "Your request to join Guangxi University" in body
    assert "Withdraw my request" in body
    assert 'id="organisation-query"' not in body  # one pending request at a time


@pytest.mark.django_db
def test_account_shows_refusal_reason_and_offers_a_new_request(newcomer, provider_org, broker):
    req = membership.request_membership(user=newcomer, organisation=provider_org)
    membership.refuse(actor=broker, membership_request=req, reason="Unknown to us")
    body = login(newcomer).get(reverse("core:account")).content.decode()
    assert "was refused" in body and "Unknown to us" in body
    assert 'id="organisation-query"' in body


@pytest.mark.django_db
def test_request_from_the_account_page(newcomer, seeker_org):
    response = login(newcomer).post(reverse("core:membership_request"), {"organisation": "tani"})
    assert response.status_code == 302
    assert MembershipRequest.objects.get(user=newcomer).organisation == seeker_org


@pytest.mark.django_db
def test_member_cannot_request_from_the_account_page(provider, seeker_org):
    response = login(provider).post(reverse("core:membership_request"), {"organisation": "tani"})
    assert response.status_code == 403
    assert MembershipRequest.objects.count() == 0


@pytest.mark.django_db
def test_withdraw_from_the_account_page(newcomer, provider_org):
    req = membership.request_membership(user=newcomer, organisation=provider_org)
    response = login(newcomer).post(reverse("core:membership_cancel", args=[req.pk]))
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == "cancelled"


@pytest.mark.django_db
def test_members_page_lists_members_and_requests(gxu_admin, provider, newcomer, provider_org):
    membership.request_membership(user=newcomer, organisation=provider_org)
    response = login(gxu_admin).get(reverse("core:members"), follow=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Members of Guangxi University" in body
    assert "Lan Qin" in body and newcomer.email in body
    assert "provider" in body and "organisation admin" in body


@pytest.mark.django_db
def test_refuse_with_reason_from_the_members_page(gxu_admin, newcomer, provider_org):
    req = membership.request_membership(user=newcomer, organisation=provider_org)
    url = reverse("core:organisation_members", args=["gxu"])
    response = login(gxu_admin).post(
        reverse("core:membership_decide", args=[req.pk, "refuse"]),
        {"reason": "Not our staff", "next": url},
    )
    assert (response.status_code, response["Location"]) == (302, url)
    req.refresh_from_db()
    assert (req.status, req.reason) == ("refused", "Not our staff")


@pytest.mark.django_db
def test_decision_redirect_stays_on_the_site(gxu_admin, newcomer, provider_org):
    req = membership.request_membership(user=newcomer, organisation=provider_org)
    response = login(gxu_admin).post(
        reverse("core:membership_decide", args=[req.pk, "approve"]),
        {"next": "//evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:members")


@pytest.mark.django_db
def test_broker_queue_shows_proposals_and_requests(broker, newcomer, provider_org):
    membership.request_membership(user=newcomer, organisation=provider_org)
    proposer = UserFactory(username="proposer", organisation=None)
    membership.propose_organisation(
        user=proposer, name="Beibu Gulf Lab", country="CN", type="institute"
    )
    body = login(broker).get(reverse("core:membership_queue")).content.decode()
    assert "Beibu Gulf Lab" in body and "Validate the organisation" in body
    assert "Guangxi University" in body and "Lan Qin" in body


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_members_page_query_count_is_constant(
    count, gxu_admin, provider_org, django_assert_max_num_queries
):
    UserFactory.create_batch(count - 1, organisation=provider_org)
    for _ in range(count):
        membership.request_membership(
            user=UserFactory(organisation=None), organisation=provider_org
        )
    client = login(gxu_admin)
    url = reverse("core:organisation_members", args=["gxu"])
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("data-member=") == count
    assert response.content.decode().count("data-request=") == count


@pytest.mark.django_db
def test_members_page_fits_a_phone(gxu_admin, provider_org):
    body = login(gxu_admin).get(reverse("core:organisation_members", args=["gxu"])).content
    assert len(body) < 300_000
    assert b'class="stack"' in body


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["zh-hans", "id", "ms", "th", "vi", "km", "lo", "my", "fil"])
def test_membership_pages_are_translated(lang, newcomer, gxu_admin, provider_org):
    membership.request_membership(user=newcomer, organisation=provider_org)
    waiting = login(newcomer)
    waiting.cookies["django_language"] = lang
    account = waiting.get(reverse("core:account")).content.decode()
    assert f'<html lang="{lang}">' in account
    assert "Guangxi University" in account
    assert "is waiting for a decision" not in account
    admin = login(gxu_admin)
    admin.cookies["django_language"] = lang
    members = admin.get(reverse("core:organisation_members", args=["gxu"])).content.decode()
    assert "Lan Qin" in members
    assert "Requests to join" not in members and "Hand over the admin role" not in members
