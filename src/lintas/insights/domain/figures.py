"""Every figure Lintas reports, defined once: what is counted, when, and what is left out.

The home page, the dashboard, the public impact page, the downloads, the open statistics and the
API all read their figures through this module (and the summary built from it), so one figure can
never mean two things. Each :class:`Figure` holds its label (which says what is counted), a
one-sentence definition shown on the pages and in docs/insights.md, and its *sources*: querysets
that each yield the counted object with its dimension values (see ``insights.domain.engine``).

Rules every definition follows:

- nothing dated in the future counts as done: an agreement signed "next month", a meeting whose
  slot has not ended, a profile whose publication date is ahead, an event not yet started;
- the year of an item is the year it *first* counted (a profile published in 2024 and shown at a
  2025 event is a 2024 project), so a year breakdown adds up to the total;
- ``several`` names the dimensions in which one item can count in several rows (a profile with
  two sectors, an agreement between parties of two countries); those breakdowns can add up to
  more than the total, and the pages say so;
- a source with no path for a dimension (meetings have no broker) is left out when filtering on
  it; a figure with no source left is "not applicable" for that filter, never a made-up 0.

Adding a figure (decline reasons, campaign or competition figures): write a sources function
below, add a :class:`Figure` to ``FIGURES`` (with its label and definition, translated), and a
sentence to docs/insights.md. The summary, the refresh, the pages, the downloads and the API pick
it up from ``FIGURES``; apps below insights call ``core.domain.refresh.schedule_refresh`` with the
figure's key when they change what it counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lintas.catalogue.models import Profile
from lintas.insights.domain.engine import DIMENSIONS, Source, Year


def _installed(app_label: str) -> bool:
    return apps.is_installed(f"lintas.{app_label}")


def _today() -> dt.date:
    return timezone.localdate(timezone.now(), dt.UTC)


def _profile_dims(prefix: str = "") -> dict:
    return {
        "year": Year(f"{prefix}published_at"),
        "country": f"{prefix}organisation__country",
        "sector": f"{prefix}sectors__slug",
        "broker": f"{prefix}broker_id",
    }


def projects_promoted() -> list[Source]:
    now = timezone.now()
    sources = [
        Source(
            Profile.objects.filter(published_at__isnull=False, published_at__lte=now),
            "id",
            _profile_dims(),
        )
    ]
    if _installed("events"):
        from lintas.events.enums import ParticipantStatus
        from lintas.events.models import Participant

        shown = Participant.profiles.through.objects.filter(
            participant__status=ParticipantStatus.VALIDATED,
            participant__event__starts_on__lte=_today(),
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

    now = timezone.now()
    sources = []
    for side in ("requester_org", "owner_org"):
        sources.append(
            Source(
                Deal.objects.filter(created_at__lte=now, **{f"{side}__isnull": False}),
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
            Agreement.objects.filter(signed_on__lte=_today(), parties__isnull=False),
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
        from lintas.events.domain.outcome import held
        from lintas.events.models import Meeting

        for side in ("sender", "receiver"):
            sources.append(
                Source(
                    Meeting.objects.filter(
                        held(now),
                        **{f"request__{side}__organisation__isnull": False},
                    ),
                    f"request__{side}__organisation_id",
                    {
                        "year": Year("slot__ends_at"),
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

    qs = Match.objects.filter(dismissed=False, created_at__lte=timezone.now())
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

    return _deal_sources(Deal.objects.filter(created_at__lte=timezone.now()), "created_at")


def introductions() -> list[Source] | None:
    if not _installed("brokerage"):
        return None
    from lintas.brokerage.models import Deal

    qs = Deal.objects.filter(introduced_at__isnull=False, introduced_at__lte=timezone.now())
    return _deal_sources(qs, "introduced_at")


def meetings_held() -> list[Source] | None:
    if not _installed("events"):
        return None
    from lintas.events.domain.outcome import held
    from lintas.events.models import Meeting

    return [
        Source(
            Meeting.objects.filter(held()),
            "id",
            {
                "year": Year("slot__ends_at"),
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
            Agreement.objects.filter(signed_on__lte=_today()),
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


def declines(code: str | None = None) -> list[Source] | None:
    """Every decline of a match or an interest (``brokerage.DeclineReason``: a declined deal or
    a dismissed match keeps one, "no reason given" when the person chose none), counted where
    the declined profile sits; ``code`` keeps one reason only."""
    if not _installed("brokerage"):
        return None
    from lintas.brokerage.models import DeclineReason

    qs = DeclineReason.objects.filter(created_at__lte=timezone.now())
    if code is not None:
        qs = qs.filter(code=code)
    return [
        Source(
            qs,
            "id",
            {
                "year": Year("created_at"),
                "country": "profile__organisation__country",
                "sector": "profile__sectors__slug",
                "event": "deal__event_id",
                "broker": "profile__broker_id",
                # Groupings only the dashboard's reason tables use (not summary columns).
                "reason": "code",
                "reason_sector": Concat(
                    "code", Value("|"), "profile__sectors__slug", output_field=CharField()
                ),
                "profile": "profile_id",
                "reason_profile": Concat(
                    "code", Value("|"), Cast("profile_id", CharField()), output_field=CharField()
                ),
            },
        )
    ]


def experts_consulted() -> list[Source] | None:
    """Talents who accepted a consultation, once each, in the year they first accepted one."""
    if not _installed("talents"):
        return None
    from lintas.talents.enums import ConsultationStatus
    from lintas.talents.models import Consultation

    qs = Consultation.objects.filter(
        status=ConsultationStatus.ACCEPTED, answered_at__lte=timezone.now()
    )
    return [
        Source(
            qs,
            "talent_id",
            {
                "year": Year("answered_at"),
                "country": "talent__country",
                "sector": "talent__sectors__slug",
            },
        )
    ]


def campaign_interests() -> list[Source] | None:
    """Interests started from a campaign's page (lintas.campaigns.domain.attribution); the
    country is the campaign's target country whose page it came from."""
    if not _installed("campaigns"):
        return None
    from lintas.campaigns.models import CampaignInterest

    return [
        Source(
            CampaignInterest.objects.filter(created_at__lte=timezone.now()),
            "deal_id",
            {
                "year": Year("created_at"),
                "country": "country",
                "sector": "deal__profile__sectors__slug",
                "broker": "deal__broker_id",
            },
        )
    ]


