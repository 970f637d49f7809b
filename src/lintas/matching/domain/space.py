"""Language-centred vectors for recommendations and explanations.

The small multilingual model places texts of one language close together whatever they say,
so raw cosines favour same-language pairs (a Malay effluent system over a Chinese pump for an
Indonesian pump need). Subtracting each language's mean vector removes most of that shared
language component (a known fix for cross-lingual retrieval); key terms are centred the same way.
Means come from the published catalogue and are rebuilt when the stored vectors change.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from lintas.catalogue.enums import ProfileStatus
from lintas.matching.models import ProfileVector
from lintas.matching.retrieval import LanguageMeans

_lock = threading.Lock()
_cache: dict = {"stamp": None, "space": None}


@dataclass
class Space:
    ids: np.ndarray  # profile ids, row order
    kinds: np.ndarray  # "offer" / "need"
    langs: np.ndarray
    centred: np.ndarray  # (n, d) centred and re-normalised passage vectors
    doc_means: dict  # language -> mean passage vector
    term_means: dict  # language -> mean key-term vector
    row_of: dict

    def rows(self, kind: str) -> np.ndarray:
        return np.flatnonzero(self.kinds == kind)

    def centre_terms(self, matrix: np.ndarray, lang: str) -> np.ndarray:
        if not len(matrix):
            return matrix
        mean = self.term_means.get(lang, self.term_means.get(""))
        out = matrix - mean if mean is not None else matrix.copy()
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-6)


def _shrunk_means(matrix: np.ndarray, labels: np.ndarray) -> dict:
    """Per-language means shrunk towards the catalogue mean: the same statistics the
    search engine centres with (lintas.matching.retrieval.LanguageMeans)."""
    return LanguageMeans.fit(matrix, labels.tolist()).means


def build() -> Space | None:
    rows = list(
        ProfileVector.objects.filter(profile__status=ProfileStatus.PUBLISHED)
        .values_list(
            "profile_id",
            "profile__kind",
            "profile__content_language",
            "vector",
            "term_vectors",
            "terms",
            "dim",
        )
        .order_by("profile_id")
    )
    if not rows:
        return None
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    kinds = np.array([r[1] for r in rows])
    langs = np.array([r[2] for r in rows])
    raw = np.vstack([np.frombuffer(bytes(r[3]), dtype=np.float32) for r in rows])
    doc_space = LanguageMeans.fit(raw, langs.tolist())
    doc_means = doc_space.means
    centred = doc_space.centre(raw, langs.tolist())
    term_blocks: dict = {}
    for _pid, _kind, lang, _vec, tv, terms, dim in rows:
        if tv and terms:
            term_blocks.setdefault(lang, []).append(
                np.frombuffer(bytes(tv), dtype=np.float32).reshape(len(terms), dim)
            )
    term_means = {}
    if term_blocks:
        all_terms = np.vstack([m for blocks in term_blocks.values() for m in blocks])
        term_langs = np.concatenate(
            [[lang] * sum(len(m) for m in blocks) for lang, blocks in term_blocks.items()]
        )
        term_means = _shrunk_means(all_terms, term_langs)
    return Space(
        ids=ids,
        kinds=kinds,
        langs=langs,
        centred=centred.astype(np.float32),
        doc_means=doc_means,
        term_means=term_means,
        row_of={int(pid): i for i, pid in enumerate(ids)},
    )


def get_space() -> Space | None:
    from django.db.models import Max

    from lintas.catalogue.models import Profile

    stamp = (
        ProfileVector.objects.aggregate(m=Max("updated_at"))["m"],
        ProfileVector.objects.count(),
        Profile.objects.filter(status=ProfileStatus.PUBLISHED).aggregate(m=Max("updated_at"))["m"],
    )
    with _lock:
        if _cache["stamp"] != stamp:
            _cache["space"], _cache["stamp"] = build(), stamp
        return _cache["space"]


def reset() -> None:
    with _lock:
        _cache.update(stamp=None, space=None)
