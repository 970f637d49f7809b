"""The network's key figures, each in its own small function returning its sources.

``None`` means the model behind the figure is not installed: the dashboard then says the figure
is unavailable instead of showing a made-up number. Definitions (also in docs/insights.md):

- projects promoted: profiles ever published, plus profiles a validated participant brought to
  an event;
- enterprises served: distinct organisations on either side of an interest (deal), at a meeting
  held, or party to an agreement;
- matches: engine or broker matches not dismissed;
- interests / introductions: deals, and deals both sides consented to (``introduced_at`` set);
- meetings held: event meetings not marked no-show with both participants checked in;
- agreements: agreements signed, with their value summed per currency.
"""

from __future__ import annotations

from django.apps import apps

from lintas.catalogue.models import Profile
from lintas.insights.domain.engine import Source, Year


def _installed(app_label: str) -> bool:
    return apps.is_installed(f"lintas.{app_label}")


def _profile_dims(prefix: str = "") -> dict:
    return {
        "year": Year(f"{prefix}published_at"),
        "country": f"{prefix}organisation__country",
        "sector": f"{prefix}sectors__slug",
        "broker": f"{prefix}broker_id",
    }


def projects_promoted() -> list[Source]:
    sources = [Source(Profile.objects.filter(published_at__isnull=False), "id", _profile_dims())]
    if _installed("events"):
        from lintas.events.enums import ParticipantStatus
        from lintas.events.models import Participant

        shown = Participant.profiles.through.objects.filter(
            participant__status=ParticipantStatus.VALIDATED
        )
        dims = _profile_dims("profile__")
        dims["year"] = Year("participant__event__starts_on")
        dims["event"] = "participant__event_id"
        sources.append(Source(shown, "profile_id", dims))
    return sources


def enterprises_served() -> list[Source] | None:
    if not _installed("brokerage"):
        return None
    from lintas.brokerage.models import Agreement, Deal

    sources = []
    for side in ("requester_org", "owner_org"):
        sources.append(
            Source(
                Deal.objects.all(),
                f"{side}_id",
                {
                    "year": Year("created_at"),
                    "country": f"{side}__country",
                    "sector": "profile__sectors__slug",
                    "event": "event_id",
                    "broker": "broker_id",
                },
            )
        )
    sources.append(
        Source(
            Agreement.objects.all(),
            "parties__id",
            {
                "year": Year("signed_on"),
                "country": "parties__country",
                "sector": "profiles__sectors__slug",
                "event": "event_id",
                "broker": "deal__broker_id",
            },
        )
    )
    if _installed("events"):
        from lintas.events.domain.outcome import HELD
        from lintas.events.models import Meeting

        for side in ("sender", "receiver"):
            sources.append(
                Source(
                    Meeting.objects.filter(
                        HELD, **{f"request__{side}__organisation__isnull": False}
                    ),
                    f"request__{side}__organisation_id",
                    {
                        "year": Year("slot__starts_at"),
                        "country": f"request__{side}__organisation__country",
                        "sector": f"request__{side}__profiles__sectors__slug",
                        "event": "request__event_id",
                    },
                )
            )
    return sources


def matches() -> list[Source] | None:
    if not _installed("matching"):
        return None
    from lintas.matching.models import Match

    qs = Match.objects.filter(dismissed=False)
    return [
        Source(
            qs,
            "id",
            {
                "year": Year("created_at"),
                "country": f"{side}__organisation__country",
                "sector": f"{side}__sectors__slug",
                "broker": f"{side}__broker_id",
            },
        )
        for side in ("offer", "need")
    ]


def _deal_sources(qs, when: str) -> list[Source]:
    return [
        Source(
            qs,
            "id",
            {
                "year": Year(when),
                "country": f"{side}__country",
                "sector": "profile__sectors__slug",
                "event": "event_id",
                "broker": "broker_id",
            },
        )
        for side in ("requester_org", "owner_org")
    ]


def interests() -> list[Source] | None:
    if not _installed("brokerage"):
        return None
    from lintas.brokerage.models import Deal

    return _deal_sources(Deal.objects.all(), "created_at")


def introductions() -> list[Source] | None:
    if not _installed("brokerage"):
        return None
    from lintas.brokerage.models import Deal

    return _deal_sources(Deal.objects.filter(introduced_at__isnull=False), "introduced_at")


def meetings_held() -> list[Source] | None:
    if not _installed("events"):
        return None
    from lintas.events.domain.outcome import HELD
    from lintas.events.models import Meeting

    return [
        Source(
            Meeting.objects.filter(HELD),
            "id",
            {
                "year": Year("slot__starts_at"),
                "country": f"request__{side}__organisation__country",
                "sector": f"request__{side}__profiles__sectors__slug",
                "event": "request__event_id",
            },
        )
        for side in ("sender", "receiver")
    ]


def agreements() -> list[Source] | None:
    if not _installed("brokerage"):
        return None
    from lintas.brokerage.models import Agreement

    return [
        Source(
            Agreement.objects.all(),
            "id",
            {
                "year": Year("signed_on"),
                "country": "parties__country",
                "sector": "profiles__sectors__slug",
                "event": "event_id",
                "broker": "deal__broker_id",
            },
            value="value",
            currency="currency",
        )
    ]


# Order and keys of the dashboard; labels live in the views (translated there).
KPIS = {
    "promoted": projects_promoted,
    "enterprises": enterprises_served,
    "matches": matches,
    "interests": interests,
    "introductions": introductions,
    "meetings": meetings_held,
    "agreements": agreements,
}
# Figures shown on the public impact page (counts only: no values, no broker names).
PUBLIC_KPIS = ("promoted", "enterprises", "introductions", "meetings", "agreements")
