"""Cross-lingual similarity with hubness reduction.

Plain cosine between multilingual sentence vectors suffers from *hubs*: some vectors
(often short, generic, or in a language the model favours) are close to everything,
so they top many lists. Margin scoring (Artetxe & Schwenk, 2019, "Margin-based
parallel corpus mining with multilingual sentence embeddings") divides, or offsets,
each cosine by how close both sides are to their own neighbourhoods:

    ratio(x, y)    = cos(x, y) / ((r_x + r_y) / 2)
    distance(x, y) = cos(x, y) - (r_x + r_y) / 2
    csls(x, y)     = 2 cos(x, y) - r_x - r_y          (Conneau et al., 2018)

where ``r_x`` is the mean cosine of ``x`` to its ``k`` nearest candidates and ``r_y``
the mean cosine of ``y`` to its ``k`` nearest queries. For recommendations ``r_y`` is
computed once per candidate against a reference population of queries (e.g. all
published needs for an offer) and stored beside the vector; for bitext both sides are
the two files.

Multilingual encoders also put a language-specific offset into every vector: two
Chinese texts on different topics look more alike than a Chinese and a Vietnamese text
on the same topic. Subtracting each language's mean vector and re-normalising
(*language centring*, Libovický et al., 2020, "On the language neutrality of
pre-trained multilingual representations") removes most of it. ``centre_by_group``
does that, shrinking the mean of a small group towards the overall mean so that a
language seen once is not centred onto itself.

All inputs are L2-normalised float matrices (rows = items); nothing here knows about
Django or the encoder.
"""

from __future__ import annotations

import numpy as np

METHODS = ("cosine", "ratio", "distance", "csls")
DEFAULT_METHOD = "ratio"
DEFAULT_K = 4
DEFAULT_SHRINKAGE = 4.0
_CHUNK = 2048


def centre(vectors: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """``vectors - mean``, re-normalised; all-zero rows (empty texts) stay zero."""
    vectors = np.asarray(vectors, dtype=np.float32)
    shifted = vectors - np.asarray(mean, dtype=np.float32)[None, :]
    norms = np.linalg.norm(shifted, axis=1, keepdims=True)
    empty = ~np.any(vectors, axis=1)
    shifted = np.where(norms > 1e-12, shifted / np.maximum(norms, 1e-12), 0.0)
    shifted[empty] = 0.0
    return shifted.astype(np.float32)


def group_means(vectors: np.ndarray, groups, *, shrinkage: float = DEFAULT_SHRINKAGE) -> dict:
    """Mean vector per group (e.g. language), shrunk towards the overall mean.

    ``mean_g = (n_g * raw_mean_g + shrinkage * overall_mean) / (n_g + shrinkage)``:
    a large group keeps its own mean, a group of one is mostly the overall mean.
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    groups = list(groups)
    live = np.any(vectors, axis=1)
    if not live.any():
        return {g: np.zeros(vectors.shape[1], dtype=np.float32) for g in set(groups)}
    overall = vectors[live].mean(axis=0)
    means = {}
    for group in set(groups):
        rows = [i for i, g in enumerate(groups) if g == group and live[i]]
        total = vectors[rows].sum(axis=0) if rows else 0.0
        means[group] = ((total + shrinkage * overall) / (len(rows) + shrinkage)).astype(np.float32)
    return means


def centre_by_group(
    vectors: np.ndarray,
    groups,
    *,
    means: dict | None = None,
    shrinkage: float = DEFAULT_SHRINKAGE,
) -> np.ndarray:
    """Centre each row on its group's mean (``group_means`` unless ``means`` is given)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    groups = list(groups)
    # Groups without a supplied mean get one from these vectors.
    means = {**group_means(vectors, groups, shrinkage=shrinkage), **(means or {})}
    out = np.zeros_like(vectors)
    for group in set(groups):
        rows = [i for i, g in enumerate(groups) if g == group]
        out[rows] = centre(vectors[rows], means[group])
    return out


def knn_mean(
    vectors: np.ndarray, reference: np.ndarray, k: int = DEFAULT_K, *, exclude_self: bool = False
) -> np.ndarray:
    """Mean cosine of each row of ``vectors`` to its ``k`` most similar rows of ``reference``.

    ``exclude_self`` drops the single best match, for when ``vectors`` is part of
    ``reference`` (a row is always its own nearest neighbour). ``k`` is capped by the
    size of ``reference``; an empty reference gives zeros (no hubness information).
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    reference = np.asarray(reference, dtype=np.float32)
    out = np.zeros(len(vectors), dtype=np.float32)
    available = len(reference) - (1 if exclude_self else 0)
    k = min(int(k), available)
    if k <= 0 or len(vectors) == 0:
        return out
    take = k + (1 if exclude_self else 0)
    for start in range(0, len(vectors), _CHUNK):
        sims = vectors[start : start + _CHUNK] @ reference.T
        top = -np.partition(-sims, take - 1, axis=1)[:, :take]
        if exclude_self:
            top = np.sort(top, axis=1)[:, ::-1][:, 1:]
        out[start : start + _CHUNK] = top.mean(axis=1)
    return out


def margin_scores(
    sims: np.ndarray,
    r_query: np.ndarray,
    r_candidate: np.ndarray,
    method: str = DEFAULT_METHOD,
) -> np.ndarray:
    """Apply a hubness-reduced score to a (queries x candidates) cosine matrix."""
    sims = np.asarray(sims, dtype=np.float32)
    rq = np.asarray(r_query, dtype=np.float32)[:, None]
    rc = np.asarray(r_candidate, dtype=np.float32)[None, :]
    if method == "cosine":
        return sims
    if method == "ratio":
        # Neighbourhood means are positive for real text; the floor guards zero vectors.
        return sims / np.maximum((rq + rc) / 2.0, 1e-6)
    if method == "distance":
        return sims - (rq + rc) / 2.0
    if method == "csls":
        return 2.0 * sims - rq - rc
    raise ValueError(f"unknown scoring method {method!r}; expected one of {METHODS}")


def cross_scores(
    queries: np.ndarray,
    candidates: np.ndarray,
    *,
    k: int = DEFAULT_K,
    method: str = DEFAULT_METHOD,
    r_query: np.ndarray | None = None,
    r_candidate: np.ndarray | None = None,
) -> np.ndarray:
    """Hubness-reduced scores for every (query, candidate) pair.

    Neighbourhood means not supplied are computed within this query/candidate set:
    ``r_query`` against the candidates, ``r_candidate`` against the queries. Pass
    precomputed ``r_candidate`` (from ``knn_mean`` over a larger reference population)
    when scoring one query against a stored catalogue.
    """
    queries = np.asarray(queries, dtype=np.float32)
    candidates = np.asarray(candidates, dtype=np.float32)
    sims = queries @ candidates.T
    if method == "cosine":
        return sims
    if r_query is None:
        r_query = knn_mean(queries, candidates, k)
    if r_candidate is None:
        r_candidate = knn_mean(candidates, queries, k)
    return margin_scores(sims, r_query, r_candidate, method)


def best_matches(
    queries: np.ndarray,
    candidates: np.ndarray,
    *,
    k: int = DEFAULT_K,
    method: str = DEFAULT_METHOD,
) -> np.ndarray:
    """Index of the best candidate for each query under ``method`` (bitext retrieval)."""
    if len(candidates) == 0:
        return np.zeros(len(queries), dtype=np.int64)
    return np.argmax(cross_scores(queries, candidates, k=k, method=method), axis=1)
