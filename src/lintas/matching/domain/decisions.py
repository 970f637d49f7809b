"""People's judgements on matches: brokers pin or dismiss, owners mark relevant or not.
Feedback is kept for evaluating the engine (precision of what users saw)."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lintas.core.domain.refresh import schedule_refresh
from lintas.matching.models import Match, MatchFeedback


@transaction.atomic
def pin(*, user, match: Match, pinned: bool = True) -> Match:
    if not rules.has_perm("matching.decide_match", user, match):
        raise PermissionDenied(_("Only brokers pin matches."))
    match.pinned, match.dismissed, match.decided_by = pinned, False, user
    match.save(update_fields=["pinned", "dismissed", "decided_by", "updated_at"])
    schedule_refresh("matches", ids=[match.pk])  # pinning brings a dismissed match back
    return match


@transaction.atomic
def dismiss(*, user, match: Match) -> Match:
    if not rules.has_perm("matching.decide_match", user, match):
        raise PermissionDenied(_("Only brokers dismiss matches."))
    match.dismissed, match.pinned, match.decided_by = True, False, user
    match.save(update_fields=["pinned", "dismissed", "decided_by", "updated_at"])
    schedule_refresh("matches", ids=[match.pk])
    return match


@transaction.atomic
def give_feedback(*, user, match: Match, relevant: bool, comment: str = "") -> MatchFeedback:
    if not rules.has_perm("matching.rate_match", user, match):
        raise PermissionDenied(_("Only the two parties and brokers rate a match."))
    if len(comment) > 500:
        raise ValidationError(_("A comment may have at most 500 characters."))
    feedback, _created = MatchFeedback.objects.update_or_create(
        match=match, user=user, defaults={"relevant": relevant, "comment": comment}
    )
    return feedback
