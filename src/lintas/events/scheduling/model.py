"""Plain data for the matchmaking scheduler, and the checks that guard it.

Everything here is plain Python over plain data (no Django), so the same rules apply to the
JSON command line, to the Django side and to the benchmarks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Participant:
    """Someone who can sit at a table, free in the listed slots."""

    id: str
    available: frozenset[int]


@dataclass(frozen=True)
class Request:
    """An accepted meeting request between participants ``a`` and ``b``."""

    id: str
    a: str
    b: str
    priority: float = 1.0


@dataclass(frozen=True)
class Instance:
    """One matchmaking session: slots ``0..slots-1``, ``tables`` per slot (0 = unlimited)."""

    slots: int
    tables: int
    participants: tuple[Participant, ...]
    requests: tuple[Request, ...]
    fixed: dict[str, int] = field(default_factory=dict)  # request id -> slot


@dataclass(frozen=True)
class Meeting:
    request: str
    slot: int
    table: int


@dataclass(frozen=True)
class Unscheduled:
    request: str
    reason: str


@dataclass
class Result:
    """What :func:`schedule` returns.

    ``status`` is ``"optimal"`` when ``objective`` equals a proven upper bound (or CP-SAT proved
    it), else ``"feasible"``. ``moved`` counts meetings of ``previous`` that got another slot or
    were dropped; ``dropped`` counts only the latter.
    """

    meetings: list[Meeting]
    unscheduled: list[Unscheduled]
    objective: float
    bound: float | None
    seconds: float
    status: str = "feasible"
    moved: int = 0
    dropped: int = 0

    def to_json(self) -> dict:
        """The exact command-line output contract (other tools read it; keep the keys)."""
        return {
            "meetings": [
                {"request": m.request, "slot": m.slot, "table": m.table} for m in self.meetings
            ],
            "unscheduled": [{"request": u.request, "reason": u.reason} for u in self.unscheduled],
            "objective": self.objective,
            "bound": self.bound,
            "seconds": round(self.seconds, 3),
        }


class InvalidInstance(ValueError):
    """Bad input; ``errors`` lists every problem found, each naming the item."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)) and math.isfinite(value)


def parse_instance(data) -> Instance:
    """Build an :class:`Instance` from the JSON contract, or raise :class:`InvalidInstance`."""
    errors: list[str] = []
    if not isinstance(data, dict):
        raise InvalidInstance(["input must be a JSON object"])
    for key in ("slots", "participants", "requests"):
        if key not in data:
            errors.append(f"missing key '{key}'")
    if errors:
        raise InvalidInstance(errors)
    slots = data["slots"]
    if not _is_int(slots) or slots < 1:
        raise InvalidInstance([f"'slots' must be a positive integer, got {slots!r}"])
    tables = data.get("tables", 0)
    if tables is None:
        tables = 0
    if not _is_int(tables) or tables < 0:
        raise InvalidInstance([f"'tables' must be a non-negative integer, got {tables!r}"])

    participants: list[Participant] = []
    raw_participants = data["participants"]
    if not isinstance(raw_participants, list):
        raise InvalidInstance(["'participants' must be a list"])
    for i, item in enumerate(raw_participants):
        if not isinstance(item, dict):
            errors.append(f"participant #{i}: must be an object")
            continue
        missing = [k for k in ("id", "available") if k not in item]
        if missing:
            errors.append(f"participant #{i} ({item.get('id', '?')}): missing key '{missing[0]}'")
            continue
        pid, avail = item["id"], item["available"]
        if not isinstance(pid, str):
            errors.append(f"participant #{i}: 'id' must be a string, got {pid!r}")
            continue
        if not isinstance(avail, list) or not all(_is_int(s) for s in avail):
            errors.append(f"participant '{pid}': 'available' must be a list of integers")
            continue
        bad = [s for s in avail if not 0 <= s < slots]
        if bad:
            errors.append(f"participant '{pid}': slot {bad[0]} out of range 0..{slots - 1}")
            continue
        participants.append(Participant(pid, frozenset(avail)))

    requests: list[Request] = []
    raw_requests = data["requests"]
    if not isinstance(raw_requests, list):
        raise InvalidInstance([*errors, "'requests' must be a list"])
    for i, item in enumerate(raw_requests):
        if not isinstance(item, dict):
            errors.append(f"request #{i}: must be an object")
            continue
        missing = [k for k in ("id", "a", "b") if k not in item]
        if missing:
            errors.append(f"request #{i} ({item.get('id', '?')}): missing key '{missing[0]}'")
            continue
        rid, a, b = item["id"], item["a"], item["b"]
        if not all(isinstance(v, str) for v in (rid, a, b)):
            errors.append(f"request #{i} ({rid!r}): 'id', 'a' and 'b' must be strings")
            continue
        priority = item.get("priority", 1)
        if priority is None:
            priority = 1
        if not _is_number(priority):
            errors.append(f"request '{rid}': priority must be a number, got {priority!r}")
            continue
        if priority < 0:
            errors.append(f"request '{rid}': negative priority {priority}")
            continue
        requests.append(Request(rid, a, b, float(priority)))

    fixed: dict[str, int] = {}
    raw_fixed = data.get("fixed", [])
    if raw_fixed is None:
        raw_fixed = []
    if not isinstance(raw_fixed, list):
        errors.append("'fixed' must be a list")
        raw_fixed = []
    for i, item in enumerate(raw_fixed):
        if not isinstance(item, dict) or "request" not in item or "slot" not in item:
            errors.append(f"fixed #{i}: must be an object with 'request' and 'slot'")
            continue
        rid, slot = item["request"], item["slot"]
        if not isinstance(rid, str) or not _is_int(slot):
            errors.append(f"fixed #{i}: 'request' must be a string and 'slot' an integer")
            continue
        if rid in fixed:
            errors.append(f"fixed meeting for request '{rid}' given twice")
            continue
        fixed[rid] = slot
    if errors:
        raise InvalidInstance(errors)
    instance = Instance(slots, tables, tuple(participants), tuple(requests), fixed)
    errors = validate(instance)
    if errors:
        raise InvalidInstance(errors)
    return instance


