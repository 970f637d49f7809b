import pytest
from django.urls import reverse

from lintas.core.domain import membership
from lintas.core.models import MembershipRequest, User
from lintas.demo import loader
from tests.conftest import login


def load():
    loader.load_organisations()
    loader.load_users()
    return loader.load_memberships()


@pytest.mark.django_db
def test_demo_has_organisation_admins_and_one_waiting_person():
    load()
    provider = User.objects.get(username="provider")
    assert (provider.organisation.slug, provider.is_organisation_admin) == ("gxu", True)
    assert User.objects.get(username="broker").is_organisation_admin is False
    waiting = User.objects.get(username="pending")
    assert (waiting.organisation, waiting.is_active, waiting.email_verified) == (None, True, True)
    assert [(r.user.username, r.organisation.slug) for r in membership.pending()] == [
        ("pending", "gxu")
    ]
    page = login(provider).get(reverse("core:organisation_members", args=["gxu"]))
    assert page.status_code == 200
    assert "Lan Qin" in page.content.decode()


@pytest.mark.django_db
def test_demo_memberships_are_idempotent():
    load()
    load()
    assert MembershipRequest.objects.count() == 1
    assert User.objects.filter(is_organisation_admin=True).count() == 9


@pytest.mark.django_db
def test_demo_reload_puts_the_waiting_person_back_in_the_queue():
    load()
    broker = User.objects.get(username="broker")
    membership.approve(actor=broker, membership_request=MembershipRequest.objects.get())
    load()
    waiting = User.objects.get(username="pending")
    assert waiting.organisation is None
    assert MembershipRequest.objects.filter(status="pending").count() == 1
