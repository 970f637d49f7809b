"""Password rules everywhere a password is set; the unconfirmed-address answer at sign-in;
the resend page that never tells whether an address has an account."""

import pytest
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from lintas.core.models import User
from tests.conftest import login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD = "rice-paddy-2031"
UNCONFIRMED = "You have not confirmed your e-mail address yet."
RESENT = "If an account waiting for confirmation uses this address, we sent it a new link."


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def pending(db):
    """Signed up, never opened the link."""
    user = UserFactory(
        username="pending", email="pending@example.org", is_active=False, email_verified=False
    )
    user.set_password(GOOD)
    user.save()
    return user


BAD_PASSWORDS = {
    "short-1": "This password is too short. It must contain at least 10 characters.",
    "password123": "This password is too common.",
    "newbie-person": "The password is too similar to the username.",
}


@pytest.mark.parametrize("password, error", BAD_PASSWORDS.items())
def test_signup_refuses_weak_passwords(password, error, provider_org):
    response = Client().post(
        reverse("core:signup"),
        {
            "username": "newbie-person",
            "email": "newbie@example.org",
            "organisation": provider_org.pk,
            "role": "provider",
            "password1": password,
            "password2": password,
        },
    )
    assert error in response.content.decode()
    assert not User.objects.filter(username="newbie-person").exists()


@pytest.mark.parametrize("password, error", BAD_PASSWORDS.items())
def test_password_change_page_refuses_weak_passwords(password, error):
    user = UserFactory(username="newbie-person")
    response = login(user).post(
        reverse("core:password_change"),
        {"old_password": "pw", "new_password1": password, "new_password2": password},
    )
    assert (response.status_code, error in response.content.decode()) == (200, True)
    user.refresh_from_db()
    assert user.check_password("pw")


def test_password_change_page_changes_a_good_password(provider):
    client = login(provider)
    page = client.get(reverse("core:account"))
    assert 'id="change-password"' in page.content.decode()
    response = client.post(
        reverse("core:password_change"),
        {"old_password": "pw", "new_password1": GOOD, "new_password2": GOOD},
    )
    assert response["Location"] == reverse("core:account")
    provider.refresh_from_db()
    assert provider.check_password(GOOD)


def test_password_reset_refuses_a_weak_password(provider):
    client = Client()
    client.post(reverse("core:password_reset"), {"email": provider.email})
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/account/reset/" in line)
    assert link.startswith("http://127.0.0.1:8000/account/reset/")  # LINTAS_SITE_URL
    form_url = client.get(link.removeprefix("http://127.0.0.1:8000")).url
    response = client.post(form_url, {"new_password1": "provider1", "new_password2": "provider1"})
    body = response.content.decode()
    assert response.status_code == 200
    assert BAD_PASSWORDS["short-1"] in body
    provider.refresh_from_db()
    assert provider.check_password("pw")


def test_admin_password_change_refuses_a_weak_password(provider):
    form = AdminPasswordChangeForm(provider, {"password1": "12345678", "password2": "12345678"})
    assert form.is_valid() is False
    assert form.errors["password2"] == [
        "This password is too short. It must contain at least 10 characters.",
        "This password is too common.",
        "This password is entirely numeric.",
    ]


def test_signing_in_unconfirmed_with_right_password_says_so_and_offers_a_link(pending):
    response = Client().post(reverse("core:login"), {"username": "pending", "password": GOOD})
    body = response.content.decode()
    assert (response.status_code, UNCONFIRMED in body) == (200, True)
    assert reverse("core:resend_verification") in body


@pytest.mark.parametrize("username, password", [("pending", "wrong-password"), ("ghost", GOOD)])
def test_signing_in_unconfirmed_with_wrong_password_says_nothing_more(pending, username, password):
    response = Client().post(reverse("core:login"), {"username": username, "password": password})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Please enter a correct username and password." in body
    assert UNCONFIRMED not in body
    assert reverse("core:resend_verification") not in body


def test_resend_page_answers_every_address_the_same_and_mails_only_the_pending(pending, provider):
    pages = []
    for address in ("pending@example.org", "nobody@example.org", provider.email):
        response = Client().post(reverse("core:resend_verification"), {"email": address})
        pages.append((response.status_code, RESENT in response.content.decode()))
    assert pages == [(200, True)] * 3
    assert [m.to for m in mail.outbox] == [["pending@example.org"]]
    assert "http://127.0.0.1:8000/account/verify/" in mail.outbox[0].body


def test_resend_page_sends_at_most_one_link_every_few_minutes(pending):
    for _ in range(3):
        Client().post(reverse("core:resend_verification"), {"email": "PENDING@example.org"})
    assert len(mail.outbox) == 1


def test_resent_link_activates_the_account(pending):
    Client().post(reverse("core:resend_verification"), {"email": pending.email})
    link = mail.outbox[0].body.split("http://127.0.0.1:8000", 1)[1].split()[0]
    assert Client().get(link).status_code == 302
    pending.refresh_from_db()
    assert (pending.is_active, pending.email_verified) == (True, True)
