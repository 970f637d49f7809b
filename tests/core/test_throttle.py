"""Sign-in throttling (django-axes + lintas.core.throttle): per account name and per IP,
exponential back-off, the same answer whether or not the account exists."""

import base64
import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from lintas.core import throttle
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ATTACKER, HOME, ELSEWHERE = "192.0.2.66", "198.51.100.7", "203.0.113.9"
PASSWORD = "rice-paddy-2031"
LOCKED = "Too many failed sign-in attempts. Please wait 1 minute before trying again"
WRONG = "Please enter a correct username and password."


@pytest.fixture
def victim(db):
    user = UserFactory(username="victim", email="victim@example.org")
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(ip, username, password):
    return Client(REMOTE_ADDR=ip).post(
        reverse("core:login"), {"username": username, "password": password}
    )


def outcome(response):
    body = response.content.decode()
    if response.status_code == 302:
        return "signed in"
    if LOCKED in body:
        return (response.status_code, "locked")
    if WRONG in body:
        return (response.status_code, "wrong")
    return (response.status_code, "other")


def last_failure_was(ago: dt.timedelta):
    """Move the recorded failures back in time (instead of sleeping through a back-off)."""
    AccessAttempt.objects.update(attempt_time=timezone.now() - ago)


def thirty_wrong(username):
    return [outcome(sign_in(ATTACKER, username, f"guess-{i}")) for i in range(30)]


def test_thirty_wrong_attempts_lock_after_five_and_look_the_same_for_unknown_names(victim):
    expected = [(200, "wrong")] * 4 + [(429, "locked")] * 26
    assert thirty_wrong("victim") == expected
    # Attempts made while waiting are not counted: the wait is the first step (60 s).
    assert AccessAttempt.objects.get(username="victim").failures_since_start == 5
    AccessAttempt.objects.all().delete()
    assert thirty_wrong("nobody-has-this-name") == expected


def test_during_back_off_account_and_ip_wait_others_do_not(victim):
    thirty_wrong("victim")
    other = UserFactory(username="other")
    other.set_password(PASSWORD)
    other.save()
    assert outcome(sign_in(ATTACKER, "victim", PASSWORD)) == (429, "locked")
    assert outcome(sign_in(HOME, "victim", PASSWORD)) == (429, "locked")  # the account waits
    assert outcome(sign_in(ATTACKER, "other", PASSWORD)) == (429, "locked")  # the IP waits
    assert outcome(sign_in(ELSEWHERE, "other", PASSWORD)) == "signed in"


def test_after_the_back_off_the_right_password_works_and_new_failures_double_it(victim):
    thirty_wrong("victim")
    last_failure_was(dt.timedelta(seconds=55))
    assert outcome(sign_in(HOME, "victim", PASSWORD)) == (429, "locked")
    last_failure_was(dt.timedelta(seconds=61))
    assert outcome(sign_in(HOME, "victim", PASSWORD)) == "signed in"
    # The attacker's failures are not forgotten by the victim's success elsewhere:
    # the next wrong guess waits twice as long.
    assert outcome(sign_in(ATTACKER, "victim", "guess-31")) == (429, "other")
    wait = throttle.remaining(username="victim", ip_address=ATTACKER)
    assert dt.timedelta(seconds=110) < wait <= dt.timedelta(seconds=120)
    assert "Please wait 2 minutes" in sign_in(ATTACKER, "victim", PASSWORD).content.decode()


def test_back_off_doubles_and_is_capped(settings):
    settings.LINTAS = {
        **settings.LINTAS,
        "LOGIN_FAILURES": 5,
        "LOGIN_BACKOFF_SECONDS": 60,
        "LOGIN_BACKOFF_MAX_SECONDS": 3600,
    }
    assert [throttle.backoff(n).total_seconds() for n in (4, 5, 6, 7, 8, 11, 40)] == [
        0,
        60,
        120,
        240,
        480,
        3600,
        3600,
    ]


def test_success_forgets_only_that_account_from_that_ip(victim):
    for i in range(2):
        sign_in(HOME, "victim", f"typo-{i}")
        sign_in(ATTACKER, "victim", f"guess-{i}")
    assert outcome(sign_in(HOME, "victim", PASSWORD)) == "signed in"
    assert list(AccessAttempt.objects.values_list("ip_address", "failures_since_start")) == [
        (ATTACKER, 2)
    ]


def basic(ip, username, password):
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return APIClient(REMOTE_ADDR=ip).get("/api/v1/deals/", HTTP_AUTHORIZATION=f"Basic {token}")


def test_api_basic_auth_is_throttled_without_telling_who_exists(victim):
    for name in ("victim", "nobody-has-this-name"):
        answers = {
            (r.status_code, r.content) for r in [basic(ATTACKER, name, "x") for _ in range(30)]
        }
        assert answers == {(401, b'{"detail":"Invalid username/password.","errors":{}}')}
    assert basic(ELSEWHERE, "victim", PASSWORD).status_code == 401  # the account waits
    last_failure_was(dt.timedelta(seconds=61))
    assert basic(ELSEWHERE, "victim", PASSWORD).status_code == 200


def test_password_reset_by_email_lifts_the_account_wait(victim):
    thirty_wrong("victim")
    client = Client(REMOTE_ADDR=HOME)
    client.post(reverse("core:password_reset"), {"email": victim.email})
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/account/reset/" in line)
    form_url = client.get(link.split("8000", 1)[-1]).url
    done = client.post(
        form_url, {"new_password1": "brand-new-river-77", "new_password2": "brand-new-river-77"}
    )
    assert done.status_code == 302
    assert AccessAttempt.objects.filter(username="victim").count() == 0
    assert outcome(sign_in(HOME, "victim", "brand-new-river-77")) == "signed in"
