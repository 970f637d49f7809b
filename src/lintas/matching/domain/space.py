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
from scipy import sparse

from lintas.catalogue.enums import ProfileStatus
from lintas.matching.codes import CodeSpace, evidence
from lintas.matching.models import ProfileVector, TranslationVector
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
    # Translations of published profiles (TranslationVector), centred with their language's
    # mean: ``t_owner[i]`` is the profile row translation i belongs to.
    t_centred: np.ndarray | None = None
    t_owner: np.ndarray | None = None
    # The codes each profile writes (lintas.matching.codes): their idf over the published
    # catalogue and one smoothed-normalised sparse row per profile.
    code_space: CodeSpace | None = None
    codes: sparse.csr_matrix | None = None
    code_sets: list | None = None

    def code_evidence(self, rows_a, rows_b) -> np.ndarray:
        """(rows_a x rows_b) shared-code evidence, in [0, 1); zeros without codes."""
        rows_a, rows_b = np.atleast_1d(rows_a), np.atleast_1d(rows_b)
        if self.codes is None:
            return np.zeros((len(rows_a), len(rows_b)), dtype=np.float32)
        return evidence(self.codes[rows_a], self.codes[rows_b])

    def shared_codes(self, row_a: int, row_b: int) -> list[str]:
        if self.code_space is None:
            return []
        return self.code_space.shared(self.code_sets[row_a], self.code_sets[row_b])

    def texts_of(self, row: int) -> np.ndarray:
        """Every centred vector of one profile: its original, then its translations."""
        if self.t_owner is None or not len(self.t_owner):
            return self.centred[row : row + 1]
        return np.vstack([self.centred[row : row + 1], self.t_centred[self.t_owner == row]])

    def best_similarities(self, row: int, rows: np.ndarray) -> np.ndarray:
        """For each profile in ``rows``, the best cosine between any text of ``row`` (original
        or translation) and any of its texts: each profile counted once, by its closest pair."""
        mine = self.texts_of(row)
        sims = (self.centred[rows] @ mine.T).max(axis=1)
        if self.t_owner is None or not len(self.t_owner):
            return sims
        position = {int(r): i for i, r in enumerate(rows)}
        picked = [i for i, owner in enumerate(self.t_owner) if int(owner) in position]
        if picked:
            theirs = (self.t_centred[picked] @ mine.T).max(axis=1)
            targets = np.array([position[int(self.t_owner[i])] for i in picked])
            np.maximum.at(sims, targets, theirs)
        return sims

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
            "codes",
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
    for _pid, _kind, lang, _vec, tv, terms, dim, _codes in rows:
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
    row_of = {int(pid): i for i, pid in enumerate(ids)}
    code_sets = [list(r[7] or []) for r in rows]
    code_space = CodeSpace.fit(code_sets)
    t_rows = list(
        TranslationVector.objects.filter(profile__status=ProfileStatus.PUBLISHED)
        .values_list("profile_id", "language", "vector")
        .order_by("profile_id", "language")
    )
    t_rows = [r for r in t_rows if r[0] in row_of and len(r[2]) == raw.shape[1] * 4]
    t_centred = t_owner = None
    if t_rows:
        t_raw = np.vstack([np.frombuffer(bytes(r[2]), dtype=np.float32) for r in t_rows])
        t_centred = doc_space.centre(t_raw, [r[1] for r in t_rows]).astype(np.float32)
        t_owner = np.array([row_of[r[0]] for r in t_rows], dtype=np.int64)
    return Space(
        ids=ids,
        kinds=kinds,
        langs=langs,
        centred=centred.astype(np.float32),
        doc_means=doc_means,
        term_means=term_means,
        row_of=row_of,
        t_centred=t_centred,
        t_owner=t_owner,
        code_space=code_space,
        codes=code_space.matrix(code_sets),
        code_sets=code_sets,
    )


def get_space() -> Space | None:
    from django.db.models import Max

    from lintas.catalogue.models import Profile

    stamp = (
        ProfileVector.objects.aggregate(m=Max("updated_at"))["m"],
        ProfileVector.objects.count(),
        TranslationVector.objects.aggregate(m=Max("updated_at"))["m"],
        TranslationVector.objects.count(),
        Profile.objects.filter(status=ProfileStatus.PUBLISHED).aggregate(m=Max("updated_at"))["m"],
    )
    with _lock:
        if _cache["stamp"] != stamp:
            _cache["space"], _cache["stamp"] = build(), stamp
        return _cache["space"]


def reset() -> None:
    with _lock:
        _cache.update(stamp=None, space=None)
