"""Sign-up with e-mail verification, without telling strangers who has an account.

New accounts stay inactive until the link in the verification e-mail is opened; the token is
Django's password-reset token generator, so it expires and is single-use. An account never
starts as a member: the organisation it names gets a membership request
(:mod:`lintas.core.domain.membership`).

Sign-up and password reset answer every address the same way, and do the same work (hash the
password, send one e-mail), so neither the page nor its timing says whether a username or an
address is taken. Only the mailbox learns it: a known address gets a note instead of a link.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from lintas.core import mail
from lintas.core.domain import audit, membership
from lintas.core.enums import AuditAction, MembershipStatus, Role
from lintas.core.models import MembershipRequest, User

SELF_SERVICE_ROLES = (Role.PROVIDER, Role.SEEKER)


def verification_url(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return mail.site_link(reverse("core:verify", kwargs={"uidb64": uid, "token": token}))


def _send(*, to: str, language: str, subject, lines) -> None:
    with translation.override(language or settings.LANGUAGE_CODE):
        mail.send(
            subject=subject(),
            body="\n\n".join(str(line) for line in lines()),
            to=[to],
        )


def _send_verification(user: User) -> None:
    _send(
        to=user.email,
        language=user.language,
        subject=lambda: _("Confirm your e-mail address for Lintas"),
        lines=lambda: [
            _("Open this link to activate your account: %(url)s") % {"url": verification_url(user)},
            _(
                "Your organisation's admins or a broker then decide on your membership; "
                "until they approve it you can browse Lintas like a visitor."
            ),
        ],
    )


def _send_address_in_use(user: User) -> None:
    """What an existing address receives instead of a sign-up link."""

    def lines():
        text = [
            _(
                "Someone tried to create a Lintas account with this e-mail address, which "
                "already has an account (username: %(username)s)."
            )
            % {"username": user.username},
        ]
        if not user.email_verified:
            text.append(
                _("Your account is not confirmed yet. Open this link to confirm it: %(url)s")
                % {"url": verification_url(user)}
            )
        else:
            text.append(
                _("If it was you, sign in or choose a new password: %(url)s")
                % {"url": mail.site_link(reverse("core:password_reset"))}
            )
        text.append(_("If it was not you, you can ignore this message."))
        return text

    _send(
        to=user.email,
        language=user.language,
        subject=lambda: _("Someone tried to sign up to Lintas with your address"),
        lines=lines,
    )


def _send_username_taken(*, email: str, username: str, language: str) -> None:
    _send(
        to=email,
        language=language,
        subject=lambda: _("Your Lintas sign-up needs another username"),
        lines=lambda: [
            _(
                "You tried to create a Lintas account with the username %(username)s, which "
                "is taken. No account was created."
            )
            % {"username": username},
            _("Sign up again with another username: %(url)s")
            % {"url": mail.site_link(reverse("core:signup"))},
        ],
    )


def send_no_account_notice(*, email: str, language: str) -> None:
    """What a password-reset request for an unknown address receives (same work as a link)."""
    _send(
        to=email,
        language=language,
        subject=lambda: _("Password reset on Lintas"),
        lines=lambda: [
            _(
                "Someone asked to reset the Lintas password of this e-mail address, but no "
                "active account uses it."
            ),
            _("To create an account, sign up here: %(url)s")
            % {"url": mail.site_link(reverse("core:signup"))},
            _("If it was not you, you can ignore this message."),
        ],
    )


def sign_up(
    *,
    username: str,
    email: str,
    password: str,
    role: str,
    organisation=None,
    proposal: dict | None = None,
    language: str = "en",
) -> User | None:
    """Create an inactive account with a membership request and send the verification link.

    ``organisation`` names an existing organisation (a request to join it); ``proposal``
    (name, country, type, website) proposes a new one. Brokers, officers and administrators
    are appointed by an administrator, never self-registered.

    Returns the new user, or None when the username or address is taken; the caller must show
    the same page either way (that is the point).
    """
    if role not in SELF_SERVICE_ROLES:
        raise ValueError("self-service sign-up is for providers and seekers")
    if (organisation is None) == (proposal is None):
        raise ValueError("name an existing organisation or propose one")
    if proposal is not None:
        proposal = membership.clean_proposal(**proposal)
    email = email.strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        make_password(password)  # the same work as creating an account
        _send_address_in_use(existing)
        return None
    if User.objects.filter(username__iexact=username).exists():
        make_password(password)
        _send_username_taken(email=email, username=username, language=language)
        return None
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=username,
                email=email,
                password=password,
                role=role,
                language=language,
                is_active=False,
            )
            if organisation is not None:
                membership.request_membership(user=user, organisation=organisation)
            else:
                membership.propose_organisation(user=user, **proposal)
    except IntegrityError:
        # Someone took the username or address between the check and the insert.
        _send_username_taken(email=email, username=username, language=language)
        return None
    _send_verification(user)
    return user


def verify(*, uidb64: str, token: str) -> User | None:
    """Activate the account; its pending membership request now reaches the deciders."""
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        return None
    if not default_token_generator.check_token(user, token):
        return None
    first_time = not user.email_verified
    user.is_active = True
    user.email_verified = True
    user.save(update_fields=["is_active", "email_verified"])
    if first_time:  # the link works until it expires; tell the deciders once
        for pending in MembershipRequest.objects.filter(
            user=user, status=MembershipStatus.PENDING
        ).select_related("organisation", "user"):
            membership.notify_deciders(pending)
    return user


def deactivate(*, actor, user) -> bool:
    """Switch an account off instead of deleting it. Its meeting requests, applications and
    event participations are records of what happened (the foreign keys PROTECT them), so a
    person who leaves is deactivated: they can no longer sign in, and nothing disappears.
    Returns False if the account was already inactive."""
    if not user.is_active:
        return False
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit.record(actor=actor, target=user, action=AuditAction.STATUS, summary="deactivated")
    return True
