import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from lintas.core.models import User


def signup_data(**overrides):
    data = {
        "username": "newbie",
        "email": "newbie@example.org",
        "organisation": "gxu",
        "role": "provider",
        "password1": "a-Long-pass-1234",
        "password2": "a-Long-pass-1234",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_signup_sends_verification_and_activates_on_link(provider_org):
    client = Client()
    response = client.post(reverse("core:signup"), signup_data())
    assert response.status_code == 200
    user = User.objects.get(username="newbie")
    assert user.is_active is False
    assert user.organisation is None
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    path = link.split("8000", 1)[-1] if "8000" in link else link
    assert client.get(path).status_code == 302
    user.refresh_from_db()
    assert (user.is_active, user.email_verified) == (True, True)
    signed_in = client.post(
        reverse("core:login"), {"username": "newbie", "password": "a-Long-pass-1234"}
    )
    assert (signed_in.status_code, signed_in["Location"]) == (302, reverse("pages:dashboard"))


@pytest.mark.django_db
def test_signup_refuses_broker_role(provider_org):
    response = Client().post(reverse("core:signup"), signup_data(username="sneaky", role="broker"))
    assert response.status_code == 200
    assert not User.objects.filter(username="sneaky").exists()
    assert "role" in response.context["form"].errors
    assert mail.outbox == []


@pytest.mark.django_db
def test_verify_with_bad_token_fails_and_changes_nothing(provider):
    provider.is_active = False
    provider.save()
    response = Client().get(reverse("core:verify", kwargs={"uidb64": "MQ", "token": "bad-token"}))
    assert response.status_code == 400
    provider.refresh_from_db()
    assert provider.is_active is False


@pytest.mark.django_db
def test_password_reset_sends_mail(provider):
    response = Client().post(reverse("core:password_reset"), {"email": provider.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/account/reset/" in mail.outbox[0].body


@pytest.mark.django_db
def test_login_and_logout(provider):
    client = Client()
    assert (
        client.post(reverse("core:login"), {"username": "provider", "password": "pw"}).status_code
        == 302
    )
    assert client.get(reverse("pages:dashboard")).status_code == 200
    client.post(reverse("core:logout"))
    assert client.get(reverse("pages:dashboard")).status_code == 302
