"""Adapter between programmes and the expertise-affinity module.

Reviewer and host assignment need a number for "how well do these texts (a reviewer's
publications, a lab's research areas) cover that application". The answer is
``lintas.matching.affinity`` (multilingual encoder + soft maximum), part of every install.
It is too slow for most unit tests, so there is a clearly named stand-in, ``lexical``: token
TF-IDF cosine with the same soft-maximum aggregation, used only when a test sets the Django
setting ``PROGRAMMES_AFFINITY = "lexical"``. It is deliberately not read from the
environment or the INI file: a lexical run would silently make production assignments worse.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from django.conf import settings

_TOKEN = re.compile(r"\w+", re.UNICODE)
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "with",
        "we",
        "our",
        "using",
    ]
)


def backend() -> str:
    """ "lexical" when a test asked for the stand-in, else "real" (lintas.matching.affinity)."""
    return "lexical" if getattr(settings, "PROGRAMMES_AFFINITY", "real") == "lexical" else "real"


def _tokens(text: str) -> list[str]:
    words = [w for w in _TOKEN.findall(text.lower()) if w not in _STOP and len(w) > 1]
    # Scripts without spaces (Chinese, Thai) come out as long runs: use character bigrams.
    out = []
    for w in words:
        if len(w) > 12 and not w.isascii():
            out.extend(w[i : i + 2] for i in range(len(w) - 1))
        else:
            out.append(w)
    return out


def lexical_similarity(texts_a: Sequence[str], texts_b: Sequence[str]) -> np.ndarray:
    """Lexical fallback: TF-IDF cosine over word tokens, (len(a) x len(b))."""
    docs = [Counter(_tokens(t)) for t in [*texts_a, *texts_b]]
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    n = len(docs) or 1
    vectors = []
    for d in docs:
        vec = {w: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[w])) + 1) for w, c in d.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({w: v / norm for w, v in vec.items()})
    va, vb = vectors[: len(texts_a)], vectors[len(texts_a) :]
    out = np.zeros((len(va), len(vb)))
    for i, a in enumerate(va):
        for j, b in enumerate(vb):
            small, big = (a, b) if len(a) < len(b) else (b, a)
            out[i, j] = sum(v * big.get(w, 0.0) for w, v in small.items())
    return out


def _softmax_aggregate(sims: np.ndarray, temperature: float = 0.05) -> np.ndarray:
    if sims.shape[0] == 0:
        return np.zeros(sims.shape[1])
    z = sims / temperature
    z -= z.max(axis=0, keepdims=True)
    w = np.exp(z)
    w /= w.sum(axis=0, keepdims=True)
    return (w * sims).sum(axis=0)


def similarity(texts_a: Sequence[str], texts_b: Sequence[str]) -> np.ndarray:
    """Pairwise text similarity (len(a) x len(b)) with the active backend."""
    if not texts_a or not texts_b:
        return np.zeros((len(texts_a), len(texts_b)))
    if backend() == "real":
        from lintas.matching.affinity import affinity_matrix

        return affinity_matrix([[t] for t in texts_a], list(texts_b))
    return lexical_similarity(texts_a, texts_b)


def affinity_matrix(experts: Sequence[Sequence[str]], documents: Sequence[Sequence[str]]):
    """(experts x documents) scores: how well each expert's texts cover each document.

    A document here is a list of texts (an application's proposal and publications);
    each expert text is compared with each document text, the best match per expert
    text is kept, and the expert texts are aggregated with a soft maximum.
    """
    experts = [[t for t in e if t and t.strip()] for e in experts]
    documents = [[t for t in d if t and t.strip()] for d in documents]
    flat_e = [t for e in experts for t in e]
    flat_d = [t for d in documents for t in d]
    sims = similarity(flat_e, flat_d)
    out = np.zeros((len(experts), len(documents)))
    e0 = 0
    for i, e in enumerate(experts):
        d0 = 0
        for j, d in enumerate(documents):
            if e and d:
                block = sims[e0 : e0 + len(e), d0 : d0 + len(d)].max(axis=1, keepdims=True)
                out[i, j] = float(_softmax_aggregate(block)[0])
            d0 += len(d)
        e0 += len(e)
    return out


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?。！？])\s*", text)
    return [p.strip() for p in parts if len(p.strip()) > 3]


def explain(texts_a: Sequence[str], texts_b: Sequence[str]) -> dict:
    """The best matching sentence of ``texts_a`` and text of ``texts_b``, with their score."""
    sentences = [s for t in texts_a for s in _sentences(t)] or list(texts_a)
    texts_b = [t for t in texts_b if t and t.strip()]
    if not sentences or not texts_b:
        return {"host_text": "", "applicant_text": "", "score": 0.0}
    sims = similarity(sentences, texts_b)
    i, j = np.unravel_index(int(np.argmax(sims)), sims.shape)
    return {
        "host_text": sentences[i],
        "applicant_text": texts_b[j],
        "score": round(float(sims[i, j]), 4),
    }


def explain_pairs(pairs: Sequence[tuple[Sequence[str], Sequence[str]]]) -> list[dict]:
    """``explain`` for many (texts_a, texts_b) pairs with one similarity computation over the
    distinct sentences and texts (one encoder pass instead of one per pair: a reviewer run
    explains every new review)."""
    sentence_lists = [[s for t in a for s in _sentences(t)] or list(a) for a, _b in pairs]
    text_lists = [[t for t in b if t and t.strip()] for _a, b in pairs]
    sentences = sorted({s for group in sentence_lists for s in group})
    texts = sorted({t for group in text_lists for t in group})
    sims = similarity(sentences, texts)
    row = {s: i for i, s in enumerate(sentences)}
    col = {t: j for j, t in enumerate(texts)}
    out = []
    for group_a, group_b in zip(sentence_lists, text_lists, strict=True):
        if not group_a or not group_b:
            out.append({"host_text": "", "applicant_text": "", "score": 0.0})
            continue
        block = sims[np.ix_([row[s] for s in group_a], [col[t] for t in group_b])]
        i, j = np.unravel_index(int(np.argmax(block)), block.shape)
        out.append(
            {
                "host_text": group_a[i],
                "applicant_text": group_b[j],
                "score": round(float(block[i, j]), 4),
            }
        )
    return out
