"""Why offers and needs were turned down: the figure "declines" broken down by reason, by
reason and sector, and per profile, under the dashboard's filters.

Every number comes from the one definition in ``insights.domain.figures.declines`` (the same
rows the "Declines recorded" card counts), counted by the engine, grouped on the extra
groupings that figure's source carries (``reason``, ``reason_sector``, ``profile``,
``reason_profile``). Counted live, one grouped query each (the brokers' dashboard and the KPI
API only; reasons are not a column of the summary), so the reasons add up to the card.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lintas.insights.domain import engine, figures

TOP_PROFILES = 10
TITLE = _("Why offers and needs were turned down")


def _codes():
    from lintas.brokerage.enums import DeclineCode

    return DeclineCode


def _pairs(counts: dict) -> dict[tuple[str, str], int]:
    """{("code", "other key"): n} from a grouping of ``code|key`` strings."""
    out = {}
    for key, n in counts.items():
        code, _sep, rest = str(key).partition("|")
        if rest:
            out[(code, rest)] = n
    return out


def by_reason(filters: engine.Filters, sources) -> list[dict]:
    """[{"code", "label", "count"}] for every reason with at least one decline, most first;
    "no reason given" last."""
    codes = _codes()
    labels = dict(codes.choices)
    counts = engine.count(sources, filters, "reason")
    rows = [
        {"code": code, "label": labels.get(code, code), "count": n}
        for code, n in counts.items()
        if n
    ]
    rows.sort(key=lambda r: (r["code"] == codes.NONE, -r["count"], str(r["label"])))
    return rows


def by_sector(filters: engine.Filters, sources, reasons: list[dict]) -> dict:
    """{"reasons": [(code, label)], "rows": [{"sector", "label", "counts": [n per reason]}]}."""
    from lintas.core.models import Sector

    pairs = _pairs(engine.count(sources, filters, "reason_sector"))
    if filters.sector:  # grouping on another path than the filter: keep the filtered sector
        pairs = {k: n for k, n in pairs.items() if k[1] == filters.sector}
    slugs = {slug for _code, slug in pairs}
    names = {s.slug: s.name for s in Sector.objects.filter(slug__in=slugs)} if slugs else {}
    rows = [
        {
            "sector": slug,
            "label": names.get(slug, slug),
            "counts": [pairs.get((r["code"], slug), 0) for r in reasons],
        }
        for slug in slugs
    ]
    rows.sort(key=lambda r: (-sum(r["counts"]), str(r["label"])))
    return {"reasons": [(r["code"], r["label"]) for r in reasons], "rows": rows}


def by_profile(filters: engine.Filters, sources, limit: int = TOP_PROFILES) -> list[dict]:
    """The profiles turned down most often under the filters, with their reasons:
    [{"profile", "count", "reasons": [(code, label, n)]}]."""
    from lintas.catalogue.models import Profile

    per_profile = engine.count(sources, filters, "profile")
    top = sorted(per_profile.items(), key=lambda item: (-item[1], item[0]))[:limit]
    if not top:
        return []
    wanted = {pk for pk, _n in top}
    labels = dict(_codes().choices)
    reasons: dict[int, list] = {}
    for (code, pk), n in _pairs(engine.count(sources, filters, "reason_profile")).items():
        if int(pk) in wanted:
            reasons.setdefault(int(pk), []).append((code, labels.get(code, code), n))
    profiles = Profile.objects.select_related("organisation").in_bulk(list(wanted))
    return [
        {
            "profile": profiles[pk],
            "count": n,
            "reasons": sorted(reasons.get(pk, []), key=lambda r: (-r[2], r[0])),
        }
        for pk, n in top
        if pk in profiles
    ]


def report(filters: engine.Filters) -> dict | None:
    """Everything the dashboard's "why turned down" section shows, or None without brokerage."""
    sources = figures.declines()
    if sources is None:
        return None
    reasons = by_reason(filters, sources)
    if not reasons:
        return {"reasons": [], "total": 0, "sectors": {"reasons": [], "rows": []}, "profiles": []}
    return {
        "reasons": reasons,
        "total": sum(r["count"] for r in reasons),
        "sectors": by_sector(filters, sources, reasons),
        "profiles": by_profile(filters, sources),
    }


def as_json(report_: dict | None) -> dict | None:
    """The report with codes instead of objects, for the API."""
    if report_ is None:
        return None
    codes = [code for code, _label in report_["sectors"]["reasons"]]
    return {
        "total": report_["total"],
        "reasons": [{"code": r["code"], "label": str(r["label"]), "count": r["count"]}
                    for r in report_["reasons"]],
        "by_sector": [{"sector": row["sector"], "counts": dict(zip(codes, row["counts"], strict=True))}
                      for row in report_["sectors"]["rows"]],
        "profiles": [{"ref": row["profile"].ref, "count": row["count"],
                      "reasons": {code: n for code, _label, n in row["reasons"]}}
                     for row in report_["profiles"]],
    }  # fmt: skip
