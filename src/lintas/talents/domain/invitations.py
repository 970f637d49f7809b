"""Invite programme alumni and trainees to create a talent profile (pre-filled from their
records). Each person is invited once: an invitation is an in-app notification leading to
``/talents/me/`` (and an e-mail), so a second run finds it and skips them."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from lintas.core.domain.notifications import notify
from lintas.core.models import Notification, User
from lintas.programmes.enums import ApplicationStatus
from lintas.programmes.models import Application
from lintas.programmes.models import Participant as Trainee


def alumni_without_profile():
    """Active people with an accepted application or a training participation and no entry."""
    accepted = Application.objects.filter(status=ApplicationStatus.ACCEPTED).values("applicant_id")
    trained = Trainee.objects.filter(user__isnull=False).values("user_id")
    return (
        User.objects.filter(is_active=True, talent__isnull=True)
        .filter(Q(pk__in=accepted.order_by()) | Q(pk__in=trained.order_by()))
        .order_by("pk")
    )


def invite_alumni() -> int:
    """Invite everyone not invited yet; returns how many were invited now."""
    url = reverse("talents:mine")
    invited = set(Notification.objects.filter(url=url).values_list("recipient_id", flat=True))
    people = [u for u in alumni_without_profile() if u.pk not in invited]

    def compose(person):
        return (
            _("Join the talent directory of Lintas"),
            _(
                "You took part in one of our programmes. Create your talent profile so that "
                "people across China and ASEAN can find you for consulting, joint research, "
                "mentoring or talks; we filled in what we know from your records. %(url)s"
            )
            % {"url": url},
        )

    notify(users=people, compose=compose, url=url)
    return len(people)
