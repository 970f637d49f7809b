"""Conversion funnel: published → matched → interest → introduced → meeting → agreement.

Counted on published profiles by the *furthest* step each one reached (an interest found through
search still passed "matched" in spirit: it is counted there too), so every step holds a subset
of the one before and ``lost`` at each step adds up to the published total. Medians are computed
from durations the database works out (seconds), per profile for the first step and per deal for
the others, to show where deals wait and where they are lost.
"""

from __future__ import annotations

import datetime as dt
import statistics

from django.apps import apps
from django.db.models import F, FloatField, Func, Min, OuterRef, Q, Subquery

from lintas.catalogue.models import Profile
from lintas.insights.domain.engine import NO_FILTERS, Filters

STEPS = ("published", "matched", "interest", "introduced", "meeting", "agreement")


class Seconds(Func):
    """``end - start`` in seconds, natively on SQLite and PostgreSQL."""

    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra):
        end, p1 = compiler.compile(self.source_expressions[0])
        start, p2 = compiler.compile(self.source_expressions[1])
        return f"((julianday({end}) - julianday({start})) * 86400.0)", [*p1, *p2]

    def as_sql(self, compiler, connection, **extra):
        end, p1 = compiler.compile(self.source_expressions[0])
        start, p2 = compiler.compile(self.source_expressions[1])
        return f"EXTRACT(EPOCH FROM ({end} - {start}))", [*p1, *p2]


def _year_range(year: int):
    start = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    return start, start.replace(year=year + 1)


def profile_filter(filters: Filters, prefix: str = "") -> Q:
    """The dashboard filters as a condition on profiles (``prefix`` reaches them from deals)."""
    q = Q()
    if filters.year:
        start, end = _year_range(filters.year)
        q &= Q(**{f"{prefix}published_at__gte": start, f"{prefix}published_at__lt": end})
    if filters.country:
        q &= Q(**{f"{prefix}organisation__country": filters.country})
    if filters.sector:
        through = Profile.sectors.through.objects.filter(sector__slug=filters.sector)
        q &= Q(**{f"{prefix}id__in": through.values("profile_id")})
    if filters.broker:
        q &= Q(**{f"{prefix}broker_id": filters.broker})
    if filters.event:
        ids = Q(pk__in=[])
        if apps.is_installed("lintas.brokerage"):
            from lintas.brokerage.models import Deal

            ids |= Q(pk__in=Deal.objects.filter(event_id=filters.event).values("profile_id"))
        if apps.is_installed("lintas.events"):
            from lintas.events.models import Participant

            shown = Participant.profiles.through.objects.filter(participant__event_id=filters.event)
            ids |= Q(pk__in=shown.values("profile_id"))
        q &= Q(**{f"{prefix}id__in": Profile.objects.filter(ids).values("id")})
    return q


def _evidence() -> dict[str, Q]:
    """For each step after "published", the profiles with direct evidence of reaching it."""
    from lintas.brokerage.enums import Stage
    from lintas.brokerage.models import Agreement, Deal, DealStageChange
    from lintas.matching.models import Match

    live = Match.objects.filter(dismissed=False)
    meeting_deals = Deal.objects.filter(
        Q(stage__in=[Stage.MEETING, Stage.NEGOTIATING, Stage.AGREEMENT])
        | Q(pk__in=DealStageChange.objects.filter(to_stage=Stage.MEETING).values("deal_id"))
    )
    agreement_deals = Deal.objects.filter(
        Q(stage=Stage.AGREEMENT) | Q(pk__in=Agreement.objects.values("deal_id"))
    )
    introduced = Deal.objects.filter(introduced_at__isnull=False)

    def deal_q(qs):
        return Q(pk__in=qs.values("profile_id")) | Q(
            pk__in=qs.filter(counterpart_profile__isnull=False).values("counterpart_profile_id")
        )

    return {
        "matched": Q(pk__in=live.values("offer_id")) | Q(pk__in=live.values("need_id")),
        "interest": deal_q(Deal.objects.all()),
        "introduced": deal_q(introduced),
        "meeting": deal_q(meeting_deals),
        "agreement": deal_q(agreement_deals)
        | Q(pk__in=Agreement.profiles.through.objects.values("profile_id")),
    }


