"""Sign-up and password reset never tell a stranger whether a username or an address exists:
the page is the same, and one e-mail goes out either way (only the mailbox learns the truth)."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from lintas.core.models import MembershipRequest, User
from tests.core.test_accounts import signup_data


def page_text(response) -> str:
    """The page without its per-request CSRF tokens."""
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", body)


@pytest.fixture
def new_signup(provider_org):
    response = Client().post(reverse("core:signup"), signup_data())
    assert User.objects.filter(username="newbie").exists()
    sent = list(mail.outbox)
    mail.outbox.clear()
    return response, sent


@pytest.mark.django_db
def test_signup_with_existing_email_answers_like_a_new_one(new_signup, provider):
    new_response, new_mail = new_signup
    response = Client().post(
        reverse("core:signup"),
        signup_data(username="someone-else", email=provider.email.upper()),
    )
    assert (response.status_code, new_response.status_code) == (200, 200)
    assert page_text(response) == page_text(new_response)
    assert "Check your e-mail" in page_text(response)
    assert not User.objects.filter(username="someone-else").exists()
    # The same work: one e-mail each. The known address gets a note, not an account link.
    assert (len(new_mail), len(mail.outbox)) == (1, 1)
    assert mail.outbox[0].to == [provider.email]
    assert "already has an account" in mail.outbox[0].body
    assert "/account/verify/" not in mail.outbox[0].body


@pytest.mark.django_db
def test_signup_with_existing_username_answers_like_a_new_one(new_signup, provider):
    new_response, _new_mail = new_signup
    response = Client().post(
        reverse("core:signup"), signup_data(username="Provider", email="fresh@example.org")
    )
    assert response.status_code == 200
    assert page_text(response) == page_text(new_response)
    assert User.objects.filter(email="fresh@example.org").exists() is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["fresh@example.org"]
    assert "is taken" in mail.outbox[0].body
    assert MembershipRequest.objects.filter(user__username="Provider").exists() is False


@pytest.mark.django_db
def test_signup_with_unconfirmed_existing_email_resends_the_link(provider_org):
    Client().post(reverse("core:signup"), signup_data())
    mail.outbox.clear()
    Client().post(reverse("core:signup"), signup_data(username="again"))
    assert len(mail.outbox) == 1
    assert "/account/verify/" in mail.outbox[0].body
    assert User.objects.filter(email="newbie@example.org").count() == 1


@pytest.mark.django_db
def test_signup_form_errors_do_not_mention_existing_accounts(provider):
    response = Client().post(
        reverse("core:signup"),
        signup_data(username=provider.username, email=provider.email, password2="different"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["password2"]
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_reset_same_answer_for_known_and_unknown_address(provider):
    known = Client().post(reverse("core:password_reset"), {"email": provider.email}, follow=True)
    unknown = Client().post(
        reverse("core:password_reset"), {"email": "nobody@example.org"}, follow=True
    )
    assert (known.status_code, unknown.status_code) == (200, 200)
    assert known.redirect_chain == unknown.redirect_chain
    assert page_text(known) == page_text(unknown)
    assert "If an account uses this address" in page_text(unknown)
    assert [m.to for m in mail.outbox] == [[provider.email], ["nobody@example.org"]]
    assert "/account/reset/" in mail.outbox[0].body
    assert "/account/reset/" not in mail.outbox[1].body
    assert "no active account uses it" in mail.outbox[1].body
