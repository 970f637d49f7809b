"""Bridge between the event's rows and the pure scheduler (:mod:`lintas.events.scheduling`).

Slots of every session form one sequence 0..n-1. The pure scheduler knows one table count, so
slots of sessions with fewer tables than the largest are padded with zero-priority fixed
meetings between placeholder participants; they take the missing tables and are dropped again.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.core.domain import audit
from lintas.core.domain.refresh import schedule_refresh
from lintas.events import scheduling as pure
from lintas.events.enums import ParticipantStatus, RequestStatus
from lintas.events.models import Event, Meeting, MeetingRequest, SchedulerRun, Slot
from lintas.events.rules import require_organiser

PAD = "~pad"


def _pid(participant) -> str:
    # Readable and unique: the pure scheduler's reasons name participants by this id.
    return f"{participant} #{participant.pk}"


def build_instance(event: Event, now=None):
    """(instance, slots, requests by id, previous) for the event's accepted requests."""
    now = now or timezone.now()
    slots = list(Slot.objects.filter(session__event=event).select_related("session"))
    if not slots:
        raise ValidationError(_("Add a session before running the scheduler."))
    if event.is_cancelled:
        raise ValidationError(_("This event was cancelled."))
    index = {s.pk: i for i, s in enumerate(slots)}
    requests = list(
        MeetingRequest.objects.filter(
            event=event,
            status=RequestStatus.ACCEPTED,
            sender__status=ParticipantStatus.VALIDATED,
            receiver__status=ParticipantStatus.VALIDATED,
        )
        .select_related("sender__user", "sender__organisation")
        .select_related("receiver__user", "receiver__organisation")
        .order_by("pk")
    )
    people = {}
    for r in requests:
        people[r.sender_id] = r.sender
        people[r.receiver_id] = r.receiver
    from lintas.events.models import Participant

    # A slot that has ended takes no new meeting: nobody is free in it, except the two sides of
    # a meeting already held there, which stays where it is (fixed below).
    ended = {index[s.pk] for s in slots if s.ends_at <= now}
    avail: dict[int, set[int]] = {pk: set() for pk in people}
    for pid, sid in Participant.available_slots.through.objects.filter(
        participant_id__in=people
    ).values_list("participant_id", "slot_id"):
        if sid in index and index[sid] not in ended:
            avail[pid].add(index[sid])
    meetings = {
        m.request_id: m
        for m in Meeting.objects.filter(request__in=requests).select_related("request")
    }
    for m in meetings.values():
        if index[m.slot_id] in ended:
            r = m.request
            avail[r.sender_id].add(index[m.slot_id])
            avail[r.receiver_id].add(index[m.slot_id])
    participants = [pure.Participant(_pid(p), frozenset(avail[pk])) for pk, p in people.items()]
    pure_requests = [
        pure.Request(str(r.pk), _pid(r.sender), _pid(r.receiver), float(r.priority))
        for r in requests
    ]
    fixed = {
        str(rid): index[m.slot_id]
        for rid, m in meetings.items()
        if m.fixed or index[m.slot_id] in ended
    }
    previous = {str(rid): index[m.slot_id] for rid, m in meetings.items() if str(rid) not in fixed}
    tables = max(s.session.tables for s in slots)
    for i, slot in enumerate(slots):
        for k in range(tables - slot.session.tables):
            a, b = f"{PAD}-{i}-{k}-a", f"{PAD}-{i}-{k}-b"
            participants += [
                pure.Participant(a, frozenset({i})),
                pure.Participant(b, frozenset({i})),
            ]
            pure_requests.append(pure.Request(f"{PAD}-{i}-{k}", a, b, 0.0))
            fixed[f"{PAD}-{i}-{k}"] = i
    instance = pure.Instance(
        slots=len(slots),
        tables=tables,
        participants=tuple(participants),
        requests=tuple(pure_requests),
        fixed=fixed,
    )
    return instance, slots, {str(r.pk): r for r in requests}, previous, meetings


