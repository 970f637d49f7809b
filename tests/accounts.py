"""Sign up through the real pages, as a stranger would: form, e-mail link, sign-in."""

import re
from urllib.parse import urlsplit

from django.core import mail
from django.test import Client
from django.urls import reverse

from lintas.core.models import User

PASSWORD = "a-Long-pass-1234"


def sign_up_and_verify(username: str, organisation_slug: str, role: str = "provider"):
    """Return (client signed in as the new account, its user)."""
    client = Client()
    before = len(mail.outbox)
    response = client.post(
        reverse("core:signup"),
        {
            "username": username,
            "email": f"{username}@example.net",
            "organisation": organisation_slug,
            "role": role,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 200
    link = re.search(r"https?://\S+/account/verify/\S+", mail.outbox[before].body).group(0)
    assert client.get(urlsplit(link).path).status_code == 302
    # Through the sign-in page: django-axes needs the request (Client.login passes none).
    signed_in = client.post(reverse("core:login"), {"username": username, "password": PASSWORD})
    assert signed_in.status_code == 302
    return client, User.objects.get(username=username)
