"""Coded reasons for declined matches and interests, counted per profile and per sector.

A reason is optional; a decline without one is recorded as "no reason given"
(``DeclineCode.NONE``), so that every decline counts. Insights count them through their figure
"declines" (``insights.domain.figures``; each record calls ``schedule_refresh("declines")``), per
reason, sector and profile; :func:`reason_counts` and :func:`reason_counts_by_sector` give the
same counts in one query each; the profile page shows the author :func:`advice` built from them
(the uncoded declines give no advice).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lintas.brokerage.enums import DeclineCode
from lintas.brokerage.models import DeclineReason
from lintas.core.domain.refresh import schedule_refresh

TEXT_MAX = 500


def check_reason(code: str, text: str = "") -> tuple[str, str]:
    """A known code (none given: "no reason given"), and words when the code is "other"."""
    text = (text or "").strip()
    code = code or DeclineCode.NONE
    if code not in DeclineCode.values:
        raise ValidationError(_("Choose a reason."))
    if code == DeclineCode.OTHER and not text:
        raise ValidationError(_("Say in a few words why."))
    if len(text) > TEXT_MAX:
        raise ValidationError(
            _("The reason is limited to %(max)d characters; this one has %(n)d.")
            % {"max": TEXT_MAX, "n": len(text)}
        )
    return code, text


def record_reason(*, user, code: str, text: str = "", profile=None, deal=None, match=None):
    """Keep one decline with its reason (an empty ``code``: "no reason given"); ``profile`` is
    the profile that was turned down. The insights figure "declines" is refreshed after commit."""
    code, text = check_reason(code, text)
    reason = DeclineReason.objects.create(
        code=code, text=text, profile=profile, deal=deal, match=match, by=user,
        role=getattr(user, "role", "") or "",
    )  # fmt: skip
    schedule_refresh("declines", ids=[reason.pk])
    return reason


def reason_counts(*, profile=None, sector=None, since=None) -> dict[str, int]:
    """{code: how many} for one profile, one sector (slug or Sector) or everything."""
    qs = DeclineReason.objects.all()
    if profile is not None:
        qs = qs.filter(profile=profile)
    if sector is not None:
        slug = getattr(sector, "slug", sector)
        qs = qs.filter(profile__sectors__slug=slug)
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    rows = qs.order_by().values("code").annotate(n=Count("id", distinct=True))
    return {row["code"]: row["n"] for row in rows}


def reason_counts_by_sector(*, since=None) -> dict[str, dict[str, int]]:
    """{sector slug: {code: how many}}, one query (a profile in two sectors counts in both)."""
    qs = DeclineReason.objects.filter(profile__isnull=False)
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    rows = (
        qs.order_by()
        .values("profile__sectors__slug", "code")
        .annotate(n=Count("id", distinct=True))
    )
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        slug = row["profile__sectors__slug"]
        if slug:
            out.setdefault(slug, {})[row["code"]] = row["n"]
    return out


ADVICE = {
    DeclineCode.WRONG_TECHNOLOGY: lambda n: ngettext(
        "%(n)d person found the technology did not fit what they need.",
        "%(n)d people found the technology did not fit what they need.", n),
    DeclineCode.WRONG_STAGE: lambda n: ngettext(
        "%(n)d person found the stage (TRL) did not fit: say what is proven and what is next.",
        "%(n)d people found the stage (TRL) did not fit: say what is proven and what is next.", n),
    DeclineCode.WRONG_COUNTRY: lambda n: ngettext(
        "%(n)d person found the country did not fit: check your target countries.",
        "%(n)d people found the country did not fit: check your target countries.", n),
    DeclineCode.PRICE_TERMS: lambda n: ngettext(
        "%(n)d person turned it down over price or terms.",
        "%(n)d people turned it down over price or terms.", n),
    DeclineCode.ALREADY_SOLVED: lambda n: ngettext(
        "%(n)d person had already solved the problem.",
        "%(n)d people had already solved the problem.", n),
    DeclineCode.NOT_CREDIBLE: lambda n: ngettext(
        "%(n)d person did not find it credible: add evidence (trials, patents, references).",
        "%(n)d people did not find it credible: add evidence (trials, patents, references).", n),
    DeclineCode.OTHER: lambda n: ngettext(
        "%(n)d person gave another reason.", "%(n)d people gave other reasons.", n),
}  # fmt: skip


def advice(profile) -> list[str]:
    """Sentences for the profile's author, most frequent reason first."""
    counts = reason_counts(profile=profile)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [ADVICE[code](n) % {"n": n} for code, n in ordered if code in ADVICE]
