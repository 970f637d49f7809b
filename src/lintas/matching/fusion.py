"""Reciprocal rank fusion of several ranked lists (Cormack, Clarke and Büttcher, 2009).

Pure module (no Django). RRF only looks at ranks, so it fuses a cosine list and a BM25
list without calibrating their score scales: ``score(d) = Σ_l w_l / (k + rank_l(d))``
with 1-based ranks; a list that does not contain ``d`` contributes nothing.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["FusedHit", "reciprocal_rank_fusion"]


@dataclass(frozen=True)
class FusedHit:
    """One fused result: its score and, per input list, its 1-based rank (for explanations)."""

    id: Hashable
    score: float
    ranks: dict[str, int] = field(default_factory=dict)
    contributions: dict[str, float] = field(default_factory=dict)


def reciprocal_rank_fusion(
    ranked: Mapping[str, Sequence[Hashable]],
    *,
    k: float = 60.0,
    weights: Mapping[str, float] | None = None,
    limit: int | None = None,
) -> list[FusedHit]:
    """Fuse ``{"vector": [ids best first], "lexical": [...]}`` into one ranking.

    Ties are broken by the best single-list rank, then by first appearance, so the
    result is deterministic. ``weights`` default to 1 per list; a list weighted 0 still
    reports its ranks but does not move the order.
    """
    if k < 0:
        raise ValueError("k must be non-negative")
    weights = weights or {}
    scores: dict[Hashable, float] = {}
    ranks: dict[Hashable, dict[str, int]] = {}
    contributions: dict[Hashable, dict[str, float]] = {}
    first_seen: dict[Hashable, int] = {}
    for name, ids in ranked.items():
        weight = float(weights.get(name, 1.0))
        for position, item in enumerate(ids, start=1):
            if name in ranks.get(item, {}):
                continue  # a duplicate inside one list counts once, at its best rank
            first_seen.setdefault(item, len(first_seen))
            part = weight / (k + position)
            scores[item] = scores.get(item, 0.0) + part
            ranks.setdefault(item, {})[name] = position
            contributions.setdefault(item, {})[name] = part
    order = sorted(
        scores, key=lambda item: (-scores[item], min(ranks[item].values()), first_seen[item])
    )
    if limit is not None:
        order = order[:limit]
    return [FusedHit(item, scores[item], ranks[item], contributions[item]) for item in order]
