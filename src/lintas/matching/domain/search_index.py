"""The process's retrieval engine, fed from ProfileVector rows (the source of truth).

Each process (web worker, Celery worker) holds its own engine (``lintas.matching.retrieval``:
language-centred vectors in a vector index). Before every search it asks the database, in one
cheap query, whether any vector changed since it last looked, and loads only those rows, so an
update made by a Celery worker reaches the web processes without a restart, and a restart never
re-encodes anything. New rows are centred with the language means of the last full build; the
engine is rebuilt (fresh means) when rows disappear or the catalogue has grown by a quarter.

Profiles' translations (TranslationVector) are rows too, with the id ``("t", translation id)``
and grouped under their profile's id, so a search returns each profile once.
"""

from __future__ import annotations

import threading

import numpy as np
from django.db.models import Max

from lintas.matching.models import ProfileVector, TranslationVector
from lintas.matching.retrieval import RetrievalEngine

_lock = threading.Lock()
_state: dict = {"engine": None, "seen": None, "count": 0}
REBUILD_GROWTH = 1.25


def _load_rows(queryset, translations) -> tuple[list, list, np.ndarray | None, list]:
    """(ids, languages, vectors, groups) of profile rows, then translation rows."""
    ids, langs, vecs, groups = [], [], [], []
    rows = queryset.values_list("profile_id", "profile__content_language", "vector")
    for pid, lang, blob in rows.iterator(chunk_size=2000):
        ids.append(pid)
        groups.append(pid)
        langs.append(lang or None)
        vecs.append(np.frombuffer(bytes(blob), dtype=np.float32))
    rows = translations.values_list("translation_id", "profile_id", "language", "vector")
    for tid, pid, lang, blob in rows.iterator(chunk_size=2000):
        ids.append(("t", tid))
        groups.append(pid)
        langs.append(lang or None)
        vecs.append(np.frombuffer(bytes(blob), dtype=np.float32))
    return ids, langs, (np.vstack(vecs) if vecs else None), groups


def stamp():
    """(time of the latest vector change, number of vector rows): moves whenever what a search
    can find changes (the engine reloads on it; the page cache keys the search page by it:
    ``matching.views``)."""
    profiles = ProfileVector.objects.aggregate(seen=Max("updated_at"))["seen"]
    translations = TranslationVector.objects.aggregate(seen=Max("updated_at"))["seen"]
    seen = max((t for t in (profiles, translations) if t is not None), default=None)
    return seen, ProfileVector.objects.count() + TranslationVector.objects.count()


def get_engine() -> RetrievalEngine | None:
    """The current engine, refreshed incrementally from the database if needed."""
    from lintas.matching.encoder import get_encoder

    with _lock:
        seen, count = stamp()
        engine = _state["engine"]
        stale = engine is None or count < _state["count"]
        if engine is not None and count > engine.built_size * REBUILD_GROWTH:
            stale = True
        if stale:
            ids, langs, vecs, groups = _load_rows(
                ProfileVector.objects.all(), TranslationVector.objects.all()
            )
            _state["engine"] = (
                RetrievalEngine(get_encoder()).build(ids, vecs, langs, groups=groups)
                if ids
                else None
            )
        elif seen != _state["seen"] or count != _state["count"]:
            changed = ProfileVector.objects.all()
            changed_translations = TranslationVector.objects.all()
            if _state["seen"] is not None:
                changed = changed.filter(updated_at__gte=_state["seen"])
                changed_translations = changed_translations.filter(updated_at__gte=_state["seen"])
            ids, langs, vecs, groups = _load_rows(changed, changed_translations)
            if ids:
                engine.add(ids, vecs, langs, groups)  # replaces rows whose id is present
        _state["seen"], _state["count"] = seen, count
        return _state["engine"]


def refresh() -> None:
    """Bring this process's engine up to date (other processes catch up on their next search)."""
    get_engine()


def reset() -> None:
    with _lock:
        _state.update(engine=None, seen=None, count=0)
