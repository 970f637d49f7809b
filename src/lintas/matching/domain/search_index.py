"""The process's in-process vector index, derived from ProfileVector rows (the source of truth).

Each process (web worker, Celery worker) holds its own copy. Before every search it asks the
database, in one cheap query, whether any vector changed since it last looked, and loads only
those rows, so an update made by a Celery worker reaches the web processes without a restart,
and a restart never re-encodes anything.
"""

from __future__ import annotations

import threading

import numpy as np
from django.db.models import Max

from lintas.matching.index import VectorIndex
from lintas.matching.models import ProfileVector

_lock = threading.Lock()
_state: dict = {"index": None, "seen": None, "count": 0}


def _load_rows(queryset) -> tuple[list[int], np.ndarray | None]:
    ids, vecs = [], []
    for pid, blob in queryset.values_list("profile_id", "vector").iterator(chunk_size=2000):
        ids.append(pid)
        vecs.append(np.frombuffer(bytes(blob), dtype=np.float32))
    return ids, (np.vstack(vecs) if vecs else None)


def _stamp():
    agg = ProfileVector.objects.aggregate(seen=Max("updated_at"))
    return agg["seen"], ProfileVector.objects.count()


def get_index() -> VectorIndex | None:
    """The current index, refreshed incrementally from the database if needed."""
    with _lock:
        seen, count = _stamp()
        index = _state["index"]
        if index is None or count < _state["count"]:
            ids, vecs = _load_rows(ProfileVector.objects.all())
            _state["index"] = VectorIndex.from_arrays(ids, vecs) if ids else None
        elif seen != _state["seen"] or count != _state["count"]:
            changed = ProfileVector.objects.all()
            if _state["seen"] is not None:
                changed = changed.filter(updated_at__gte=_state["seen"])
            ids, vecs = _load_rows(changed)
            if ids:
                index.add(ids, vecs)  # add() replaces rows whose id is present
        _state["seen"], _state["count"] = seen, count
        return _state["index"]


def refresh() -> None:
    """Bring this process's index up to date (other processes catch up on their next search)."""
    get_index()


def reset() -> None:
    with _lock:
        _state.update(index=None, seen=None, count=0)