def competition_entries() -> list[Source] | None:
    """Projects entered in a competition (lintas.competitions), in the year they were entered;
    the country is the entry's country of registration, the sector its field's."""
    if not _installed("competitions"):
        return None
    from lintas.competitions.enums import EntryStatus
    from lintas.competitions.models import Entry

    qs = Entry.objects.filter(created_at__lte=timezone.now()).exclude(status=EntryStatus.WITHDRAWN)
    return [
        Source(
            qs,
            "id",
            {"year": Year("created_at"), "country": "country", "sector": "field__sector__slug"},
        )
    ]


@dataclass(frozen=True)
class Figure:
    """One reported figure. ``label`` names what is counted (a card says "Agreements signed",
    never a bare "Agreements"); ``definition`` is the sentence the pages show on hover or tap;
    ``several`` lists the dimensions where one item can count in several rows; ``public`` puts
    it on the impact page and in the open statistics."""

    key: str
    label: Promise
    definition: Promise
    sources: object  # () -> list[Source] | None (None: the app behind it is not installed)
    several: frozenset = field(default_factory=frozenset)
    public: bool = True
    money: bool = False

    def dimensions(self) -> set[str]:
        """Dimensions at least one source has (the others are not applicable)."""
        found = self.source_dims()
        return {d for dims in found or () for d in dims if d in DIMENSIONS}

    def source_dims(self) -> tuple[frozenset, ...] | None:
        """Each source's dimensions, or None if the app behind the figure is not installed:
        what the pages need to tell "unavailable" and "not applicable" apart, without building
        the sources' querysets on every page (they only change with the installed apps)."""
        key = (self.key, tuple(a.name for a in apps.get_app_configs()))
        if key not in _SOURCE_DIMS:
            found = self.sources()
            _SOURCE_DIMS[key] = None if found is None else tuple(frozenset(s.dims) for s in found)
        return _SOURCE_DIMS[key]