def validate(instance: Instance) -> list[str]:
    """Every consistency error of ``instance`` (empty when it can be scheduled).

    Checks ids, participants, slot ranges, and that the fixed meetings can all be held together
    (availability, one meeting per person per slot, table count).
    """
    errors: list[str] = []
    slots = instance.slots
    people: dict[str, Participant] = {}
    for p in instance.participants:
        if p.id in people:
            errors.append(f"duplicate participant id '{p.id}'")
        people[p.id] = p
        bad = sorted(s for s in p.available if not 0 <= s < slots)
        if bad:
            errors.append(f"participant '{p.id}': slot {bad[0]} out of range 0..{slots - 1}")
    requests: dict[str, Request] = {}
    for r in instance.requests:
        if r.id in requests:
            errors.append(f"duplicate request id '{r.id}'")
        requests[r.id] = r
        for who in (r.a, r.b):
            if who not in people:
                errors.append(f"request '{r.id}': unknown participant '{who}'")
        if r.a == r.b:
            errors.append(f"request '{r.id}': participant '{r.a}' cannot meet themselves")
        if not (_is_number(r.priority) and r.priority >= 0):
            errors.append(f"request '{r.id}': negative priority {r.priority}")
    busy: dict[tuple[str, int], str] = {}
    per_slot: dict[int, list[str]] = {}
    for rid, slot in instance.fixed.items():
        r = requests.get(rid)
        if r is None:
            errors.append(f"fixed meeting: unknown request '{rid}'")
            continue
        if not 0 <= slot < slots:
            errors.append(f"fixed meeting '{rid}': slot {slot} out of range 0..{slots - 1}")
            continue
        for who in (r.a, r.b):
            p = people.get(who)
            if p is not None and slot not in p.available:
                errors.append(
                    f"fixed meeting '{rid}': participant '{who}' not available in slot {slot}"
                )
            other = busy.get((who, slot))
            if other is not None and other != rid:
                errors.append(
                    f"fixed meeting '{rid}' conflicts with fixed meeting '{other}': "
                    f"participant '{who}' in slot {slot}"
                )
            busy[(who, slot)] = rid
        per_slot.setdefault(slot, []).append(rid)
    if instance.tables:
        for slot, rids in sorted(per_slot.items()):
            if len(rids) > instance.tables:
                errors.append(
                    f"fixed meetings in slot {slot} ({', '.join(sorted(rids))}) "
                    f"need {len(rids)} tables but only {instance.tables} exist"
                )
    return errors


def instance_to_json(instance: Instance) -> dict:
    """The inverse of :func:`parse_instance` (handy for the benchmarks and tests)."""
    return {
        "slots": instance.slots,
        "tables": instance.tables,
        "participants": [
            {"id": p.id, "available": sorted(p.available)} for p in instance.participants
        ],
        "requests": [
            {"id": r.id, "a": r.a, "b": r.b, "priority": r.priority} for r in instance.requests
        ],
        "fixed": [{"request": rid, "slot": s} for rid, s in instance.fixed.items()],
    }
