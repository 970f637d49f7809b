"""The final's pitch schedule: a simple, documented scheduler and its agenda and ICS exports.

Finalists are grouped by group (enterprise, team) and ordered by field and entry number. With
as many rooms as groups, each group pitches in its own room (its judges stay in one room);
with fewer rooms, groups follow each other in the rooms in turn. In each room, every finalist
has ``pitch`` minutes of pitch then ``questions`` minutes of questions, back to back, with a
break of ``break_minutes`` after every ``block`` pitches. The ICS export has one event per
pitch, with a UID stable across rebuilds so calendar apps move events instead of duplicating
them (as the events app's agendas do).

A finalist who withdraws after the schedule was built leaves a free slot (:func:`free_slots`):
the other finalists keep the times they were told, the agenda, its API and ICS show the slot as
free without naming the team, the officers' stage page names it, and building the schedule
again closes the gap.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.competitions.domain import queries
from lintas.competitions.enums import SlotKind
from lintas.competitions.models import PitchSlot
from lintas.core import calendar
from lintas.core.domain import audit
from lintas.core.enums import AuditAction

PITCH_MINUTES = 7
QUESTION_MINUTES = 5


@transaction.atomic
def build_schedule(
    *,
    user,
    stage,
    starts_at: dt.datetime,
    rooms: list[str],
    pitch: int = PITCH_MINUTES,
    questions: int = QUESTION_MINUTES,
    block: int = 4,
    break_minutes: int = 15,
) -> list[PitchSlot]:
    """Replace the final's schedule with one built from its finalists (see the module doc)."""
    if not rules.has_perm("competitions.manage_competitions", user):
        raise PermissionDenied(_("Only programme officers schedule the final."))
    if not stage.is_final:
        raise ValidationError(_("Pitch schedules are for the final."))
    rooms = [r.strip()[:80] for r in rooms if r and r.strip()]
    if not rooms:
        raise ValidationError(_("Name at least one room."))
    if pitch < 1 or questions < 0 or block < 1 or break_minutes < 0:
        raise ValidationError(_("Durations must be positive."))
    if timezone.is_naive(starts_at):
        starts_at = timezone.make_aware(starts_at)
    finalists = sorted(
        queries.in_stage(stage), key=lambda e: (e.group.kind, e.field.position, e.number)
    )
    if not finalists:
        raise ValidationError(_("The final has no finalists yet."))
    groups = [list(g) for _k, g in groupby(finalists, key=lambda e: e.group.kind)]
    # Each room gets whole groups, round robin; a room's groups follow each other.
    queues = {room: [] for room in rooms}
    for i, members in enumerate(groups):
        queues[rooms[i % len(rooms)]].extend(members)
    slots = []
    for room, queue in queues.items():
        clock = starts_at
        for n, entry in enumerate(queue, start=1):
            pitch_end = clock + dt.timedelta(minutes=pitch)
            end = pitch_end + dt.timedelta(minutes=questions)
            slots.append(
                PitchSlot(
                    stage=stage, entry=entry, room=room, starts_at=clock,
                    pitch_ends_at=pitch_end, ends_at=end,
                )
            )  # fmt: skip
            clock = end
            if n % block == 0 and n < len(queue) and break_minutes:
                end = clock + dt.timedelta(minutes=break_minutes)
                slots.append(
                    PitchSlot(
                        stage=stage, kind=SlotKind.BREAK, room=room, starts_at=clock,
                        pitch_ends_at=clock, ends_at=end,
                    )
                )  # fmt: skip
                clock = end
    PitchSlot.objects.filter(stage=stage).delete()
    PitchSlot.objects.bulk_create(slots)
    audit.record(
        actor=user,
        target=stage,
        action=AuditAction.UPDATE,
        summary=f"pitch schedule built: {len(finalists)} pitches in {len(rooms)} room(s)",
    )
    return schedule(stage)


def free_slots(*, entry) -> int:
    """Mark the pitch slots of a withdrawn ``entry`` as free (kind ``withdrawn``); called by
    ``entries.withdraw_entry``. The slot keeps its time and room rather than moving everyone
    after it: those times may already be in the finalists' and judges' calendars, and the
    organisers decide whether to build the schedule again. Returns how many were freed."""
    return PitchSlot.objects.filter(entry=entry, kind=SlotKind.PITCH).update(
        kind=SlotKind.WITHDRAWN
    )


def schedule(stage):
    return list(
        PitchSlot.objects.filter(stage=stage)
        .select_related("entry__group", "entry__field__sector")
        .order_by("starts_at", "room")
    )


def now_pitching(stage, now=None):
    """The slot being pitched now in each room (for the judges' live scoring page)."""
    now = now or timezone.now()
    return [
        s for s in schedule(stage)
        if s.starts_at <= now < s.ends_at and s.kind == SlotKind.PITCH
    ]  # fmt: skip


def ics(stage) -> bytes:
    """The final's schedule as an iCalendar file: one event per pitch and per break, times in
    UTC (``core.calendar``). A UID is the stage, the room and the start in UTC: a withdrawn
    finalist's slot keeps it, so calendars show the slot as free instead of adding one."""
    competition = stage.competition
    host = calendar.site_host()
    items = []
    for slot in schedule(stage):
        if slot.kind == SlotKind.PITCH:
            summary = f"{slot.entry.project_name} ({slot.entry.group}, {slot.entry.field})"
            minutes = round((slot.pitch_ends_at - slot.starts_at).seconds / 60)
            description = _("%(pitch)d min pitch, then questions") % {"pitch": minutes}
        else:  # a break, or a withdrawn finalist's slot
            summary, description = str(slot.get_kind_display()), ""
        start = slot.starts_at.astimezone(dt.UTC)
        items.append(
            {
                "uid": f"pitch-{stage.pk}-{slot.room}-{start:%Y%m%d%H%M}@{host}",
                "starts_at": slot.starts_at,
                "ends_at": slot.ends_at,
                "summary": summary,
                "location": slot.room,
                "description": description,
            }
        )
    return calendar.ics(
        name=f"{competition.name}: {stage.name}",
        prodid="-//Lintas//competitions//EN",
        items=items,
    )
