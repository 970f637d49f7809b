"""Technical codes two texts share, whatever language they are written in.

Acronyms and codes (UASB, COD, RTK, LFP, PCR, DIV1) are written the same in a Chinese, a Lao
and an Indonesian profile, and the small multilingual encoder does not tie many technical words
across languages (it puts 木薯, "cassava", no closer to the Lao or Thai word for it than to any
other word). So the codes two profiles share are language-neutral evidence that they are about
the same technology: lexical evidence that cannot favour the query's own language.

Each profile becomes a sparse vector over the codes of the catalogue, weighted by inverse
document frequency (a code most profiles write, such as USD or ASEAN, weighs little) and
normalised with a smoothing term, so that one shared code between two profiles that write
nothing else does not count as a full match:

    evidence(a, b) = Σ_{c ∈ a ∩ b} idf(c)² / sqrt((|a|² + λ·L²) (|b|² + λ·L²))

where ``|a|²`` is the sum of a's squared weights, ``L = ln(N + 1)`` (the weight of a code seen
once in N profiles) and λ = ``SMOOTHING``. The result lies in [0, 1). The recommendation adds
it, weighted, to the language-centred cosine (``matching/domain/recommend.py``); the weight
and λ were chosen on the labelled offer–need set (``benchmarks/bench_matches.py``).

Pure: no Django, no encoder.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

# Acronyms and codes as a text writes them (POME, RTK, LFP, DIV1): they do not translate.
CODE = re.compile(r"\b[A-Z][A-Z0-9]{1,7}\b")
SMOOTHING = 0.5


def codes_in(text: str) -> set[str]:
    """Case-folded acronyms and codes written in capitals in ``text``."""
    return {c.casefold() for c in CODE.findall(text or "")}


@dataclass(frozen=True)
class CodeSpace:
    """Inverse document frequencies of the codes of one population of profiles."""

    vocabulary: dict  # code -> column
    idf: np.ndarray  # (V,)
    size: int  # N, the number of profiles counted

    @classmethod
    def fit(cls, code_sets: Iterable[Iterable[str]]) -> CodeSpace:
        sets = [set(codes) for codes in code_sets]
        df = Counter(code for codes in sets for code in codes)
        vocabulary = {code: i for i, code in enumerate(sorted(df))}
        n = len(sets)
        idf = np.array(
            [math.log((n + 1) / (df[code] + 0.5)) for code in sorted(df)], dtype=np.float32
        )
        return cls(vocabulary=vocabulary, idf=idf, size=n)

    def weight(self, code: str) -> float:
        column = self.vocabulary.get(code)
        return float(self.idf[column]) if column is not None else 0.0

    def matrix(
        self, code_sets: Sequence[Iterable[str]], *, smoothing: float = SMOOTHING
    ) -> sparse.csr_matrix:
        """Rows of idf weights, smoothed-normalised so that ``M @ M.T`` is the evidence."""
        rows, cols, vals = [], [], []
        for r, codes in enumerate(code_sets):
            for code in set(codes):
                column = self.vocabulary.get(code)
                if column is not None:
                    rows.append(r)
                    cols.append(column)
                    vals.append(self.idf[column])
        m = sparse.csr_matrix(
            (np.asarray(vals, dtype=np.float32), (rows, cols)),
            shape=(len(code_sets), len(self.vocabulary)),
            dtype=np.float32,
        )
        prior = smoothing * math.log(self.size + 1) ** 2
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel() + prior)
        scale = np.where(norms > 0, 1.0 / np.maximum(norms, 1e-12), 0.0).astype(np.float32)
        return sparse.csr_matrix(sparse.diags(scale) @ m, dtype=np.float32)

    def shared(self, a: Iterable[str], b: Iterable[str]) -> list[str]:
        """The codes both sides write, the rarest (most telling) first."""
        both = set(a) & set(b)
        return sorted(both, key=lambda code: (-self.weight(code), code))


def evidence(m_a: sparse.csr_matrix, m_b: sparse.csr_matrix) -> np.ndarray:
    """Dense (rows of a) x (rows of b) matrix of code evidence, from ``CodeSpace.matrix`` rows."""
    return np.asarray((m_a @ m_b.T).toarray(), dtype=np.float32)
