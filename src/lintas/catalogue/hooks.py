"""Extension points for apps downstream of the catalogue (matching, brokerage).

DETAIL_EXTRAS: callables (request, profile) -> {"template": str, ...context} rendered on the
profile page, so the catalogue shows matches and interest buttons without importing them.

Words search: the "Words" box of the offer and need lists (and the API's ``q``) asks the
cross-lingual retrieval engine, which lives one floor up in the matching app. The matching app
installs it with ``set_words_search`` in its ``AppConfig.ready()``; the catalogue calls
``words_search``. Without an engine (matching not installed) the catalogue falls back to a
substring match on title and summary, so the box never silently stops working.
"""

from __future__ import annotations

from collections.abc import Callable

DETAIL_EXTRAS: list = []

# (query: str, ids: list[int]) -> ids of the profiles that match the query, best first,
# among ``ids``; only profiles the engine judges a match (above its relevance floor).
WordsSearch = Callable[[str, list], list]
_words_search: WordsSearch | None = None


def set_words_search(engine: WordsSearch | None) -> None:
    """Install (or, with None, remove) the engine behind the lists' words box."""
    global _words_search
    _words_search = engine


def words_search(query: str, ids: list) -> list | None:
    """Matching ids best first, or None when no engine is installed."""
    if _words_search is None:
        return None
    return _words_search(query, ids)
