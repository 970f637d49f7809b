"""Editing an organisation's details without the Django admin: who may (page and API, each cell
checking the effect), what a refusal leaves untouched, the audit trail, and the network
membership fields kept for brokers."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from lintas.core.enums import AuditAction
from lintas.core.models import AuditEntry
from tests.conftest import login
from tests.factories import OrganisationFactory, UserFactory

ROLES = ["org_admin", "other_org_admin", "member", "broker", "administrator"]
ALLOWED = {"org_admin", "broker", "administrator"}


@pytest.fixture
def people(provider_org, provider, broker, admin_user):
    other = OrganisationFactory(slug="other", name="Other University")
    return {
        "org_admin": UserFactory(
            username="gxu-admin", organisation=provider_org, is_organisation_admin=True
        ),
        "other_org_admin": UserFactory(
            username="other-admin", organisation=other, is_organisation_admin=True
        ),
        "member": provider,
        "broker": broker,
        "administrator": admin_user,
    }


def _form(org, **changes):
    data = {
        "name": org.name,
        "name_local": org.name_local,
        "type": org.type,
        "size": org.size,
        "country": org.country.code,
        "province": org.province,
        "website": org.website,
        "description": org.description,
    }
    data.update(changes)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_edit_page_by_role(people, provider_org, role):
    client = login(people[role])
    url = reverse("core:organisation_edit", args=[provider_org.slug])
    page = client.get(url)
    response = client.post(
        url, _form(provider_org, province="Nanning", website="https://gxu.edu.cn")
    )
    provider_org.refresh_from_db()
    if role in ALLOWED:
        assert page.status_code == 200
        assert "Guangxi University" in page.content.decode()
        assert response.status_code == 302
        assert provider_org.province == "Nanning"
        assert provider_org.website == "https://gxu.edu.cn"
    else:
        assert page.status_code == 403
        assert response.status_code == 403
        assert provider_org.province == "Guangxi"
        assert provider_org.website == ""


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_api_patch_by_role(people, provider_org, role):
    api = APIClient()
    api.force_authenticate(people[role])
    response = api.patch(
        f"/api/v1/organisations/{provider_org.slug}/", {"province": "Beihai"}, format="json"
    )
    provider_org.refresh_from_db()
    if role in ALLOWED:
        assert response.status_code == 200, response.content
        assert response.json()["province"] == "Beihai"
        assert provider_org.province == "Beihai"
    else:
        assert response.status_code == 403
        assert provider_org.province == "Guangxi"


@pytest.mark.django_db
def test_anonymous_cannot_edit(provider_org, client):
    response = client.post(
        reverse("core:organisation_edit", args=[provider_org.slug]), _form(provider_org)
    )
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert APIClient().patch(
        f"/api/v1/organisations/{provider_org.slug}/", {"province": "X"}, format="json"
    ).status_code in (401, 403)
    provider_org.refresh_from_db()
    assert provider_org.province == "Guangxi"


@pytest.mark.django_db
def test_edit_link_only_for_those_who_may(people, provider_org):
    url = provider_org.get_absolute_url()
    assert 'id="edit-organisation"' in login(people["org_admin"]).get(url).content.decode()
    page = login(people["member"]).get(url)
    assert page.status_code == 200 and "Guangxi University" in page.content.decode()
    assert 'id="edit-organisation"' not in page.content.decode()


@pytest.mark.django_db
def test_membership_fields_are_for_brokers(people, provider_org):
    admin_page = login(people["org_admin"]).get(
        reverse("core:organisation_edit", args=[provider_org.slug])
    )
    assert 'name="member_type"' not in admin_page.content.decode()
    api = APIClient()
    api.force_authenticate(people["org_admin"])
    refused = api.patch(
        f"/api/v1/organisations/{provider_org.slug}/",
        {"member_type": "full", "province": "Beihai"},
        format="json",
    )
    assert refused.status_code == 403
    provider_org.refresh_from_db()
    assert provider_org.member_type == "" and provider_org.province == "Guangxi"

    broker_page = login(people["broker"]).get(
        reverse("core:organisation_edit", args=[provider_org.slug])
    )
    assert 'name="member_type"' in broker_page.content.decode()
    api.force_authenticate(people["broker"])
    member_type = "associate"
    done = api.patch(
        f"/api/v1/organisations/{provider_org.slug}/",
        {"member_type": member_type, "member_since": "2021-05-01"},
        format="json",
    )
    assert done.status_code == 200, done.content
    provider_org.refresh_from_db()
    assert provider_org.member_type == member_type
    assert str(provider_org.member_since) == "2021-05-01"


@pytest.mark.django_db
def test_bad_input_is_a_message_and_no_change(people, provider_org):
    client = login(people["broker"])
    url = reverse("core:organisation_edit", args=[provider_org.slug])
    response = client.post(url, _form(provider_org, country="XX", name="", province="Nanning"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "errorlist" in body
    provider_org.refresh_from_db()
    assert provider_org.country.code == "CN" and provider_org.province == "Guangxi"
    api = APIClient()
    api.force_authenticate(people["broker"])
    bad = api.patch(
        f"/api/v1/organisations/{provider_org.slug}/",
        {"website": "not a url", "province": "Nanning"},
        format="json",
    )
    assert bad.status_code == 400
    assert "website" in bad.json() or "website" in str(bad.json())
    provider_org.refresh_from_db()
    assert provider_org.province == "Guangxi"


@pytest.mark.django_db
def test_changes_are_audited_field_by_field(people, provider_org):
    login(people["org_admin"]).post(
        reverse("core:organisation_edit", args=[provider_org.slug]),
        _form(provider_org, country="VN", province="Hanoi"),
    )
    entry = AuditEntry.objects.filter(object_id=provider_org.pk, action=AuditAction.UPDATE).get()
    assert entry.actor == people["org_admin"]
    assert entry.changes == {"country": ["CN", "VN"], "province": ["Guangxi", "Hanoi"]}
