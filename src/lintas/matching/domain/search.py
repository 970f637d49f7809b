"""Search over published profiles with the shared retrieval engine (lintas.matching.retrieval).

The engine does the cross-lingual work (language centring, language-balanced feedback, the
lexical list of code-like terms, the relevance floor and bands); this module only feeds it rows:
the browse filters are applied in the database first and passed as the allowed set, so a
selective filter still returns full pages, and the lexical list comes from the database's
full-text index.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from lintas.catalogue.domain import queries
from lintas.catalogue.filters import ProfileFilter
from lintas.catalogue.models import Profile
from lintas.matching.domain import fulltext, search_index


@dataclass
class Hit:
    profile: Profile
    band: str | None  # strong / good / possible; None for a below-floor "related" result
    ranks: dict = field(default_factory=dict)
    matched_terms: list = field(default_factory=list)


@dataclass
class SearchResult:
    hits: list
    total: int
    language: str | None
    errors: dict = field(default_factory=dict)
    related: list = field(default_factory=list)  # shown apart when nothing is a close match
    no_close_match: bool = False


def search(
    *,
    query: str,
    kind: str | None = None,
    filters: dict | None = None,
    k: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Search; ``filters`` uses the browse filter names (sector, country, trl_min, …)."""
    from lintas.core.langid import detect_language
    from lintas.matching.text import tokens

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
            filterset.qs.select_related("organisation").prefetch_related("sectors", "translations")[
                offset : offset + k
            ]
        )
        return SearchResult(
            hits=[Hit(profile=p, band=None) for p in page], total=len(allowed_ids), language=None
        )
    engine = search_index.get_engine()
    if engine is None or not allowed_ids:
        return SearchResult(hits=[], total=0, language=lang, no_close_match=True)
    outcome = engine.search(
        query, k=k, offset=offset, **_engine_options(engine, query, lang, allowed_ids)
    )
    shown = outcome.hits + outcome.related
    profiles = (
        Profile.objects.select_related("organisation", "vector")
        .prefetch_related("sectors", "translations")
        .in_bulk([h.id for h in shown])
    )
    query_terms = tokens(query, lang)

    def wrap(h):
        profile = profiles[h.id]
        own = _profile_terms(profile)
        return Hit(
            profile=profile,
            band=h.band,
            ranks=h.ranks,
            matched_terms=[t for t in query_terms if t in own][:8],
        )

    return SearchResult(
        hits=[wrap(h) for h in outcome.hits],
        total=outcome.total,
        language=lang,
        related=[wrap(h) for h in outcome.related],
        no_close_match=outcome.no_close_match,
    )


# Encoding a query is most of a search's time (tens to hundreds of milliseconds on a busy
# core); people and the offer lists' words box repeat queries, so each process keeps the last
# QUERY_CACHE_SIZE encodings and shares them with the other processes through the cache
# (Redis in production; a local-memory cache otherwise). The key names the model, so a new
# encoder never reads an old one's vectors.
QUERY_CACHE_SIZE = 2048
QUERY_CACHE_SECONDS = 7 * 24 * 3600
_recent: OrderedDict[str, np.ndarray] = OrderedDict()
_recent_lock = threading.Lock()


def query_embedding(query: str) -> np.ndarray:
    """The encoder's raw query vector (shape ``(1, dim)``), from a cache when it has it."""
    from django.core.cache import cache

    from lintas.matching.encoder import get_encoder

    encoder = get_encoder()
    key = "qvec:" + hashlib.sha256(f"{encoder.name}\n{query}".encode()).hexdigest()
    with _recent_lock:
        vector = _recent.get(key)
        if vector is not None:
            _recent.move_to_end(key)
            return vector
    vector = cache.get(key)  # a numpy array, pickled by the cache backend
    if vector is None:
        vector = encoder.encode_queries([query])
        cache.set(key, vector, QUERY_CACHE_SECONDS)
    with _recent_lock:
        _recent[key] = vector
        while len(_recent) > QUERY_CACHE_SIZE:
            _recent.popitem(last=False)
    return vector


def _engine_options(engine, query: str, lang: str | None, allowed_ids) -> dict:
    """What the engine needs besides the query: the same for the search page and the lists."""
    from lintas.matching.text import tokens

    raw = query_embedding(query)
    return {
        "language": lang,
        "terms": tokens(query, lang),
        "allowed": allowed_ids,
        "lexical": lambda terms, limit: fulltext.search(terms=terms, limit=limit),
        "query_vector": engine.means.centre(raw, [lang])[0],
    }


def ranked_ids(query: str, ids: list) -> list:
    """The ids among ``ids`` that match ``query`` (above the relevance floor), best first.

    Answers the catalogue's ``words_search`` signal (matching.receivers), so the
    "Words" box of the offer and need lists finds what the search page finds, in any language.
    """
    from lintas.core.langid import detect_language

    query = (query or "").strip()[:1000]
    engine = search_index.get_engine()
    if not query or engine is None or not ids:
        return []
    lang = detect_language(query)
    return [
        h.id for h in engine.ranked(query, **_engine_options(engine, query, lang, ids)) if h.band
    ]


def _profile_terms(profile) -> set[str]:
    vector = getattr(profile, "vector", None)
    return set(vector.tokens.split()) if vector is not None else set()
