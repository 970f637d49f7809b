"""The broker's inbox: what is waiting for a broker, counted and listed, each item one click
from its action.

Every section is one queryset (so the page and the API count the same thing), narrowed by the
same filters: the owner's or a party's country, a sector, the profile's language, and the scope
"mine" (profiles and deals the broker is responsible for), "my countries" (those of the
broker's own organisation and the profiles they are responsible for) or "all".
A section's count is one query and its list one more, whatever the number of items.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lintas.brokerage.enums import Consent, Stage
from lintas.brokerage.models import Deal, DealStageChange, Message, ReadMark
from lintas.brokerage.signals import inbox_sections
from lintas.catalogue.enums import ProfileStatus
from lintas.catalogue.models import Profile, Revision
from lintas.matching.models import Match
from lintas.matching.retrieval import MATCH_BANDS

SCOPES = ("mine", "countries", "all")
LIST_SIZE = 10
# A strong match is "new" for this many days after the engine found it.
NEW_MATCH_DAYS = 30
# A deal at the meeting stage with nothing written for this many days needs a note.
MEETING_NOTE_DAYS = 3


@dataclass(frozen=True)
class Filters:
    scope: str = "all"
    country: str = ""
    sector: str = ""  # slug
    language: str = ""
    user: object = None

    def countries(self) -> set[str]:
        """The broker's countries: their organisation's, and those of the profiles they are
        responsible for."""
        user = self.user
        found = set(
            Profile.objects.filter(broker=user)
            .order_by()
            .values_list("organisation__country", flat=True)
            .distinct()
        )
        if user.organisation_id:
            found.add(str(user.organisation.country))
        return {c for c in found if c}


@dataclass
class Section:
    """One list of the inbox. Sections of other apps (``brokerage.signals.inbox_sections``)
    name the ``template`` that shows one of their items."""

    key: str
    title: str
    action: str = ""
    count: int = 0
    items: list = field(default_factory=list)
    template: str = ""


def _profile_filters(qs, f: Filters, prefix: str = ""):
    """Narrow a queryset by a profile reached through ``prefix`` (e.g. ``"profile__"``)."""
    if f.country:
        qs = qs.filter(**{f"{prefix}organisation__country": f.country})
    if f.sector:
        qs = qs.filter(**{f"{prefix}sectors__slug": f.sector})
    if f.language:
        qs = qs.filter(**{f"{prefix}content_language": f.language})
    if f.scope == "mine":
        qs = qs.filter(**{f"{prefix}broker": f.user})
    elif f.scope == "countries":
        qs = qs.filter(**{f"{prefix}organisation__country__in": f.countries()})
    return qs


def _deal_filters(qs, f: Filters):
    """A deal is in a country when either party is; mine when the broker follows it."""
    if f.country:
        qs = qs.filter(Q(requester_org__country=f.country) | Q(owner_org__country=f.country))
    if f.sector:
        qs = qs.filter(profile__sectors__slug=f.sector)
    if f.language:
        qs = qs.filter(profile__content_language=f.language)
    if f.scope == "mine":
        qs = qs.filter(broker=f.user)
    elif f.scope == "countries":
        mine = f.countries()
        qs = qs.filter(Q(requester_org__country__in=mine) | Q(owner_org__country__in=mine))
    return qs


def _deals():
    return Deal.objects.select_related(
        "profile", "profile__organisation", "requester_org", "owner_org", "broker"
    )


def profiles_to_validate(f: Filters):
    qs = Profile.objects.filter(status=ProfileStatus.SUBMITTED)
    return _profile_filters(qs, f).select_related("organisation").order_by("submitted_at", "id")


def revisions_to_review(f: Filters):
    from lintas.catalogue.enums import RevisionStatus

    qs = Revision.objects.filter(status=RevisionStatus.PENDING)
    return (
        _profile_filters(qs, f, "profile__")
        .select_related("profile__organisation", "author")
        .order_by("created_at", "id")
    )


def interests_to_approve(f: Filters):
    qs = _deals().filter(broker_consent=Consent.PENDING, stage__in=(Stage.INTEREST, Stage.STALLED))
    return _deal_filters(qs, f).order_by("created_at", "id")


def introductions_waiting(f: Filters):
    """Interests a side has not answered yet: the owner, or (after a broker's introduction) the
    interested organisation; the broker may nudge them."""
    qs = _deals().filter(
        Q(owner_consent=Consent.PENDING) | Q(requester_consent=Consent.PENDING),
        introduced_at__isnull=True,
        stage__in=(Stage.INTEREST, Stage.STALLED),
    )
    return _deal_filters(qs, f).order_by("created_at", "id")


def stalled_deals(f: Filters):
    """Stalled deals, longest idle first, with the stage they stalled at (``stalled_from``)."""
    latest = DealStageChange.objects.filter(deal=OuterRef("pk"), to_stage=Stage.STALLED)
    qs = (
        _deals()
        .filter(stage=Stage.STALLED)
        .annotate(stalled_from=Subquery(latest.order_by("-at", "-id").values("from_stage")[:1]))
    )
    return _deal_filters(qs, f).order_by("last_activity_at", "id")


def stage_label(value: str) -> str:
    return str(Stage(value).label) if value in Stage.values else ""


def meetings_without_note(f: Filters, *, now=None):
    """Deals that reached the meeting stage some days ago with nothing written since."""
    now = now or timezone.now()
    met = DealStageChange.objects.filter(deal=OuterRef("pk"), to_stage=Stage.MEETING).order_by(
        "-at", "-id"
    )
    qs = (
        _deals()
        .filter(stage=Stage.MEETING)
        .annotate(met_at=Subquery(met.values("at")[:1]))
        .filter(met_at__lt=now - dt.timedelta(days=MEETING_NOTE_DAYS))
        .annotate(
            written=Exists(
                Message.objects.filter(deal=OuterRef("pk"), created_at__gt=OuterRef("met_at"))
            )
        )
        .filter(written=False)
    )
    return _deal_filters(qs, f).order_by("met_at", "id")


def strong_matches(f: Filters, *, now=None):
    """Strong engine matches of the last weeks that nobody pinned, dismissed or turned into a
    deal."""
    now = now or timezone.now()
    strong = dict(MATCH_BANDS)["strong"]
    deal_between = Deal.objects.filter(
        Q(profile=OuterRef("offer"), counterpart_profile=OuterRef("need"))
        | Q(profile=OuterRef("need"), counterpart_profile=OuterRef("offer"))
    )
    qs = Match.objects.filter(
        score__gte=strong,
        pinned=False,
        dismissed=False,
        decided_by__isnull=True,
        created_at__gte=now - dt.timedelta(days=NEW_MATCH_DAYS),
        offer__status=ProfileStatus.PUBLISHED,
        need__status=ProfileStatus.PUBLISHED,
    ).exclude(Exists(deal_between))
    if f.country:
        qs = qs.filter(
            Q(offer__organisation__country=f.country) | Q(need__organisation__country=f.country)
        )
    if f.sector:
        qs = qs.filter(Q(offer__sectors__slug=f.sector) | Q(need__sectors__slug=f.sector))
    if f.language:
        qs = qs.filter(Q(offer__content_language=f.language) | Q(need__content_language=f.language))
    if f.scope == "mine":
        qs = qs.filter(Q(offer__broker=f.user) | Q(need__broker=f.user))
    elif f.scope == "countries":
        mine = f.countries()
        qs = qs.filter(
            Q(offer__organisation__country__in=mine) | Q(need__organisation__country__in=mine)
        )
    return (
        qs.select_related("offer__organisation", "need__organisation")
        .distinct()
        .order_by("-score", "id")
    )


def unread_messages(f: Filters):
    """Deals the broker follows with messages from others they have not read (a deal never
    opened counts once it has any message from someone else)."""
    user = f.user
    seen = ReadMark.objects.filter(deal=OuterRef("pk"), user=user).values("read_at")[:1]
    others = Message.objects.filter(deal=OuterRef("pk")).exclude(author=user)
    qs = (
        _deals()
        .filter(broker=user)
        .annotate(seen_at=Subquery(seen))
        .filter(
            Q(Exists(others.filter(created_at__gt=OuterRef("seen_at"))))
            | Q(Q(seen_at__isnull=True) & Q(Exists(others)))
        )
    )
    return _deal_filters(qs, f).order_by("-last_activity_at", "id")


SECTIONS = (
    ("validate", _("Profiles to validate"), profiles_to_validate),
    ("revisions", _("Changes to review"), revisions_to_review),
    ("approve", _("Interests awaiting your approval"), interests_to_approve),
    ("consent", _("Introductions waiting for consent"), introductions_waiting),
    ("stalled", _("Stalled deals"), stalled_deals),
    ("meetings", _("Meetings with no note since"), meetings_without_note),
    ("matches", _("Strong new matches nobody acted on"), strong_matches),
    ("messages", _("Unread messages in your deals"), unread_messages),
)


def build(*, user, scope="all", country="", sector="", language="", lists=True) -> list[Section]:
    """Every section with its count (and its first items when ``lists``): the brokerage's
    own, then those other apps answer through ``brokerage.signals.inbox_sections``."""
    f = Filters(
        scope=scope if scope in SCOPES else "all",
        country=country,
        sector=sector,
        language=language,
        user=user,
    )
    out = []
    for key, title, query in SECTIONS:
        qs = query(f)
        section = Section(key=key, title=str(title), action="", count=qs.count())
        if lists and section.count:
            section.items = list(qs[:LIST_SIZE])
            for item in section.items:
                if hasattr(item, "stalled_from"):
                    item.stalled_from_label = stage_label(item.stalled_from or "")
        out.append(section)
    for _receiver, answer in inbox_sections.send(sender=None, filters=f, lists=lists):
        out.extend(answer or [])
    return out
