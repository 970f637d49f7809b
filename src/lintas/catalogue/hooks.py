"""The catalogue's side of the words search (lists' "Words" box and the API's ``q``).

The cross-lingual retrieval engine lives one floor up in the matching app; the catalogue asks
it through the ``catalogue.signals.words_search`` signal. Without an answer (matching not
installed) the catalogue falls back to a substring match on title and summary, so the box
never silently stops working.
"""

from __future__ import annotations

from lintas.catalogue.models import Profile
from lintas.catalogue.signals import words_search as words_search_signal


def words_search(query: str, ids: list) -> list | None:
    """Matching ids best first (the first receiver that answers), or None when none does."""
    for _receiver, ranked in words_search_signal.send(sender=Profile, query=query, ids=ids):
        if ranked is not None:
            return ranked
    return None
