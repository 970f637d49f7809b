"""The competition's figures (for its figures page, the API and insights): entries per
country, field and group, advancement rate per stage, and entries that later became deals or
agreements (through the offer they linked, or the entrant organisation's agreements signed
after the entry)."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Q
from django_countries import countries

from lintas.brokerage.models import Agreement, Deal
from lintas.competitions.enums import EntryStatus


def _rows(counter: Counter, labels) -> list[dict]:
    return [{"label": labels(k), "key": k, "entries": n} for k, n in counter.most_common()]


def figures(competition) -> dict:
    entries = list(
        competition.entries.exclude(status=EntryStatus.WITHDRAWN).select_related(
            "group", "field__sector"
        )
    )
    by_country = Counter(e.country.code for e in entries)
    by_field = Counter(e.field_id for e in entries)
    by_group = Counter(e.group.kind for e in entries)
    fields = {f.pk: str(f) for f in competition.fields.select_related("sector")}
    groups = {g.kind: str(g) for g in competition.groups.all()}
    stages = []
    for stage in competition.stages.annotate(
        decided=Count("advancements"),
        went=Count("advancements", filter=Q(advancements__advanced=True)),
    ):
        stages.append(
            {
                "stage": stage.name,
                "decided": stage.decided,
                "advanced": stage.went,
                "rate": round(stage.went / stage.decided, 3) if stage.decided else None,
            }
        )
    later = []
    for e in entries:
        deals = agreements = 0
        if e.offer_id:
            deals = Deal.objects.filter(
                Q(profile_id=e.offer_id) | Q(counterpart_profile_id=e.offer_id),
                created_at__gte=e.created_at,
            ).count()
            agreements = Agreement.objects.filter(
                profiles__id=e.offer_id, signed_on__gte=e.created_at.date()
            ).count()
        if e.organisation_id:
            agreements += (
                Agreement.objects.filter(
                    parties__id=e.organisation_id, signed_on__gte=e.created_at.date()
                )
                .exclude(profiles__id=e.offer_id or 0)
                .count()
            )
        if deals or agreements:
            later.append({"entry": e, "deals": deals, "agreements": agreements})
    return {
        "entries": len(entries),
        "eligible": sum(e.status == EntryStatus.ELIGIBLE for e in entries),
        "countries": _rows(by_country, lambda c: str(countries.name(c))),
        "fields": _rows(by_field, lambda pk: fields.get(pk, "")),
        "groups": _rows(by_group, lambda k: groups.get(k, k)),
        "stages": stages,
        "later": later,
        "became_deals": sum(1 for r in later if r["deals"]),
        "became_agreements": sum(1 for r in later if r["agreements"]),
    }
