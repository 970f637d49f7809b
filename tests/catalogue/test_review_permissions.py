"""catalogue.review_profile on the page and the API, with the effect: brokers (and
administrators) see the validation queue and publish a submitted profile; nobody else."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from lintas.catalogue.models import Profile
from tests.conftest import login
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

ROLES = [("broker", True), ("admin_user", True), ("provider", False), ("officer", False),
         ("outsider", False)]  # fmt: skip


@pytest.fixture
def submitted(provider_org, provider, sector):
    return ProfileFactory(
        organisation=provider_org, created_by=provider, status="submitted", sectors=[sector]
    )


@pytest.mark.parametrize("role, allowed", ROLES)
def test_validation_queue_by_role(request, submitted, role, allowed):
    response = login(request.getfixturevalue(role)).get(reverse("catalogue:queue"))
    assert response.status_code == (200 if allowed else 403)
    if allowed:
        assert submitted.title in response.content.decode()


@pytest.mark.parametrize("role, allowed", ROLES)
def test_publish_on_page_by_role(request, submitted, role, allowed):
    response = login(request.getfixturevalue(role)).post(
        reverse("catalogue:profile_action", args=[submitted.ref, "publish"])
    )
    assert response.status_code == (302 if allowed else 403)
    assert (Profile.objects.get(pk=submitted.pk).status == "published") == allowed


@pytest.mark.parametrize("role, allowed", ROLES)
def test_publish_in_api_by_role(request, submitted, role, allowed):
    client = APIClient()
    client.force_authenticate(request.getfixturevalue(role))
    response = client.post(f"/api/v1/profiles/{submitted.ref}/publish/")
    assert response.status_code == (200 if allowed else 403)
    assert (Profile.objects.get(pk=submitted.pk).status == "published") == allowed


def test_anonymous_is_sent_to_sign_in():
    response = Client().get(reverse("catalogue:queue"))
    assert response.status_code == 302 and "/account/login/" in response["Location"]
