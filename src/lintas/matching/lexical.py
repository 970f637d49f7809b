"""Okapi BM25 over pre-tokenised documents (tokens from ``lintas.matching.text``).

Pure module (no Django). Used in-process for match explanations (which query terms a
profile matched, and how much each weighed) and as the lexical half of hybrid search when
the database has no full-text engine.

Weights are computed eagerly at build time into a sparse document-term matrix (the
method of bm25s): a query is then one gather of the columns of its terms. With
``N`` documents, ``df`` documents containing a term, ``tf`` its count in a document of
``dl`` tokens and ``avgdl`` the mean length::

    idf = ln(1 + (N - df + 0.5) / (df + 0.5))                 (Lucene's, never negative)
    w   = idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))

A query scores ``Σ w`` over its distinct terms. Adds and removes are buffered and the
matrix is rebuilt (vectorised) on the next search, because N, df and avgdl change.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

__all__ = ["BM25Index", "LexicalHit"]


@dataclass(frozen=True)
class LexicalHit:
    id: int
    score: float
    matched: dict[str, float]  # query term -> its BM25 contribution


@dataclass(frozen=True)
class _Compiled:
    weights: sparse.csc_matrix  # documents x terms
    ids: np.ndarray
    idf: np.ndarray


class BM25Index:
    """BM25 ranking; build with ``BM25Index.build([(id, tokens), ...])``."""

    def __init__(self, *, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self._vocab: dict[str, int] = {}
        self._docs: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # id -> (term ids, counts)
        self._compiled: _Compiled | None = None
        self._lock = threading.Lock()

    @classmethod
    def build(cls, docs: Iterable[tuple[int, Sequence[str]]], **params) -> BM25Index:
        index = cls(**params)
        for doc_id, toks in docs:
            index.add(doc_id, toks)
        index._compile()
        return index

    def __len__(self) -> int:
        return len(self._docs)

    def add(self, doc_id: int, toks: Sequence[str]) -> None:
        """Insert or replace a document."""
        counts = Counter(toks)
        vocab = self._vocab
        terms = np.fromiter(
            (vocab.setdefault(t, len(vocab)) for t in counts), np.int64, len(counts)
        )
        with self._lock:
            self._docs[int(doc_id)] = (terms, np.fromiter(counts.values(), np.float32))
            self._compiled = None

    def remove(self, doc_id: int) -> bool:
        with self._lock:
            found = self._docs.pop(int(doc_id), None) is not None
            if found:
                self._compiled = None
            return found

    def _compile(self) -> _Compiled:
        with self._lock:
            if self._compiled is not None:
                return self._compiled
            ids = np.fromiter(self._docs.keys(), np.int64, len(self._docs))
            parts = list(self._docs.values())
            n_terms = len(self._vocab)
            lengths = np.array([p[0].shape[0] for p in parts], dtype=np.int64)
            indptr = np.zeros(len(parts) + 1, dtype=np.int64)
            np.cumsum(lengths, out=indptr[1:])
            cols = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int64)
            tf = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.float32)
            n_docs = len(parts)
            dl = np.add.reduceat(tf, indptr[:-1]) if tf.shape[0] else np.zeros(n_docs)
            dl = dl.astype(np.float32)
            avgdl = float(dl.mean()) if n_docs else 1.0
            df = np.bincount(cols, minlength=n_terms).astype(np.float64)
            idf = np.log1p((n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
            row_dl = np.repeat(dl, lengths)
            norm = self.k1 * (1.0 - self.b + self.b * row_dl / max(avgdl, 1e-9))
            data = idf[cols] * tf * (self.k1 + 1.0) / (tf + norm)
            weights = sparse.csr_matrix(
                (data.astype(np.float32), cols, indptr), shape=(n_docs, n_terms)
            ).tocsc()
            self._compiled = _Compiled(weights, ids, idf)
            return self._compiled

    def _query_terms(self, query: Sequence[str]) -> tuple[list[str], list[int]]:
        terms = [t for t in dict.fromkeys(query) if t in self._vocab]
        return terms, [self._vocab[t] for t in terms]

    def scores(self, query: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """``(ids, scores)`` for every document (zero where no term matched)."""
        comp = self._compile()
        _, cols = self._query_terms(query)
        w = comp.weights
        n = w.shape[0]
        if not cols:
            return comp.ids, np.zeros(n, np.float32)
        spans = [(w.indptr[c], w.indptr[c + 1]) for c in cols]
        rows = np.concatenate([w.indices[a:b] for a, b in spans])
        vals = np.concatenate([w.data[a:b] for a, b in spans])
        return comp.ids, np.bincount(rows, weights=vals, minlength=n).astype(np.float32)

    def search(
        self, query: Sequence[str], k: int = 10, allowed: Iterable[int] | None = None
    ) -> list[LexicalHit]:
        """Top ``k`` documents that match at least one query term, with matched terms."""
        comp = self._compile()
        ids, scores = self.scores(query)
        if allowed is not None:
            scores = np.where(np.isin(ids, np.fromiter(allowed, np.int64)), scores, 0.0)
        hits = np.flatnonzero(scores > 0)
        if hits.shape[0] > k:
            hits = hits[np.argpartition(-scores[hits], k - 1)[:k]]
        hits = hits[np.lexsort((ids[hits], -scores[hits]))]
        terms, cols = self._query_terms(query)
        sub = comp.weights[:, cols][hits].toarray() if cols else np.zeros((hits.shape[0], 0))
        return [
            LexicalHit(
                int(ids[h]),
                float(scores[h]),
                {t: float(sub[i, j]) for j, t in enumerate(terms) if sub[i, j] > 0},
            )
            for i, h in enumerate(hits)
        ]

    def explain(self, query: Sequence[str], doc_id: int) -> dict[str, float]:
        """Per-term BM25 contributions of one document for this query (empty if none)."""
        comp = self._compile()
        row = np.flatnonzero(comp.ids == int(doc_id))
        terms, cols = self._query_terms(query)
        if not row.shape[0] or not cols:
            return {}
        values = comp.weights[:, cols][row[0]].toarray()[0]
        return {t: float(v) for t, v in zip(terms, values, strict=True) if v > 0}
