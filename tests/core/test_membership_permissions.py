"""Who may decide on members: one test per role × action, on the pages and on the API.

Roles: the admin of the organisation concerned (Guangxi University), the admin of another
organisation, an ordinary member, a broker, an administrator, and the waiting person themselves.
Each cell checks the answer *and* the effect (changed when allowed, untouched when refused).
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from lintas.core.domain import membership
from lintas.core.models import MembershipRequest, Organisation, User
from tests.conftest import login
from tests.factories import OrganisationFactory, UserFactory

ROLES = ["org_admin", "other_org_admin", "member", "broker", "administrator", "requester"]


@pytest.fixture
def cast(provider_org, provider, broker, admin_user):
    """Everyone in the matrix, and the things they act on."""
    other = OrganisationFactory(slug="other", name="Other University")
    people = {
        "org_admin": UserFactory(
            username="gxu-admin", organisation=provider_org, is_organisation_admin=True
        ),
        "other_org_admin": UserFactory(
            username="other-admin", organisation=other, is_organisation_admin=True
        ),
        "member": provider,
        "broker": broker,
        "administrator": admin_user,
        "requester": UserFactory(username="newcomer", organisation=None),
    }
    join = membership.request_membership(user=people["requester"], organisation=provider_org)
    proposer = UserFactory(username="proposer", organisation=None)
    proposal = membership.propose_organisation(
        user=proposer, name="Beibu Gulf Lab", country="CN", type="institute"
    )
    target = UserFactory(username="colleague", organisation=provider_org)
    return {"people": people, "join": join, "proposal": proposal, "target": target}


# action -> roles allowed
ALLOWED = {
    "view_members": {"org_admin", "broker", "administrator"},
    "approve": {"org_admin", "broker", "administrator"},
    "refuse": {"org_admin", "broker", "administrator"},
    "remove": {"org_admin", "broker", "administrator"},
    "hand_over": {"org_admin", "broker", "administrator"},
    "validate": {"broker", "administrator"},
    "view_queue": {"broker", "administrator"},
}
CELLS = [(role, action, role in allowed) for action, allowed in ALLOWED.items() for role in ROLES]


def effect(cast, action):
    """Did the action take effect?"""
    join = MembershipRequest.objects.get(pk=cast["join"].pk)
    target = User.objects.get(pk=cast["target"].pk)
    return {
        "approve": join.status == "approved",
        "refuse": join.status == "refused",
        "remove": target.organisation_id is None,
        "hand_over": target.is_organisation_admin,
        "validate": Organisation.objects.filter(name="Beibu Gulf Lab").exists(),
    }.get(action)


def page_call(client, cast, action):
    org = cast["join"].organisation
    if action == "view_members":
        return client.get(reverse("core:organisation_members", args=[org.slug]))
    if action == "view_queue":
        return client.get(reverse("core:membership_queue"))
    if action in ("approve", "refuse"):
        url = reverse("core:membership_decide", args=[cast["join"].pk, action])
        return client.post(url, {"reason": "no"})
    if action == "validate":
        return client.post(reverse("core:membership_decide", args=[cast["proposal"].pk, action]))
    name = {"remove": "remove", "hand_over": "hand-over"}[action]
    return client.post(reverse("core:member_action", args=[cast["target"].pk, name]))


def api_call(client, cast, action):
    org = cast["join"].organisation
    if action == "view_members":
        return client.get(f"/api/v1/members/?organisation={org.slug}")
    if action == "view_queue":
        return client.get("/api/v1/membership-requests/?status=pending")
    if action in ("approve", "refuse"):
        return client.post(f"/api/v1/membership-requests/{cast['join'].pk}/{action}/")
    if action == "validate":
        return client.post(f"/api/v1/membership-requests/{cast['proposal'].pk}/validate/")
    name = {"remove": "remove", "hand_over": "hand-over"}[action]
    return client.post(f"/api/v1/members/{cast['target'].pk}/{name}/")


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "action", "allowed"), CELLS)
def test_page_permission(cast, role, action, allowed):
    response = page_call(login(cast["people"][role]), cast, action)
    if action.startswith("view_"):
        assert response.status_code == (200 if allowed else 403)
        if allowed:
            marker = "Guangxi University" if action == "view_members" else "newcomer"
            assert marker in response.content.decode()
    else:
        assert response.status_code == (302 if allowed else 403)
        assert effect(cast, action) is allowed


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "action", "allowed"), CELLS)
def test_api_permission(cast, role, action, allowed):
    client = APIClient()
    client.force_authenticate(cast["people"][role])
    response = api_call(client, cast, action)
    if action.startswith("view_"):
        # Lists answer 200 to everyone signed in, with only what the person may see.
        assert response.status_code == 200
        usernames = {row["username"] for row in response.json()["results"]}
        if action == "view_members":
            assert ("colleague" in usernames) is allowed
        else:
            assert ("proposer" in usernames) is allowed
    else:
        assert response.status_code == (200 if allowed else 403)
        assert effect(cast, action) is allowed


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(ALLOWED))
def test_anonymous_is_refused(cast, action):
    from django.test import Client

    response = page_call(Client(), cast, action)
    assert response.status_code == 302
    assert reverse("core:login") in response["Location"]
    assert api_call(APIClient(), cast, action).status_code == 401
    if action not in ("view_members", "view_queue"):
        assert effect(cast, action) is False
