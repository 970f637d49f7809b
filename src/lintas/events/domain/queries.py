"""Reusable queries: participant lists, recommended partners, agendas and the table plan."""

from __future__ import annotations

from collections import defaultdict

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q

from lintas.catalogue.models import Profile
from lintas.events.enums import ParticipantStatus
from lintas.events.models import Event, Meeting, Participant, Slot


def participant_of(user, event) -> Participant | None:
    """The user's registration for ``event``, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Participant.objects.filter(event=event, user=user).first()


def participants(event: Event, *, validated_only: bool = True):
    qs = Participant.objects.filter(event=event).select_related("user", "organisation")
    if validated_only:
        qs = qs.filter(status=ParticipantStatus.VALIDATED)
    return qs.prefetch_related(
        Prefetch(
            "profiles",
            queryset=Profile.objects.only("id", "ref", "title", "kind", "organisation_id")
            .prefetch_related("sectors")
            .order_by("ref"),
        )
    ).order_by("organisation__name", "id")


def _match_scores(mine: list[Profile], others: list[Participant]) -> dict[int, float]:
    """Best Match score between my profiles and each other participant's (engine rows)."""
    try:
        from lintas.matching.models import Match
    except ImportError:  # pragma: no cover - matching app absent
        return {}
    my_ids = {p.id for p in mine}
    owner = {}
    for other in others:
        for p in other.profiles.all():
            owner.setdefault(p.id, []).append(other.pk)
    if not my_ids or not owner:
        return {}
    rows = Match.objects.filter(
        Q(offer_id__in=my_ids, need_id__in=owner) | Q(need_id__in=my_ids, offer_id__in=owner),
        dismissed=False,
    ).values_list("offer_id", "need_id", "score")
    best: dict[int, float] = {}
    for offer_id, need_id, score in rows:
        theirs = need_id if offer_id in my_ids else offer_id
        for pk in owner.get(theirs, []):
            best[pk] = max(best.get(pk, 0.0), float(score))
    return best


def recommended(me: Participant | None, others: list[Participant]) -> list[tuple]:
    """Other participants ranked for ``me``: engine Match scores first where they exist, then
    shared sectors plus a bonus when one side's offer meets the other's need.
    Returns [(participant, score, basis)] best first; basis is "match" or "sectors"."""
    if me is None:
        return [(p, 0.0, "") for p in others]
    mine = list(me.profiles.all())
    my_sectors = {s.pk for p in mine for s in p.sectors.all()}
    my_kinds = {p.kind for p in mine}
    scores = _match_scores(mine, others)
    out = []
    for other in others:
        if other.pk == me.pk:
            continue
        if other.pk in scores:
            out.append((other, 1.0 + scores[other.pk], "match"))
            continue
        theirs = list(other.profiles.all())
        shared = len(my_sectors & {s.pk for p in theirs for s in p.sectors.all()})
        kinds = {p.kind for p in theirs}
        complement = ("offer" in my_kinds and "need" in kinds) or (
            "need" in my_kinds and "offer" in kinds
        )
        value = (shared + (1 if complement else 0)) / 10.0
        out.append((other, min(value, 0.99), "sectors" if value else ""))
    out.sort(key=lambda t: (-t[1], str(t[0].organisation.name if t[0].organisation else "")))
    return out


def meetings_of(event: Event):
    return (
        Meeting.objects.filter(request__event=event)
        .select_related(
            "slot__session",
            "request__event",
            "request__sender__user",
            "request__sender__organisation",
            "request__receiver__user",
            "request__receiver__organisation",
        )
        .order_by("slot__starts_at", "table")
    )


def agenda(participant: Participant):
    """The participant's meetings in time order."""
    return meetings_of(participant.event).filter(
        Q(request__sender=participant) | Q(request__receiver=participant)
    )


def table_plan(event: Event):
    """(tables, rows) with rows = [(slot, [meeting or None per table])] — the slot × table grid."""
    slots = list(Slot.objects.filter(session__event=event).select_related("session"))
    grid: dict[int, dict[int, Meeting]] = defaultdict(dict)
    for m in meetings_of(event):
        grid[m.slot_id][m.table] = m
    tables = max([s.session.tables for s in slots] + [t for g in grid.values() for t in g] + [0])
    rows = [(s, [grid[s.pk].get(t) for t in range(1, tables + 1)]) for s in slots]
    return list(range(1, tables + 1)), rows


def directory(*, user, event) -> tuple[Participant | None, list[tuple]]:
    """The participant list as ``user`` may see it, for the page and the API alike: their own
    registration and the event's validated participants, ranked for them
    (:func:`recommended`). Organisers and validated participants only
    (``events.view_participants``); anyone else is refused."""
    if not rules.has_perm("events.view_participants", user, event):
        raise PermissionDenied
    mine = (
        Participant.objects.filter(event=event, user=user)
        .prefetch_related("profiles__sectors")
        .first()
    )
    return mine, recommended(mine, list(participants(event)))


def _search(qs, q: str, prefix: str = ""):
    """Participants whose name, username, organisation or profile titles contain ``q``."""
    q = (q or "").strip()
    if not q:
        return qs
    cond = Q()
    for word in q.split()[:5]:
        cond &= (
            Q(**{f"{prefix}user__first_name__icontains": word})
            | Q(**{f"{prefix}user__last_name__icontains": word})
            | Q(**{f"{prefix}user__username__icontains": word})
            | Q(**{f"{prefix}organisation__name__icontains": word})
            | Q(**{f"{prefix}profiles__title__icontains": word})
            | Q(**{f"{prefix}note__icontains": word})
        )
    ids = qs.filter(cond).values("pk")
    return qs.filter(pk__in=ids)


def registrations(event: Event, *, q: str = "", status: str = ""):
    """The organisers' participant list: everyone registered (refused ones too, under their
    status), searched by name, organisation or profile title, filtered by status."""
    qs = participants(event, validated_only=False)
    if status in ParticipantStatus.values:
        qs = qs.filter(status=status)
    return _search(qs, q)


def status_counts(event: Event) -> dict[str, int]:
    rows = (
        Participant.objects.filter(event=event)
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    counts = {s: 0 for s in ParticipantStatus.values}
    counts.update(dict(rows))
    return counts


def search_participants(event: Event, q: str, *, limit: int = 20) -> list[Participant]:
    """Validated participants matching ``q`` (name, organisation, profile title), for organisers
    adding meeting requests by name instead of by id."""
    if not (q or "").strip():
        return []
    return list(_search(participants(event), q)[:limit])


def checkin_counts(event: Event) -> dict[str, int]:
    """The check-in page's live counters: validated participants checked in / expected."""
    return Participant.objects.filter(event=event, status=ParticipantStatus.VALIDATED).aggregate(
        checked_in=Count("id", filter=Q(checked_in_at__isnull=False)), expected=Count("id")
    )


def all_agendas(event: Event, participant_ids=None) -> list[tuple[Participant, list]]:
    """Every validated participant's agenda (or only ``participant_ids``), for printing one
    agenda per page: [(participant, [(meeting, other side)])], in two queries."""
    people = list(participants(event))
    if participant_ids is not None:
        wanted = {int(i) for i in participant_ids}
        people = [p for p in people if p.pk in wanted]
    by_person: dict[int, list] = defaultdict(list)
    for m in meetings_of(event):
        by_person[m.request.sender_id].append((m, m.request.receiver))
        by_person[m.request.receiver_id].append((m, m.request.sender))
    return [(p, by_person.get(p.pk, [])) for p in people]
