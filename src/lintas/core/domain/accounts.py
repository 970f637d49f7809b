"""Sign-up with e-mail verification.

New accounts stay inactive until the link in the verification e-mail is opened; the token is
Django's password-reset token generator, so it expires and is single-use.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from lintas.core import mail
from lintas.core.enums import Role
from lintas.core.models import User

SELF_SERVICE_ROLES = (Role.PROVIDER, Role.SEEKER)


def verification_url(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("core:verify", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def sign_up(
    *, username: str, email: str, password: str, organisation, role: str, language: str = "en"
) -> User:
    """Create an inactive account and send the verification link. Brokers, officers and
    administrators are appointed by an administrator, never self-registered."""
    if role not in SELF_SERVICE_ROLES:
        raise ValueError("self-service sign-up is for providers and seekers")
    user = User.objects.create_user(
        username=username,
        email=email,
        password=password,
        organisation=organisation,
        role=role,
        language=language,
        is_active=False,
    )
    mail.send(
        subject=_("Confirm your e-mail address for Lintas"),
        body=_("Open this link to activate your account: %(url)s")
        % {"url": verification_url(user)},
        to=[email],
    )
    return user


def verify(*, uidb64: str, token: str) -> User | None:
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        return None
    if not default_token_generator.check_token(user, token):
        return None
    user.is_active = True
    user.email_verified = True
    user.save(update_fields=["is_active", "email_verified"])
    return user