def _tables(result, slots, by_id, meetings) -> dict[str, tuple[int, int]]:
    """request id -> (slot index, table number from 1). Fixed and unmoved meetings keep their
    table where they can, so printed table plans change as little as possible."""
    placed: dict[int, list[str]] = {}
    for m in result.meetings:
        if not m.request.startswith(PAD):
            placed.setdefault(m.slot, []).append(m.request)
    out = {}
    for i, rids in placed.items():
        cap = slots[i].session.tables
        taken: set[int] = set()
        rest = []
        for rid in sorted(rids, key=lambda r: (not meetings.get(by_id[r].pk, None), r)):
            old = meetings.get(by_id[rid].pk)
            if (
                old is not None
                and old.slot_id == slots[i].pk
                and old.table not in taken
                and old.table <= cap
            ):
                taken.add(old.table)
                out[rid] = (i, old.table)
                continue
            rest.append(rid)
        free = (t for t in range(1, cap + len(rids) + 1) if t not in taken)
        for rid in rest:
            out[rid] = (i, next(free))
    return out


@transaction.atomic
def run_scheduler(*, user, event: Event, time_limit: float = 5.0) -> SchedulerRun:
    """Schedule every accepted request; keep fixed meetings, move as few existing ones as
    possible (``previous``), store Meeting rows and the reason for each request left out."""
    require_organiser(user, event)
    Event.objects.select_for_update().filter(pk=event.pk).first()
    instance, slots, by_id, previous, meetings = build_instance(event)
    errors = pure.validate(instance)
    if errors:
        raise ValidationError([e for e in errors if PAD not in e] or errors)
    result = pure.schedule(instance, time_limit=time_limit, previous=previous or None)
    wanted = _tables(result, slots, by_id, meetings)
    for rid, meeting in meetings.items():
        target = wanted.get(str(rid))
        if target is None or (slots[target[0]].pk, target[1]) != (meeting.slot_id, meeting.table):
            meeting.delete()
    kept = set(Meeting.objects.filter(request__event=event).values_list("request_id", flat=True))
    Meeting.objects.bulk_create(
        Meeting(request=by_id[rid], slot=slots[i], table=t)
        for rid, (i, t) in wanted.items()
        if by_id[rid].pk not in kept
    )
    # Placed again: the reason it had lost its meeting no longer applies.
    MeetingRequest.objects.filter(
        pk__in=[by_id[rid].pk for rid in wanted], unscheduled_reason__gt=""
    ).update(unscheduled_reason="")
    # Meetings whose request is no longer accepted (declined, cancelled) go away.
    Meeting.objects.filter(request__event=event).exclude(
        request__status=RequestStatus.ACCEPTED
    ).delete()
    unscheduled = [
        {"request": int(u.request), "reason": u.reason}
        for u in result.unscheduled
        if not u.request.startswith(PAD)
    ]
    run = SchedulerRun.objects.create(
        event=event,
        started_by=user,
        status=result.status,
        scheduled=len(wanted),
        moved=result.moved,
        objective=result.objective,
        bound=result.bound,
        seconds=result.seconds,
        unscheduled=unscheduled,
    )
    audit.record(
        actor=user,
        target=event,
        action="update",
        summary=f"scheduler: {len(wanted)} meetings, {len(unscheduled)} unscheduled",
    )
    schedule_refresh("meetings")
    return run


@transaction.atomic
def set_fixed(*, user, meeting: Meeting, fixed: bool) -> Meeting:
    """Organisers pin a meeting so later runs keep it in its slot."""
    require_organiser(user, meeting.request.event)
    meeting.fixed = fixed
    meeting.save(update_fields=["fixed"])
    return meeting


def unscheduled_requests(event: Event):
    """The latest run's unscheduled requests with their reasons, as (request, reason)."""
    run = SchedulerRun.objects.filter(event=event).order_by("-created_at", "-id").first()
    if run is None:
        return None, []
    ids = [u["request"] for u in run.unscheduled]
    rows = MeetingRequest.objects.filter(pk__in=ids).select_related(
        "sender__user", "sender__organisation", "receiver__user", "receiver__organisation"
    )
    by_pk = {r.pk: r for r in rows}
    return run, [
        (by_pk[u["request"]], u["reason"]) for u in run.unscheduled if u["request"] in by_pk
    ]