_SOURCE_DIMS: dict = {}


FIGURES: dict[str, Figure] = {
    f.key: f
    for f in (
        Figure(
            "promoted",
            _("Projects promoted"),
            _(
                "Offers and needs published on Lintas, plus profiles a validated participant "
                "showed at an event that has started; each profile counts once, in the year it "
                "was first promoted."
            ),
            projects_promoted,
            several=frozenset({"sector", "event"}),
        ),
        Figure(
            "enterprises",
            _("Enterprises served"),
            _(
                "Distinct organisations that asked for or were asked for an introduction, took "
                "part in a meeting held, or signed an agreement; each counts once, in the year "
                "it was first served."
            ),
            enterprises_served,
            several=frozenset({"sector", "event", "broker"}),
        ),
        Figure(
            "matches",
            _("Matches suggested"),
            _(
                "Offer–need pairs suggested by the matching engine or a broker and not "
                "dismissed; matches are not linked to events."
            ),
            matches,
            several=frozenset({"country", "sector", "broker"}),
            public=False,
        ),
        Figure(
            "interests",
            _("Interests expressed"),
            _("Deals opened: each time someone asked to be introduced to a profile's owner."),
            interests,
            several=frozenset({"country", "sector"}),
            public=False,
        ),
        Figure(
            "introductions",
            _("Introductions made"),
            _(
                "Deals in which both sides agreed to be introduced and received each other's "
                "contacts, counted in the year of the introduction."
            ),
            introductions,
            several=frozenset({"country", "sector"}),
        ),
        Figure(
            "meetings",
            _("Meetings held"),
            _(
                "Event meetings whose time slot has ended and that were not marked as a "
                "no-show; meetings still to come never count."
            ),
            meetings_held,
            several=frozenset({"country", "sector"}),
        ),
        Figure(
            "agreements",
            _("Agreements signed"),
            _(
                "Agreements whose signing date has come (agreements dated in the future are "
                "left out); their value is added up per currency, without conversion."
            ),
            agreements,
            several=frozenset({"country", "sector"}),
            money=True,
        ),
        Figure(
            "consulted",
            _("Experts consulted"),
            _(
                "Talents of the directory who accepted at least one consultation; each counts "
                "once, in the year of the first consultation they accepted."
            ),
            experts_consulted,
            several=frozenset({"sector"}),
        ),
        Figure(
            "declines",
            _("Declines recorded"),
            _(
                "Matches dismissed and interests declined, each with the reason given or as "
                "“no reason given”, counted where the declined offer or need sits."
            ),
            declines,
            several=frozenset({"sector"}),
            public=False,
        ),
        Figure(
            "campaign_interests",
            _("Interests from campaigns"),
            _(
                "Interests sent from a campaign's public page for a target country, counted in "
                "the year they were sent; the country is the campaign country of that page."
            ),
            campaign_interests,
            several=frozenset({"sector"}),
            public=False,
        ),
        Figure(
            "competition_entries",
            _("Competition entries"),
            _(
                "Projects entered in a competition, counted in the year they were entered; the "
                "country is where the entrant is registered, the sector the field entered."
            ),
            competition_entries,
            public=False,
        ),
    )
}
# The dashboard's order; the public impact page and open statistics show only public figures.
KPIS = {key: f.sources for key, f in FIGURES.items()}
PUBLIC_KPIS = tuple(key for key, f in FIGURES.items() if f.public)
LABELS = {key: f.label for key, f in FIGURES.items()}
DEFINITIONS = {key: f.definition for key, f in FIGURES.items()}
