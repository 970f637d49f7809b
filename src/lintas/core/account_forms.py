"""Forms of the account pages that guard sign-in: the login form and the resend-link form."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from lintas.core.models import User


class LoginForm(AuthenticationForm):
    """Django's login form, plus one honest answer: the right password for an account whose
    e-mail address is not confirmed yet says so (and the page offers a new link).

    Only someone who knows the password learns that the account exists. Every failed
    sign-in does the same extra hashing work, so timing does not tell unconfirmed accounts
    apart, and nothing is checked while sign-in is paused for this account or IP.
    """

    unverified = False

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError as error:
            if error.code == "invalid_login" and self._unverified_with_right_password():
                self.unverified = True
                raise forms.ValidationError(
                    _(
                        "You have not confirmed your e-mail address yet. Open the link we "
                        "sent you, or ask for a new one below."
                    ),
                    code="unverified",
                ) from error
            raise

    def _unverified_with_right_password(self) -> bool:
        if getattr(self.request, "axes_locked_out", False):
            return False
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password") or ""
        user = User.objects.filter(username=username, is_active=False, email_verified=False).first()
        if user is None:
            make_password(password)  # the same work as the check below
            return False
        return user.check_password(password)


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