def available() -> bool:
    return all(apps.is_installed(f"lintas.{a}") for a in ("brokerage", "matching"))


def counts(filters: Filters = NO_FILTERS) -> list[dict]:
    """[{step, reached, lost}] in one query; ``lost`` = reached here but went no further."""
    evidence = _evidence()
    later = {}
    acc = Q(pk__in=[])
    for step in reversed(STEPS[1:]):
        acc = acc | evidence[step]
        later[step] = acc
    conditions = {"published": Q(), **later}
    base = Profile.objects.filter(published_at__isnull=False).filter(profile_filter(filters))
    from django.db.models import Count

    row = base.aggregate(
        **{step: Count("id", filter=cond) if cond else Count("id") for step, cond in
           conditions.items()}
    )  # fmt: skip
    out = []
    for i, step in enumerate(STEPS):
        following = row[STEPS[i + 1]] if i + 1 < len(STEPS) else 0
        out.append({"step": step, "reached": row[step], "lost": row[step] - following})
    return out


def _median_days(values) -> float | None:
    values = [v for v in values if v is not None and v >= 0]
    return round(statistics.median(values) / 86400, 1) if values else None


def median_days(filters: Filters = NO_FILTERS) -> dict[str, float | None]:
    """Median days spent before reaching each step (keyed by the step reached)."""
    from lintas.brokerage.enums import Stage
    from lintas.brokerage.models import Deal, DealStageChange
    from lintas.matching.models import Match

    out: dict[str, float | None] = {"published": None}
    live = Match.objects.filter(dismissed=False)
    pf = profile_filter(filters)
    firsts = []
    for kind, rel in (("offer", "matches_as_offer"), ("need", "matches_as_need")):
        qs = (
            Profile.objects.filter(pf, kind=kind, published_at__isnull=False)
            .filter(**{f"{rel}__dismissed": False})
            .annotate(first=Min(f"{rel}__created_at"))
            .annotate(secs=Seconds(F("first"), F("published_at")))
            .values_list("secs", flat=True)
            .order_by()
        )
        firsts.extend(qs)
    out["matched"] = _median_days(firsts)

    deals = Deal.objects.filter(profile_filter(filters, "profile__"))
    first_offer = live.filter(offer_id=OuterRef("profile_id")).order_by("created_at")
    first_need = live.filter(need_id=OuterRef("profile_id")).order_by("created_at")
    matched = deals.annotate(
        m_offer=Subquery(first_offer.values("created_at")[:1]),
        m_need=Subquery(first_need.values("created_at")[:1]),
    )
    secs = matched.annotate(
        a=Seconds(F("created_at"), F("m_offer")), b=Seconds(F("created_at"), F("m_need"))
    ).values_list("a", "b")
    out["interest"] = _median_days(a if a is not None else b for a, b in secs)
    out["introduced"] = _median_days(
        deals.filter(introduced_at__isnull=False)
        .annotate(secs=Seconds(F("introduced_at"), F("created_at")))
        .values_list("secs", flat=True)
        .order_by()
    )
    changes = DealStageChange.objects.filter(deal__in=deals.values("pk"))
    meeting_at = changes.filter(to_stage=Stage.MEETING, deal_id=OuterRef("deal_id")).order_by("at")
    out["meeting"] = _median_days(
        changes.filter(to_stage=Stage.MEETING, deal__introduced_at__isnull=False)
        .annotate(secs=Seconds(F("at"), F("deal__introduced_at")))
        .values_list("secs", flat=True)
        .order_by()
    )
    out["agreement"] = _median_days(
        changes.filter(to_stage=Stage.AGREEMENT)
        .annotate(m=Subquery(meeting_at.values("at")[:1]))
        .annotate(secs=Seconds(F("at"), F("m")))
        .values_list("secs", flat=True)
        .order_by()
    )
    return out
