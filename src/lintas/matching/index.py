"""In-process vector index over L2-normalised float32 vectors with integer ids.

Pure module (no Django). The database holds the vectors; this index is derived data that
``from_arrays`` rebuilds and ``save``/``load`` caches in a file.

Two backends behind one interface, chosen by size (see docs/matching-search.md for the
measurements behind the choice):

- exact: one float32 matrix product (BLAS) over the live rows. Used below
  ``ann_threshold`` rows, and for any filter that leaves few enough rows to scan
  (``exact_limit``), so a selective filter always returns full pages.
- ANN: faiss inverted file with 8-bit scalar quantisation (IVF-SQ8), ``nprobe`` lists
  per query, then the candidates are re-ranked with the float32 rows. Scores are
  therefore always exact cosines, whichever backend found the candidates. Filters that
  are not selective go to the IVF with a row bitmap and a proportionally larger
  ``nprobe``, with an exact fallback when that yields fewer than ``k`` hits.

faiss row ids are our row numbers (not the caller's ids), which makes the filter bitmap
cheap; removal moves the last row into the hole and re-adds it to the IVF.
Every method takes one lock, so reads never see a half-applied update.
"""

from __future__ import annotations

import io
import json
import math
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

try:
    import faiss
except ImportError:  # pragma: no cover - faiss is a declared dependency
    faiss = None

__all__ = ["VectorIndex", "normalise"]

Allowed = None | np.ndarray | Iterable[int] | Callable[[np.ndarray], np.ndarray]
_FORMAT = 1


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    v = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(v, axis=-1, keepdims=True)
    norms[norms == 0] = 1.0
    return v / norms


