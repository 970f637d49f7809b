"""Hybrid search over published profiles: dense (cross-lingual) and lexical results fused.

Filters are applied in the database first and passed to both retrievers as the allowed set,
so a selective filter still returns full pages instead of a few survivors of a top-k.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lintas.catalogue.domain import queries
from lintas.catalogue.filters import ProfileFilter
from lintas.catalogue.models import Profile
from lintas.matching.domain import fulltext, search_index
from lintas.matching.fusion import reciprocal_rank_fusion

CANDIDATES = 200


@dataclass
class Hit:
    profile: Profile
    score: float
    ranks: dict = field(default_factory=dict)
    matched_terms: list = field(default_factory=list)


@dataclass
class SearchResult:
    hits: list
    total: int
    language: str | None
    errors: dict = field(default_factory=dict)


def _query_terms(text: str, lang: str | None) -> list[str]:
    from lintas.matching.text import tokens

    return tokens(text, lang)


def search(
    *,
    query: str,
    kind: str | None = None,
    filters: dict | None = None,
    k: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Hybrid search; ``filters`` uses the browse filter names (sector, country, trl_min, …)."""
    from lintas.matching.encoder import get_encoder
    from lintas.matching.langid import detect_language

    base = queries.published()
    if kind in ("offer", "need"):
        base = base.filter(kind=kind)
    filterset = ProfileFilter(
        {k_: v for k_, v in (filters or {}).items() if k_ != "q" and v not in (None, "")},
        queryset=base,
    )
    if not filterset.is_valid():
        return SearchResult(hits=[], total=0, language=None, errors=filterset.errors)
    allowed_ids = list(filterset.qs.values_list("id", flat=True))
    query = (query or "").strip()[:1000]
    lang = detect_language(query)
    if not query:
        page = list(
            filterset.qs.select_related("organisation").prefetch_related("sectors")[
                offset : offset + k
            ]
        )
        return SearchResult(
            hits=[Hit(profile=p, score=0.0) for p in page], total=len(allowed_ids), language=None
        )

    ranked: dict[str, list[int]] = {}
    index = search_index.get_index()
    if index is not None and allowed_ids:
        qvec = get_encoder().encode_queries([query])[0]
        ids, _ = index.search(qvec, k=min(CANDIDATES, len(allowed_ids)), allowed=allowed_ids)
        ranked["dense"] = [int(i) for i in ids]
    terms = _query_terms(query, lang)
    allowed_set = set(allowed_ids)
    ranked["lexical"] = [
        pid for pid, _ in fulltext.search(terms=terms, limit=CANDIDATES * 3) if pid in allowed_set
    ][:CANDIDATES]
    fused = reciprocal_rank_fusion(ranked, limit=offset + k)[offset:]
    profiles = (
        Profile.objects.select_related("organisation", "vector")
        .prefetch_related("sectors")
        .in_bulk([h.id for h in fused])
    )
    hits = []
    for h in fused:
        profile = profiles[h.id]
        hits.append(
            Hit(
                profile=profile,
                score=h.score,
                ranks=h.ranks,
                matched_terms=[t for t in terms if t in _profile_terms(profile)][:8],
            )
        )
    total = len(set(ranked.get("dense", [])) | set(ranked["lexical"]))
    return SearchResult(hits=hits, total=total, language=lang)


def _profile_terms(profile) -> set[str]:
    vector = getattr(profile, "vector", None)
    return set(vector.tokens.split()) if vector is not None else set()
