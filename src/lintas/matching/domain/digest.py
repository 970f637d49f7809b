"""Digest e-mails of new matches, per user and per their settings (daily, weekly or never).

Only public fields go into the e-mail: titles, organisations, countries and scores."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lintas.catalogue.enums import ProfileStatus
from lintas.core import mail
from lintas.core.models import User
from lintas.matching.models import Match, MatchSettings

PERIOD = {
    MatchSettings.Frequency.DAILY: dt.timedelta(days=1),
    MatchSettings.Frequency.WEEKLY: dt.timedelta(days=7),
}


def new_matches_for(user, since) -> list[Match]:
    org = user.organisation_id
    qs = Match.objects.filter(
        Q(offer__organisation_id=org) | Q(need__organisation_id=org),
        dismissed=False,
        offer__status=ProfileStatus.PUBLISHED,
        need__status=ProfileStatus.PUBLISHED,
    )
    if since:
        qs = qs.filter(created_at__gt=since)
    return list(
        qs.select_related("offer__organisation", "need__organisation")
        .prefetch_related("offer__translations", "need__translations")
        .order_by("-score")[:20]
    )


def send_digests(*, now=None) -> int:
    now = now or timezone.now()
    sent = 0
    users = User.objects.filter(
        is_active=True, notify_matches=True, organisation__isnull=False
    ).select_related("match_settings")
    for user in users:
        prefs, _created = MatchSettings.objects.get_or_create(user=user)
        if prefs.frequency == MatchSettings.Frequency.NEVER:
            continue
        if prefs.last_sent_at and now - prefs.last_sent_at < PERIOD[prefs.frequency]:
            continue
        matches = [
            m for m in new_matches_for(user, prefs.last_sent_at) if m.score >= prefs.min_score
        ]
        if matches:
            with translation.override(user.language or "en"):
                body = render_to_string(
                    "matching/digest_email.txt",
                    {"user": user, "matches": matches, "site": settings.SITE_URL},
                )
                mail.send(
                    subject=_("New matches for your technology profiles"),
                    body=body,
                    to=[user.email],
                )
            sent += 1
        prefs.last_sent_at = now
        prefs.save(update_fields=["last_sent_at"])
    return sent