def _top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k largest scores, best first (ties by position)."""
    if k >= scores.shape[0]:
        return np.argsort(-scores, kind="stable")
    part = np.argpartition(-scores, k - 1)[:k]
    return part[np.lexsort((part, -scores[part]))]


class VectorIndex:
    """Cosine top-k over ``(id, vector)`` rows; see the module docstring."""

    def __init__(
        self,
        dim: int,
        *,
        ann_threshold: int = 50_000,
        exact_limit: int = 5_000,
        nprobe: int | None = None,
        rerank: int = 4,
        threads: int = 2,
        normalize: bool = True,
    ) -> None:
        self.dim = int(dim)
        self.ann_threshold = ann_threshold
        self.exact_limit = exact_limit
        self.nprobe = nprobe
        self.rerank = rerank
        self.normalize = normalize
        self._vecs = np.zeros((0, self.dim), dtype=np.float32)
        self._ids = np.zeros(0, dtype=np.int64)
        self._n = 0
        self._row_of: dict[int, int] = {}
        self._sorted: tuple[np.ndarray, np.ndarray] | None = None
        self._ann = None
        self._ann_trained_on = 0
        self._lock = threading.RLock()
        if faiss is not None:
            faiss.omp_set_num_threads(threads)

    # -- construction -------------------------------------------------------------------

    @classmethod
    def from_arrays(cls, ids, vectors, **options) -> VectorIndex:
        """A new index holding these rows, with the ANN built now if the size calls for it."""
        vectors = np.asarray(vectors, dtype=np.float32)
        index = cls(vectors.shape[1], **options)
        index.add(ids, vectors)
        index.build_ann()
        return index

    def __len__(self) -> int:
        return self._n

    def __contains__(self, item_id: int) -> bool:
        return int(item_id) in self._row_of

    @property
    def ids(self) -> np.ndarray:
        """Ids in row order (a copy)."""
        with self._lock:
            return self._ids[: self._n].copy()

    @property
    def backend(self) -> str:
        return "ann" if self._ann is not None else "exact"

    def vector(self, item_id: int) -> np.ndarray:
        with self._lock:
            return self._vecs[self._row_of[int(item_id)]].copy()

    def vectors(self, item_ids) -> np.ndarray:
        """The stored (normalised) rows of these ids, in their order (one lock, one gather)."""
        with self._lock:
            rows = np.fromiter((self._row_of[int(i)] for i in item_ids), np.int64)
            return self._vecs[rows]

    # -- updates --------------------------------------------------------------------------

    def _reserve(self, n: int) -> None:
        if n <= self._vecs.shape[0]:
            return
        cap = max(n, int(self._vecs.shape[0] * 1.5) + 16)
        vecs = np.zeros((cap, self.dim), dtype=np.float32)
        vecs[: self._n] = self._vecs[: self._n]
        ids = np.zeros(cap, dtype=np.int64)
        ids[: self._n] = self._ids[: self._n]
        self._vecs, self._ids = vecs, ids

    def add(self, ids, vectors) -> None:
        """Insert or replace rows (an id already present is updated in place)."""
        ids = np.atleast_1d(np.asarray(ids, dtype=np.int64))
        vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, self.dim)
        if ids.shape[0] != vectors.shape[0]:
            raise ValueError(f"{ids.shape[0]} ids for {vectors.shape[0]} vectors")
        if len(set(ids.tolist())) != ids.shape[0]:
            raise ValueError("duplicate ids in one add()")
        if self.normalize:
            vectors = normalise(vectors)
        with self._lock:
            rows = np.fromiter((self._row_of.get(i, -1) for i in ids.tolist()), np.int64)
            old = rows >= 0
            if old.any():
                self._vecs[rows[old]] = vectors[old]
                self._ann_replace(rows[old])
            new_ids, new_vecs = ids[~old], vectors[~old]
            if new_ids.shape[0]:
                start = self._n
                self._reserve(start + new_ids.shape[0])
                self._vecs[start : start + new_ids.shape[0]] = new_vecs
                self._ids[start : start + new_ids.shape[0]] = new_ids
                self._n += new_ids.shape[0]
                self._row_of.update(zip(new_ids.tolist(), range(start, self._n), strict=True))
                if self._ann is not None:
                    self._ann.add_with_ids(new_vecs, np.arange(start, self._n, dtype=np.int64))
            self._sorted = None

    update = add

    def remove(self, ids) -> int:
        """Drop rows by id; unknown ids are ignored. Returns how many were removed."""
        removed = 0
        with self._lock:
            for item_id in np.atleast_1d(np.asarray(ids, dtype=np.int64)).tolist():
                row = self._row_of.pop(item_id, None)
                if row is None:
                    continue
                last = self._n - 1
                if self._ann is not None:
                    self._ann.remove_ids(np.array([row, last], dtype=np.int64))
                if row != last:
                    moved = int(self._ids[last])
                    self._vecs[row] = self._vecs[last]
                    self._ids[row] = moved
                    self._row_of[moved] = row
                    if self._ann is not None:
                        self._ann.add_with_ids(self._vecs[row : row + 1], np.array([row]))
                self._n = last
                removed += 1
            self._sorted = None
        return removed

    def _ann_replace(self, rows: np.ndarray) -> None:
        if self._ann is not None:
            self._ann.remove_ids(rows.astype(np.int64))
            self._ann.add_with_ids(self._vecs[rows], rows.astype(np.int64))

    # -- ANN ------------------------------------------------------------------------------

    def build_ann(self, *, force: bool = False) -> bool:
        """(Re)train the IVF when the index is big enough; drop it when it has shrunk.

        Training costs seconds at a million rows, so ``search`` calls this lazily only
        when the size has crossed the threshold or grown fourfold since training.
        """
        with self._lock:
            n = self._n
            if faiss is None or n < self.ann_threshold:
                self._ann, self._ann_trained_on = None, 0
                return False
            if self._ann is not None and not force and n <= 4 * self._ann_trained_on:
                return True
            nlist = int(min(max(2 * math.sqrt(n), 64), 16384, max(n // 40, 1)))
            quantizer = faiss.IndexFlatIP(self.dim)
            ivf = faiss.IndexIVFScalarQuantizer(
                quantizer,
                self.dim,
                nlist,
                faiss.ScalarQuantizer.QT_8bit,
                faiss.METRIC_INNER_PRODUCT,
            )
            ivf.cp.niter = 10
            rng = np.random.default_rng(0)
            sample = self._vecs[np.sort(rng.choice(n, min(n, nlist * 40), replace=False))]
            ivf.train(sample)
            ivf.set_direct_map_type(faiss.DirectMap.Hashtable)
            ivf.add_with_ids(self._vecs[:n], np.arange(n, dtype=np.int64))
            self._ann, self._ann_trained_on = ivf, n
            return True

    def _nprobe(self) -> int:
        nlist = self._ann.nlist
        # nlist/8: 0.99 recall@10 on clustered 100k vectors (nlist/12 gave 0.973)
        return min(nlist, self.nprobe or max(32, nlist // 8))

    # -- search ---------------------------------------------------------------------------

    def _allowed_rows(self, allowed: Allowed) -> np.ndarray | None:
        """A boolean mask over rows, or None for no filter."""
        n = self._n
        if allowed is None:
            return None
        if callable(allowed):
            mask = np.asarray(allowed(self._ids[:n]), dtype=bool)
        elif isinstance(allowed, np.ndarray) and allowed.dtype == bool:
            mask = allowed  # aligned with self.ids
        else:
            if isinstance(allowed, np.ndarray):
                wanted = allowed.astype(np.int64, copy=False).ravel()
            else:
                wanted = np.fromiter((int(i) for i in allowed), np.int64)
            if self._sorted is None:
                order = np.argsort(self._ids[:n], kind="stable")
                self._sorted = (self._ids[:n][order], order)
            sorted_ids, order = self._sorted
            pos = np.searchsorted(sorted_ids, wanted).clip(0, n - 1)
            hit = pos[sorted_ids[pos] == wanted]  # unknown ids are ignored
            mask = np.zeros(n, dtype=bool)
            mask[order[hit]] = True
        if mask.shape[0] != n:
            raise ValueError(f"allowed mask has {mask.shape[0]} entries for {n} rows")
        return mask

    def _exact(self, q: np.ndarray, k: int, rows: np.ndarray | None) -> tuple:
        if rows is None:
            scores = self._vecs[: self._n] @ q
            top = _top_k(scores, k)
            return top, scores[top]
        scores = self._vecs[rows] @ q
        top = _top_k(scores, k)
        return rows[top], scores[top]

    def _rerank(self, q: np.ndarray, cand: np.ndarray, k: int) -> tuple:
        cand = cand[cand >= 0]
        scores = self._vecs[cand] @ q
        top = _top_k(scores, k)
        return cand[top], scores[top]

    def search(self, query, k: int = 10, allowed: Allowed = None) -> tuple[np.ndarray, np.ndarray]:
        """Top ``k`` ``(ids, scores)`` by cosine, best first.

        ``allowed`` restricts the result: an iterable of ids, a boolean mask aligned with
        ``ids``, or a vectorised predicate ``f(ids_array) -> bool_array``. At least
        ``min(k, number of allowed rows)`` hits are returned.
        """
        q = np.asarray(query, dtype=np.float32).reshape(self.dim)
        if self.normalize:
            q = normalise(q)
        with self._lock:
            n = self._n
            if n == 0 or k <= 0:
                return np.zeros(0, np.int64), np.zeros(0, np.float32)
            stale = self._ann is None or n > 4 * self._ann_trained_on
            if stale and n >= self.ann_threshold:
                self.build_ann()
            mask = self._allowed_rows(allowed)
            rows = None if mask is None else np.flatnonzero(mask)
            n_allowed = n if rows is None else rows.shape[0]
            if n_allowed == 0:
                return np.zeros(0, np.int64), np.zeros(0, np.float32)
            k = min(k, n_allowed)
            if self._ann is None or n_allowed <= self.exact_limit:
                found, scores = self._exact(q, k, rows)
            else:
                found, scores = self._ann_search(q, k, mask, n_allowed)
            return self._ids[found].copy(), scores.astype(np.float32)

    def _ann_search(self, q, k, mask, n_allowed):
        want = max(k * self.rerank, 50)
        nprobe = self._nprobe()
        params = faiss.SearchParametersIVF()
        if mask is not None:
            fraction = n_allowed / self._n
            nprobe = min(self._ann.nlist, int(math.ceil(nprobe / fraction)))
            bits = np.packbits(mask, bitorder="little")
            params.sel = faiss.IDSelectorBitmap(mask.shape[0], faiss.swig_ptr(bits))
        params.nprobe = nprobe
        _, cand = self._ann.search(q[None, :], want, params=params)
        cand = cand[0]
        if (cand >= 0).sum() < k:  # too few candidates passed the filter: scan them all
            return self._exact(q, k, None if mask is None else np.flatnonzero(mask))
        return self._rerank(q, cand, k)

    # -- persistence ----------------------------------------------------------------------

    def save(self, path: str | os.PathLike) -> None:
        """Write ids, vectors and the trained IVF to one ``.npz`` file, atomically."""
        path = Path(path)
        with self._lock:
            meta = {
                "format": _FORMAT,
                "dim": self.dim,
                "ann_threshold": self.ann_threshold,
                "exact_limit": self.exact_limit,
                "nprobe": self.nprobe,
                "rerank": self.rerank,
                "normalize": self.normalize,
                "ann_trained_on": self._ann_trained_on,
            }
            arrays = {
                "ids": self._ids[: self._n],
                "vectors": self._vecs[: self._n],
                "meta": np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
            }
            if self._ann is not None:
                arrays["ann"] = faiss.serialize_index(self._ann)
            buf = io.BytesIO()
            np.savez(buf, **arrays)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(buf.getvalue())
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: str | os.PathLike, **overrides) -> VectorIndex:
        """Read a file written by ``save``; the IVF is rebuilt if it cannot be restored."""
        with np.load(Path(path), allow_pickle=False) as data:
            meta = json.loads(data["meta"].tobytes().decode())
            if meta.get("format") != _FORMAT:
                raise ValueError(f"unsupported index file format {meta.get('format')}")
            options = {
                key: meta[key]
                for key in ("ann_threshold", "exact_limit", "nprobe", "rerank", "normalize")
            }
            options.update(overrides)
            index = cls(meta["dim"], **options)
            ids, vectors = data["ids"], data["vectors"]
            index._vecs = np.array(vectors, dtype=np.float32)
            index._ids = np.array(ids, dtype=np.int64)
            index._n = ids.shape[0]
            index._row_of = dict(zip(ids.tolist(), range(index._n), strict=True))
            if "ann" in data.files and faiss is not None:
                index._ann = faiss.deserialize_index(np.array(data["ann"]))
                index._ann_trained_on = meta["ann_trained_on"]
        if index._ann is None:
            index.build_ann()
        return index
