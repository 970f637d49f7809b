"""Expertise affinity on a dev check shaped like Stelmakh et al.'s gold standard.

Six computer scientists, each represented by their own papers (titles, and abstracts where
their public publication list has them); nine held-out papers rated 1-5 per expert
(benchmarks/data/affinity_dev.json says where the texts come from and how the ratings were
given). Loss (Stelmakh et al., 2023): over each expert's pairs of documents with different
ratings, the share, weighted by the rating difference, that the scores order wrongly, ties
counting one half; pooled over experts, lower is better.

Two settings from the same run: the documents in English (within one language) and the
same documents translated into Chinese, Indonesian or Vietnamese (across languages, as for
Lintas's reviewers and hosts). Baseline: the affinity default before issue 18 (language-
centred soft maximum, T = 0.1), then the variants tried.

    .venv/bin/python benchmarks/bench_affinity_papers.py
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lintas.matching import affinity as aff  # noqa: E402


def loss(scores: np.ndarray, ratings: np.ndarray) -> float:
    """Weighted share of mis-ordered document pairs per expert, ties count half."""
    wrong = total = 0.0
    for e in range(scores.shape[0]):
        for a, b in itertools.combinations(range(scores.shape[1]), 2):
            if ratings[e, a] == ratings[e, b]:
                continue
            weight = abs(ratings[e, a] - ratings[e, b])
            hi, lo = (a, b) if ratings[e, a] > ratings[e, b] else (b, a)
            if scores[e, hi] == scores[e, lo]:
                wrong += 0.5 * weight
            elif scores[e, hi] < scores[e, lo]:
                wrong += weight
            total += weight
    return wrong / total


class Memo:
    def __init__(self):
        from lintas.matching.encoder import get_encoder

        self.inner, self.cache = get_encoder(), {}
        self.name, self.dim = self.inner.name, self.inner.dim

    def encode_passages(self, texts):
        todo = [t for t in texts if t not in self.cache]
        if todo:
            for t, v in zip(todo, self.inner.encode_passages(todo), strict=True):
                self.cache[t] = v
        return np.vstack([self.cache[t] for t in texts])

    def encode_queries(self, texts):
        return self.inner.encode_queries(texts)


def before_issue_18(experts, documents, encoder) -> np.ndarray:
    """``lintas affinity`` before issue 18, rebuilt: the call's own language means
    (``scoring.centre_by_group``, only with >= 20 distinct texts), soft maximum T = 0.1."""
    from lintas.core import langid
    from lintas.matching import scoring

    unique = list(dict.fromkeys([t for texts in experts for t in texts] + list(documents)))
    vectors = encoder.encode_passages(unique)
    if len(unique) >= 20:
        groups = [langid.detect_language(t) or "unknown" for t in unique]
        vectors = scoring.centre_by_group(vectors, groups)
    pos = {t: i for i, t in enumerate(unique)}
    docs = vectors[[pos[t] for t in documents]]
    return np.array(
        [
            aff.dense_affinity(vectors[[pos[t] for t in texts]], docs, method="softmax")
            for texts in experts
        ]
    )


VARIANTS = {
    "raw max": dict(method="max", centring=False),
    "raw mean": dict(method="mean", centring=False),
    "raw centroid": dict(method="centroid", centring=False),
    "raw top-3 mean": dict(method="topk", top_k=3, centring=False),
    "centred max": dict(method="max"),
    "centred centroid": dict(method="centroid"),
    "centred top-2 mean": dict(method="topk", top_k=2),
    "centred top-3 mean": dict(method="topk", top_k=3),
    "centred softmax T=0.05": dict(method="softmax", temperature=0.05),
    "centred top-3 mean + lexical 0.2": dict(method="topk", top_k=3, lexical_weight=0.2),
    "new default: centroid+max, centred": dict(),
}


def main() -> None:
    data = json.loads((ROOT / "benchmarks/data/affinity_dev.json").read_text(encoding="utf-8"))
    experts = list(data["experts"])
    docs = list(data["documents"])
    ratings = np.array([[data["ratings"][e][d] for d in docs] for e in experts], dtype=float)
    encoder = Memo()
    texts = [data["experts"][e] for e in experts]
    english = [data["documents"][d]["text"] for d in docs]
    translated = [data["documents"][d]["translation"]["text"] for d in docs]
    print(f"{len(experts)} experts ({sum(map(len, texts))} papers), {len(docs)} documents")
    print(f"  {'variant':<40} {'English docs':>12} {'translated docs':>16}")
    en = loss(before_issue_18(texts, english, encoder), ratings)
    xl = loss(before_issue_18(texts, translated, encoder), ratings)
    print(f"  {'baseline: default before issue 18':<40} {en:>12.3f} {xl:>16.3f}", flush=True)
    for name, options in VARIANTS.items():
        en = loss(aff.affinity_matrix(texts, english, encoder=encoder, **options), ratings)
        xl = loss(aff.affinity_matrix(texts, translated, encoder=encoder, **options), ratings)
        print(f"  {name:<40} {en:>12.3f} {xl:>16.3f}", flush=True)


if __name__ == "__main__":
    main()
