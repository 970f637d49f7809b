"""Expertise affinity: how well a person's own texts cover a document.

Used to suggest reviewers for programme applications and technology managers for
profiles. An expert is a handful of texts (papers, patents, past profiles) that may
span several topics and languages. Two things matter, measured on two dev checks
(``benchmarks/bench_affinity_papers.py``: papers of six computer scientists, documents
in English and translated; ``benchmarks/bench_affinity.py``: a small constructed
multilingual set; docs/matching-encoder.md has the figures):

1. **Language centring.** The encoder puts a language offset into every vector, so a
   Chinese expert text is "close" to every Chinese document. All texts of one call are
   centred on their language's mean, shrunk towards Lintas's shipped reference mean of
   that language (``retrieval.LanguageMeans``, the same statistics search uses), so a
   small call is not centred onto its own texts. The Django side can pass means
   computed over the whole catalogue (``language_means``).
2. **Centroid + max** (``blend``, the default): half the cosine to the centroid of the
   expert's texts (their whole profile), half the best single text's cosine (their
   closest work). Without centring the maximum is best within one language and worst
   across languages; the soft maximum used before hurt within one language once
   centred; the blend was best or close to best in both settings.

A character-trigram TF-IDF score can be mixed in (``lexical_weight``) for shared
technical terms; it did not help on either dev check, so it is off by default.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

AGGREGATIONS = ("centroid", "mean", "max", "topk", "softmax", "blend")
DEFAULT_AGGREGATION = "blend"
DEFAULT_TEMPERATURE = 0.1
DEFAULT_TOP_K = 2
DEFAULT_LEXICAL_WEIGHT = 0.0


def aggregate(
    sims: np.ndarray,
    *,
    method: str = DEFAULT_AGGREGATION,
    top_k: int = DEFAULT_TOP_K,
    temperature: float = DEFAULT_TEMPERATURE,
) -> np.ndarray:
    """Collapse an (expert texts x documents) similarity matrix to one score per document."""
    sims = np.asarray(sims, dtype=np.float64)
    if sims.ndim != 2 or sims.shape[0] == 0:
        return np.zeros(sims.shape[-1] if sims.ndim == 2 else 0)
    if method == "mean":
        return sims.mean(axis=0)
    if method == "max":
        return sims.max(axis=0)
    if method == "topk":
        k = max(1, min(int(top_k), sims.shape[0]))
        return -np.sort(-sims, axis=0)[:k].mean(axis=0)
    if method == "softmax":
        z = sims / float(temperature)
        z -= z.max(axis=0, keepdims=True)
        w = np.exp(z)
        w /= w.sum(axis=0, keepdims=True)
        return (w * sims).sum(axis=0)
    raise ValueError(f"unknown aggregation {method!r}; expected one of {AGGREGATIONS}")


def dense_affinity(
    expert_vectors: np.ndarray,
    document_vectors: np.ndarray,
    *,
    method: str = DEFAULT_AGGREGATION,
    top_k: int = DEFAULT_TOP_K,
    temperature: float = DEFAULT_TEMPERATURE,
) -> np.ndarray:
    """Affinity of one expert (rows = their text vectors) to each document vector."""
    expert_vectors = np.asarray(expert_vectors, dtype=np.float32)
    document_vectors = np.asarray(document_vectors, dtype=np.float32)
    if method in ("centroid", "blend"):
        centre = expert_vectors.mean(axis=0)
        norm = float(np.linalg.norm(centre))
        if norm == 0:
            return np.zeros(len(document_vectors))
        centroid = (document_vectors @ (centre / norm)).astype(np.float64)
        if method == "centroid":
            return centroid
        # the expert's whole profile and their single closest text, in equal parts
        return 0.5 * centroid + 0.5 * (expert_vectors @ document_vectors.T).max(axis=0)
    sims = expert_vectors @ document_vectors.T
    return aggregate(sims, method=method, top_k=top_k, temperature=temperature)


class TrigramTfidf:
    """Character-trigram TF-IDF over a fixed collection: language-agnostic lexical overlap.

    Character n-grams need no word segmentation, so Chinese, Thai or Khmer text works
    the same as Malay or English.
    """

    def __init__(self, collection: Sequence[str]) -> None:
        df: Counter[str] = Counter()
        for text in collection:
            df.update(set(self._grams(text)))
        self._n = max(len(collection), 1)
        self._idf = {g: math.log((1 + self._n) / (1 + c)) + 1.0 for g, c in df.items()}

    @staticmethod
    def _grams(text: str) -> list[str]:
        t = " ".join(text.lower().split())
        return [t[i : i + 3] for i in range(len(t) - 2)]

    def vector(self, text: str) -> dict[str, float]:
        counts = Counter(self._grams(text))
        default_idf = math.log(1 + self._n) + 1.0
        vec = {g: (1 + math.log(c)) * self._idf.get(g, default_idf) for g, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {g: v / norm for g, v in vec.items()} if norm else {}

    @staticmethod
    def cosine(a: dict[str, float], b: dict[str, float]) -> float:
        if len(a) > len(b):
            a, b = b, a
        return sum(v * b.get(g, 0.0) for g, v in a.items())


def affinity_matrix(
    experts: Sequence[Sequence[str]],
    documents: Sequence[str],
    *,
    encoder=None,
    method: str = DEFAULT_AGGREGATION,
    top_k: int = DEFAULT_TOP_K,
    temperature: float = DEFAULT_TEMPERATURE,
    lexical_weight: float = DEFAULT_LEXICAL_WEIGHT,
    centring: bool = True,
    languages: Mapping[str, str | None] | None = None,
    language_means: Mapping[str, np.ndarray] | None = None,
) -> np.ndarray:
    """(experts x documents) affinity scores; higher means more expertise.

    Expert texts and documents are both encoded as passages (document-to-document
    comparison); each distinct text is encoded once. With ``centring`` the vectors
    are centred per language: ``languages`` maps a text to its known language (the
    rest are detected), ``language_means`` supplies catalogue-wide means (otherwise
    they come from the texts of this call, shrunk towards the shipped reference means).
    """
    if encoder is None:
        from lintas.matching.encoder import get_encoder

        encoder = get_encoder()
    unique = list(dict.fromkeys([t for texts in experts for t in texts] + list(documents)))
    position = {t: i for i, t in enumerate(unique)}
    vectors = encoder.encode_passages(unique)
    # The means of this call's texts are shrunk towards Lintas's shipped reference mean of
    # each language (lintas.matching.retrieval.LanguageMeans, as search uses), so a small
    # call is not centred onto its own few texts; catalogue-wide means win when given.
    if centring:
        from lintas.core import langid
        from lintas.matching import scoring
        from lintas.matching.retrieval import LanguageMeans

        known = languages or {}
        groups = [known.get(t) or langid.detect_language(t) or "" for t in unique]
        if language_means:
            vectors = scoring.centre_by_group(vectors, groups, means=dict(language_means))
        else:
            vectors = LanguageMeans.fit(vectors, groups).centre(vectors, groups)
    doc_vectors = vectors[[position[t] for t in documents]]
    scores = np.zeros((len(experts), len(documents)))
    lexical = TrigramTfidf(unique) if lexical_weight else None
    lex_vectors = {t: lexical.vector(t) for t in unique} if lexical else {}
    for e, texts in enumerate(experts):
        if not texts:
            continue
        expert_vectors = vectors[[position[t] for t in texts]]
        dense = dense_affinity(
            expert_vectors, doc_vectors, method=method, top_k=top_k, temperature=temperature
        )
        if lexical:
            lex = np.array(
                [
                    [TrigramTfidf.cosine(lex_vectors[t], lex_vectors[d]) for d in documents]
                    for t in texts
                ]
            )
            lex_method = "max" if method in ("centroid", "blend") else method
            lex_scores = aggregate(lex, method=lex_method, top_k=top_k, temperature=temperature)
            dense = (1 - lexical_weight) * dense + lexical_weight * lex_scores
        scores[e] = dense
    return scores


def affinity(expert_texts: Sequence[str], document: str, *, encoder=None, **options) -> float:
    """Affinity of one expert (their texts) to one document; see ``affinity_matrix``."""
    return float(
        affinity_matrix([list(expert_texts)], [document], encoder=encoder, **options)[0, 0]
    )
