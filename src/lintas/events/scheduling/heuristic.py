"""Greedy construction plus ejection-chain local search over integer-indexed data.

The state is a table ``occ[person][slot] -> request or -1`` plus per-slot meeting sets, and
every change goes through :meth:`State.place` / :meth:`State.remove`, which log to a trail so a
failed chain of moves can be rolled back exactly.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass


@dataclass
class Problem:
    """Integer form of an instance: requests ``0..n-1`` between people ``0..m-1``."""

    slots: int
    cap: int  # tables per slot; a big number when unlimited
    people: int
    a: list[int]
    b: list[int]
    w: list[float]
    common: list[list[int]]  # slots where both people of a request are available
    fixed: list[int]  # slot or -1
    previous: list[int]  # slot in an earlier run or -1


class State:
    def __init__(self, problem: Problem):
        self.p = problem
        self.occ = [[-1] * problem.slots for _ in range(problem.people)]
        self.slot_of = [-1] * len(problem.a)
        self.cnt = [0] * problem.slots
        self.members: list[set[int]] = [set() for _ in range(problem.slots)]
        self.trail: list[tuple[int, int, int]] = []
        self.value = 0.0
        # meetings of the previous run not in their previous slot (moved or dropped)
        self.moves = sum(1 for s in problem.previous if s >= 0)

    def _kept(self, r: int, s: int) -> int:
        return 1 if s == self.p.previous[r] else 0

    def place(self, r: int, s: int) -> None:
        p = self.p
        self.occ[p.a[r]][s] = r
        self.occ[p.b[r]][s] = r
        self.slot_of[r] = s
        self.cnt[s] += 1
        self.members[s].add(r)
        self.value += p.w[r]
        self.moves -= self._kept(r, s)
        self.trail.append((1, r, s))

    def remove(self, r: int) -> None:
        p = self.p
        s = self.slot_of[r]
        self.occ[p.a[r]][s] = -1
        self.occ[p.b[r]][s] = -1
        self.slot_of[r] = -1
        self.cnt[s] -= 1
        self.members[s].discard(r)
        self.value -= p.w[r]
        self.moves += self._kept(r, s)
        self.trail.append((0, r, s))

    def rollback(self, mark: int) -> None:
        trail = self.trail
        while len(trail) > mark:
            op, r, s = trail.pop()
            if op == 1:
                self.remove(r)
            else:
                self.place(r, s)
            trail.pop()  # the undo itself logged one entry

    def blockers(self, r: int, s: int) -> list[int]:
        p = self.p
        out = []
        x = self.occ[p.a[r]][s]
        if x >= 0:
            out.append(x)
        y = self.occ[p.b[r]][s]
        if y >= 0 and y != x:
            out.append(y)
        return out

    def is_free(self, r: int, s: int) -> bool:
        p = self.p
        return self.occ[p.a[r]][s] < 0 and self.occ[p.b[r]][s] < 0 and self.cnt[s] < self.p.cap


class Searcher:
    """Ejection-chain moves: place a request, relocating whatever stands in its way."""

    def __init__(self, state: State, rng: random.Random, node_budget: int = 400):
        self.st = state
        self.p = state.p
        self.rng = rng
        self.node_budget = node_budget
        self.nodes = 0
        self.common_sets = [set(c) for c in self.p.common]
        usable: list[set[int]] = [set() for _ in range(self.p.people)]
        for r, slots in enumerate(self.p.common):
            usable[self.p.a[r]].update(slots)
            usable[self.p.b[r]].update(slots)
        self.usable = [sorted(u) for u in usable]

    def stuck(self, r: int) -> bool:
        """True if moving meetings around cannot make room for ``r``.

        That is so when every table of every slot is taken (moves never free a table), or when
        a person of ``r`` is busy in every slot they could meet anyone in (each of their
        meetings can only move within that set). Then :meth:`relocate` and :meth:`kempe`
        cannot place ``r``; only ejecting a meeting can. On power-law events most unscheduled
        requests are like that, and skipping the hopeless searches makes a pass several times
        faster.
        """
        if sum(self.st.cnt) >= self.p.cap * self.p.slots:
            return True
        occ = self.st.occ
        for person in (self.p.a[r], self.p.b[r]):
            row = occ[person]
            if all(row[s] >= 0 for s in self.usable[person]):
                return True
        return False

    def direct(self, r: int, avoid: int = -1) -> bool:
        """Place ``r`` in a free slot (its previous slot first) without touching anything."""
        st, p = self.st, self.p
        prev = p.previous[r]
        if prev >= 0 and prev != avoid and prev in p.common[r] and st.is_free(r, prev):
            st.place(r, prev)
            return True
        best, best_key = -1, None
        for s in p.common[r]:
            if s != avoid and st.is_free(r, s):
                key = st.cnt[s]
                if best_key is None or key < best_key:
                    best, best_key = s, key
        if best >= 0:
            st.place(r, best)
            return True
        return False

    def _table_victims(self, s: int, banned: set[int], limit: int = 6) -> list[int]:
        """Meetings in full slot ``s`` worth moving out to make a table free."""
        st, p = self.st, self.p
        pool = [q for q in st.members[s] if p.fixed[q] < 0 and q not in banned]
        if len(pool) > 4 * limit:
            pool = self.rng.sample(pool, 4 * limit)
        easy = [q for q in pool if any(t != s and st.is_free(q, t) for t in p.common[q])]
        rest = [q for q in pool if q not in set(easy)]
        return (easy + rest)[:limit]

    def relocate(self, r: int, depth: int, banned: set[int], avoid: int = -1) -> bool:
        """Schedule unscheduled ``r`` with no loss, moving others at most ``depth`` levels deep.

        On failure the state is exactly as before.
        """
        if self.direct(r, avoid):
            return True
        if depth <= 0 or self.nodes >= self.node_budget:
            return False
        st, p = self.st, self.p
        options = []
        for s in p.common[r]:
            if s == avoid:
                continue
            bl = st.blockers(r, s)
            if any(p.fixed[q] >= 0 or q in banned for q in bl):
                continue
            need_table = st.cnt[s] - len(bl) >= p.cap
            options.append(
                (len(bl) + (2 if need_table else 0) + self.rng.random(), s, bl, need_table)
            )
        options.sort()
        banned = banned | {r}
        for _, s, bl, need_table in options[:4]:
            victims = self._table_victims(s, banned | set(bl)) if need_table else [None]
            for v in victims[:3]:
                self.nodes += 1
                if self.nodes >= self.node_budget:
                    return False
                mark = len(st.trail)
                moved = list(bl)
                if v is not None:
                    moved.append(v)
                for q in moved:
                    st.remove(q)
                st.place(r, s)
                inner = banned | set(moved)
                if all(self.relocate(q, depth - 1, inner, avoid=s) for q in moved):
                    return True
                st.rollback(mark)
        return False

    def kempe(self, r: int, max_length: int = 64) -> bool:
        """Place ``r`` by swapping two slots along an alternating chain of meetings.

        When one person of ``r`` is free in slot s1 and the other in slot s2 but not in s1,
        the other's s1 meeting moves to s2, which pushes that counterpart's s2 meeting to s1,
        and so on (a Kempe chain, as in edge colouring). Each step has one choice, so chains
        far longer than :meth:`relocate`'s bounded tree are cheap. On failure nothing changes.
        """
        st, p = self.st, self.p
        for s1 in p.common[r]:
            for x, y in ((p.a[r], p.b[r]), (p.b[r], p.a[r])):
                if st.occ[x][s1] >= 0 or st.occ[y][s1] < 0:
                    continue
                for s2 in range(p.slots):  # any slot y is free in; the chain checks the rest
                    if s2 == s1 or st.occ[y][s2] >= 0:
                        continue
                    chain = self._chain(y, s1, s2, max_length)
                    if chain is None:
                        continue
                    mark = len(st.trail)
                    for q in chain:
                        st.remove(q)
                    for i, q in enumerate(chain):
                        st.place(q, s2 if i % 2 == 0 else s1)
                    if st.cnt[s1] <= p.cap and st.cnt[s2] <= p.cap and st.is_free(r, s1):
                        st.place(r, s1)
                        return True
                    st.rollback(mark)
        return False

    def _chain(self, y: int, s1: int, s2: int, max_length: int) -> list[int] | None:
        """Meetings on the s1/s2 alternating path from ``y`` (None if one of them cannot swap)."""
        st, p = self.st, self.p
        sets = self.common_sets
        chain, person, slot = [], y, s1
        while True:
            q = st.occ[person][slot]
            if q < 0:
                return chain
            if p.fixed[q] >= 0 or len(chain) >= max_length:
                return None
            other = s2 if slot == s1 else s1
            if other not in sets[q]:
                return None
            chain.append(q)
            person = p.b[q] if p.a[q] == person else p.a[q]
            slot = other

    def insert_with_ejection(self, r: int, depth: int, allow_equal: bool = False) -> bool:
        """Schedule ``r`` even if cheaper meetings must go; commit only if the value rises.

        With ``allow_equal`` a move that keeps the value but changes the set is accepted too
        (a plateau move that lets the search wander off a local optimum).
        """
        st, p = self.st, self.p
        best = None
        base_value, base_moves = st.value, st.moves
        for s in p.common[r]:
            bl = st.blockers(r, s)
            if any(p.fixed[q] >= 0 for q in bl):
                continue
            if not bl and st.cnt[s] < p.cap:
                continue  # free slot: relocate() would have taken it
            victims: list[int | None] = [None]
            if st.cnt[s] - len(bl) >= p.cap:
                pool = [q for q in st.members[s] if p.fixed[q] < 0 and q not in bl]
                if not pool:
                    continue
                pool.sort(key=lambda q: p.w[q])
                victims = pool[:2]
            for v in victims:
                out = bl + ([v] if v is not None else [])
                if min(p.w[q] for q in out) >= p.w[r] + (1e-9 if allow_equal else -1e-9):
                    continue  # not even the cheapest one may go; relocating all is relocate()'s job
                mark = len(st.trail)
                for q in out:
                    st.remove(q)
                st.place(r, s)
                self.nodes = self.node_budget - 40
                for q in sorted(out, key=lambda q: -p.w[q]):
                    self.relocate(q, depth - 1, {r, *out}, avoid=s)
                gain = (st.value - base_value, base_moves - st.moves)
                if best is None or gain > best[0]:
                    best = (gain, s, v)
                st.rollback(mark)
        if best is None:
            return False
        (dv, dm), s, v = best
        if dv < -1e-9 or (dv <= 1e-9 and (dm < 0 or (dm == 0 and not allow_equal))):
            return False  # lexicographic: value first, then fewer moves; plateaus only if allowed
        mark = len(st.trail)
        bl = st.blockers(r, s)
        out = bl + ([v] if v is not None else [])
        for q in out:
            st.remove(q)
        st.place(r, s)
        self.nodes = self.node_budget - 40
        for q in sorted(out, key=lambda q: -p.w[q]):
            self.relocate(q, depth - 1, {r, *out}, avoid=s)
        # the relocations draw random tie-breaks, so check the replay is still no worse
        if (st.value - base_value, base_moves - st.moves) < (dv - 1e-9, dm):
            st.rollback(mark)
            return False
        return True


def greedy(state: State, rng: random.Random, only: list[int] | None = None) -> None:
    """Place requests by priority, then scarcity, each in the slot its people need least.

    ``only`` restricts the pass to those requests (the target set), so that requests outside
    it cannot take the slots the target needs.
    """
    p, st = state.p, state
    demand = [[0] * p.slots for _ in range(p.people)]
    pool = range(len(p.a)) if only is None else only
    todo = [r for r in pool if st.slot_of[r] < 0]
    for r in todo:
        for s in p.common[r]:
            demand[p.a[r]][s] += 1
            demand[p.b[r]][s] += 1
    load = [0] * p.people
    for r in todo:
        load[p.a[r]] += 1
        load[p.b[r]] += 1
    todo.sort(
        key=lambda r: (-p.w[r], len(p.common[r]), -(load[p.a[r]] + load[p.b[r]]), rng.random())
    )
    searcher = Searcher(st, rng, node_budget=12)
    cap = p.cap
    for r in todo:
        a, b = p.a[r], p.b[r]
        for s in p.common[r]:
            demand[a][s] -= 1
            demand[b][s] -= 1
        best, best_key = -1, None
        occ_a, occ_b = st.occ[a], st.occ[b]
        for s in p.common[r]:
            if occ_a[s] < 0 and occ_b[s] < 0 and st.cnt[s] < cap:
                key = demand[a][s] + demand[b][s] + 2.0 * st.cnt[s] / cap
                if s == p.previous[r]:
                    key -= 1e6
                if best_key is None or key < best_key:
                    best, best_key = s, key
        if best >= 0:
            st.place(r, best)
        elif any(st.cnt[s] < cap for s in p.common[r]):
            # a people clash, not a table shortage: a short chain of moves may fix it
            searcher.nodes = 0
            searcher.relocate(r, 1, set())


def improve(
    state: State,
    rng: random.Random,
    deadline: float,
    bound: float | None,
    only: list[int] | None = None,
) -> int:
    """Local search until ``deadline`` or until nothing improves; returns passes made.

    ``only`` restricts the requests to insert (the target set); moves may still touch any
    meeting in the way.
    """
    p, st = state.p, state
    searcher = Searcher(st, rng)
    pool = range(len(p.a)) if only is None else only
    passes = 0
    stale = 0
    while time.perf_counter() < deadline:
        if bound is not None and st.value >= bound - 1e-9:
            break
        passes += 1
        before = (st.value, -st.moves)
        todo = [r for r in pool if st.slot_of[r] < 0 and p.common[r]]
        rng.shuffle(todo)
        todo.sort(key=lambda r: -p.w[r])
        depth = 2 + min(stale, 2)
        plateau = stale >= 1
        for i, r in enumerate(todo):
            if i % 8 == 0 and time.perf_counter() > deadline:
                break
            if st.slot_of[r] >= 0:
                continue
            searcher.nodes = 0
            if not searcher.stuck(r) and (searcher.relocate(r, depth, set()) or searcher.kempe(r)):
                continue
            searcher.insert_with_ejection(r, depth, allow_equal=plateau and rng.random() < 0.3)
        restore_previous(st)
        if (st.value, -st.moves) > (before[0] + 1e-9, before[1]):
            stale = 0
        else:
            stale += 1
            if stale > 4:
                break
    return passes


def restore_previous(state: State) -> None:
    """Put meetings back in their previous slot where that is free or a one-for-one swap works."""
    p, st = state.p, state
    if not any(x >= 0 for x in p.previous):
        return
    for r in range(len(p.a)):
        s, prev = st.slot_of[r], p.previous[r]
        if s < 0 or prev < 0 or s == prev or p.fixed[r] >= 0 or prev not in p.common[r]:
            continue
        bl = st.blockers(r, prev)
        if not bl:
            if st.cnt[prev] < p.cap:
                st.remove(r)
                st.place(r, prev)
            continue
        if len(bl) == 1:
            q = bl[0]
            if p.fixed[q] >= 0 or s not in p.common[q]:
                continue
            mark = len(st.trail)
            before = st.moves
            st.remove(q)
            st.remove(r)
            if st.is_free(q, s):
                st.place(q, s)
                st.place(r, prev)
                if st.moves < before:
                    continue
            st.rollback(mark)
