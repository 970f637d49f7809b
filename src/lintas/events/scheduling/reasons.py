"""Human reasons for requests left out of a schedule."""

from __future__ import annotations

from .heuristic import State


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def explain(state: State, r: int, names: list[str], degree: list[int], avail: list[int]) -> str:
    """Why request ``r`` is not in the final schedule ``state``, in words a broker can use."""
    p = state.p
    a, b = p.a[r], p.b[r]
    if not p.common[r]:
        return f"no common available slot for {names[a]} and {names[b]}"
    for person in (a, b):
        if degree[person] > avail[person]:
            full = all(state.occ[person][s] >= 0 for s in range(p.slots) if s in set(p.common[r]))
            if full:
                return (
                    f"participant {names[person]} has {degree[person]} accepted requests "
                    f"but only {avail[person]} available slots"
                )
    busy_slots, table_slots = [], []
    blocker_weights = []
    for s in p.common[r]:
        bl = state.blockers(r, s)
        if bl:
            busy_slots.append(s)
            blocker_weights.extend(p.w[q] for q in bl)
        elif state.cnt[s] >= p.cap:
            table_slots.append(s)
    n = len(p.common[r])
    if len(busy_slots) == n:
        if all(w > p.w[r] for w in blocker_weights):
            rank = "higher-priority"
        elif all(w >= p.w[r] for w in blocker_weights):
            rank = "equal- or higher-priority"
        else:
            rank = "other"
        return (
            f"all {n} common slots of {names[a]} and {names[b]} taken by {rank} meetings "
            f"of {names[a]} or {names[b]}"
        )
    if not busy_slots:
        return f"no free table in any of the {n} common slots (priority {_fmt(p.w[r])})"
    return (
        f"no free table in the {len(table_slots)} common slots where {names[a]} and {names[b]} "
        f"are both free; the other {len(busy_slots)} are taken by their other meetings"
    )
