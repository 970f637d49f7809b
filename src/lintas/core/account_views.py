"""Account pages that guard the way in: sign-in (with throttling and the unconfirmed-address
answer), a new confirmation link, password change, and the password reset that lifts a lock."""

from __future__ import annotations

import math

from axes.helpers import get_client_username
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lintas.core import throttle
from lintas.core.account_forms import LoginForm, ResendVerificationForm
from lintas.core.domain import verification


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = LoginForm


def lockout(request, original_response=None, credentials=None):
    """What django-axes shows while sign-in waits (AXES_LOCKOUT_CALLABLE). The same words
    whether or not the account exists: the wait is counted for any name tried."""
    wait = throttle.remaining(
        username=get_client_username(request, credentials),
        ip_address=getattr(request, "axes_ip_address", None),
    )
    minutes = max(1, math.ceil(wait.total_seconds() / 60))
    message = ngettext(
        "Too many failed sign-in attempts. Please wait %(minutes)d minute before trying "
        "again, or choose a new password by e-mail.",
        "Too many failed sign-in attempts. Please wait %(minutes)d minutes before trying "
        "again, or choose a new password by e-mail.",
        minutes,
    ) % {"minutes": minutes}
    return render(request, "core/locked.html", {"message": message}, status=429)


def resend_verification(request):
    form = ResendVerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verification.resend(email=form.cleaned_data["email"])
        return render(request, "core/message.html", {"message_key": "verify_resent"})
    return render(request, "core/resend_verification.html", {"form": form})


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "core/password_change.html"
    success_url = reverse_lazy("core:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed."))
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choosing a new password through the e-mailed link proves control of the account's
    address, so it also lifts any sign-in wait on the account (not on the IP) and marks the
    address confirmed (people invited by an import choose their first password here)."""

    template_name = "core/password_reset_confirm.html"
    success_url = reverse_lazy("core:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        throttle.forget_account(form.user.get_username())
        if not form.user.email_verified:  # e.g. a person invited by an import
            form.user.email_verified = True
            form.user.save(update_fields=["email_verified"])
        return response
