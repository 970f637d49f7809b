"""The retrieval engine: one cross-lingual search shared by the site's search, the API,
``lintas search``, and ``lintas rank-eval`` (pure module, no Django).

The multilingual encoder puts a language component into every vector: texts of one
language sit close together whatever they say, so raw cosines rank same-language texts
first. On the XQuAD-R dev pool (questions in en, zh, th, vi; one answer sentence per
language) raw cosines put 0.58 of the relevant top-10 hits in the question's own language
where 0.25 is unbiased. The engine removes the bias with two steps that have no tuned
weights (figures and rejected alternatives in docs/matching-search.md):

1. **Language centring** (Libovický et al., 2020). Each document vector has the mean
   document vector of its language subtracted and is re-normalised; a query is centred
   on the same document mean of *its* language. The means are shrunk towards the overall
   mean (``PRIOR``) so that a language seen a few times is not centred onto itself.
2. **Language-balanced pseudo-relevance feedback** (Rocchio, 1971). The best document
   of each language that clears the relevance floor is taken as feedback, and the query
   becomes ``q + mean(feedback)`` (equal weights, the textbook setting). A question finds
   its answer most easily in its own language; the feedback then carries the search to
   that answer's counterparts in the other languages, one per language, so no language
   can dominate it.

Lexical evidence (BM25 over ``lintas.matching.text`` tokens, or the database's full-text
index on the site) only counts for query terms that occur in documents of more than one
language — numbers, names, codes such as ``RTK`` or ``POME`` — and enters a reciprocal
rank fusion with a small weight, so a same-language word overlap can reorder close
candidates but never bury the other languages.

Scores are shown as **bands** (strong / good / possible) of the dense relevance (the
cosine of the expanded query and the centred document); below ``FLOOR`` a document is not
presented as a match, so a nonsense query gets "no close match".
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from lintas.matching.fusion import reciprocal_rank_fusion
from lintas.matching.index import VectorIndex, normalise

__all__ = [
    "BANDS",
    "FLOOR",
    "MATCH_BANDS",
    "EngineHit",
    "LanguageMeans",
    "RetrievalEngine",
    "SearchOutcome",
    "band_for",
    "run_collection",
]

# A language's mean is shrunk towards a reference mean as if PRIOR such texts were added:
# the shipped per-language reference (benchmarks/make_language_means.py, from the demo
# catalogue) when there is one, else the overall mean of the texts at hand. A small
# catalogue is thus centred on sensible means instead of onto its own few profiles.
PRIOR = 5.0
REFERENCE_MEANS = Path(__file__).with_name("data") / "language_means.npz"
_reference: dict | None = None


def reference_means() -> dict:
    """{language: mean passage vector} shipped with Lintas ("" = overall); {} if absent."""
    global _reference
    if _reference is None:
        try:
            with np.load(REFERENCE_MEANS) as data:
                _reference = {
                    ("" if k == "_overall" else k): data[k].astype(np.float32) for k in data.files
                }
        except OSError:
            _reference = {}
    return _reference


# Weight of the lexical list in the fusion (the dense list weighs 1) and the RRF constant.
LEXICAL_WEIGHT = 0.2
RRF_K = 60
CANDIDATES = 200
# The first pass only has to find the best document of each language above the floor.
FEEDBACK_CANDIDATES = 50

# Bands of the dense relevance (docs/matching-search.md has the calibration): on the demo
# catalogue twelve nonsense queries top out at 0.12-0.19 while known relevant profiles
# score 0.20-0.61; on the XQuAD-R dev pool 40 % of results at >= 0.45 are answers.
# Below FLOOR a document is not presented as a match.
BANDS = (("strong", 0.45), ("good", 0.30), ("possible", 0.20))
FLOOR = BANDS[-1][1]
# Bands of a recommendation's score (CSLS over the centred cosine plus shared-code evidence,
# then the sector, TRL and country bonuses of domain/recommend.py), calibrated on the labelled
# offer–need set in benchmarks/data/ (bench_matches.py --bands) to keep the share of
# "unrelated" pairs each band admits as before: >= 0.50 holds 62 % of the "real fit" pairs,
# 23 % of "related" and 1 % of "unrelated"; >= 0.35: 83 / 49 / 12 %; >= 0.20: 93 / 78 / 47 %.
MATCH_BANDS = (("strong", 0.50), ("good", 0.35), ("possible", 0.20))
# A first-pass hit must clear this to serve as feedback for its language.
FEEDBACK_FLOOR = 0.30


def band_for(relevance: float | None, bands=BANDS) -> str | None:
    """``strong`` / ``good`` / ``possible``, or None below the relevance floor."""
    if relevance is None:
        return None
    for name, threshold in bands:
        if relevance >= threshold:
            return name
    return None


@dataclass
class LanguageMeans:
    """Mean raw passage vector per language ("" = the overall mean, for unknown ones)."""

    means: dict = field(default_factory=dict)

    @classmethod
    def fit(
        cls,
        vectors: np.ndarray,
        languages: Sequence[str | None],
        *,
        reference: dict | None = None,
    ) -> LanguageMeans:
        """Means of ``vectors`` per language, each shrunk towards ``reference`` (default:
        the shipped reference means) or, for a language it lacks, the overall mean."""
        vectors = np.asarray(vectors, dtype=np.float32)
        reference = reference_means() if reference is None else reference
        if vectors.ndim != 2 or (
            reference and len(next(iter(reference.values()))) != vectors.shape[1]
        ):
            reference = {}  # another encoder's vectors (tests): no usable reference
        labels = np.asarray([lang or "" for lang in languages])
        live = np.any(vectors, axis=1) if len(vectors) else np.zeros(0, bool)
        if not live.any():
            return cls({})
        overall = vectors[live].mean(axis=0)
        if "" in reference:
            overall = (vectors[live].sum(axis=0) + PRIOR * reference[""]) / (live.sum() + PRIOR)
        means = {"": overall}
        for lang in sorted(set(labels[live].tolist()) | (set(reference) - {""})):
            if not lang:
                continue
            block = vectors[live & (labels == lang)]
            prior = reference.get(lang, overall)
            means[lang] = (block.sum(axis=0) + PRIOR * prior) / (len(block) + PRIOR)
        return cls(means)

    def mean(self, language: str | None) -> np.ndarray | None:
        if language and language in self.means:
            return self.means[language]
        return self.means.get("")

    def centre(self, vectors: np.ndarray, languages: Sequence[str | None]) -> np.ndarray:
        """Rows minus their language's mean, re-normalised; all-zero rows stay zero."""
        vectors = np.asarray(vectors, dtype=np.float32)
        if not self.means or not len(vectors):
            return normalise(vectors)
        offsets = np.vstack([self.mean(lang) for lang in languages])
        out = normalise(vectors - offsets)
        out[~np.any(vectors, axis=1)] = 0.0
        return out.astype(np.float32)


@dataclass
class EngineHit:
    """One result; ``relevance`` is the dense score behind ``band``."""

    id: Hashable
    score: float  # fused ranking score
    relevance: float
    band: str | None
    ranks: dict = field(default_factory=dict)
    matched_terms: list = field(default_factory=list)


@dataclass
class SearchOutcome:
    hits: list  # above the floor, best first, the requested page
    related: list  # below the floor (shown apart when there is no close match)
    language: str | None
    total: int  # results above the floor among the candidates

    @property
    def no_close_match(self) -> bool:
        return self.total == 0


LexicalSource = Callable[[list[str], int], list[tuple[Hashable, float]]]


class RetrievalEngine:
    """Holds centred document vectors (and optionally a BM25 index) and answers queries.

    ``build`` takes what the database or a BEIR corpus holds: ids, raw passage vectors,
    languages and optionally tokens. ``groups`` (optional, one per row) says which result a
    row stands for: a profile's translations are rows of their own grouped under the
    profile's id, so a query matches any of its texts and the profile is returned once, at
    the place of its best-ranked text and with the best relevance among them. Without
    ``groups`` every row is its own result. ``add`` updates rows in place with the current
    language means (callers rebuild when the catalogue has grown a lot). A site that
    keeps its lexical index in the database passes ``lexical`` to ``search``.
    """

    def __init__(self, encoder=None) -> None:
        self.encoder = encoder
        self.means = LanguageMeans()
        self._lock = threading.RLock()
        self._ids: list = []
        self._row: dict = {}
        self._langs: list = []
        self._group: list = []  # row -> the result it stands for
        self._group_rows: dict = {}  # result -> its rows
        self._index: VectorIndex | None = None
        self._bm25 = None
        self._term_langs: dict[str, set] = {}
        self.built_size = 0

    def __len__(self) -> int:
        return len(self._ids)

    # -- building ---------------------------------------------------------------------
    def build(
        self,
        ids: Sequence[Hashable],
        vectors: np.ndarray,
        languages: Sequence[str | None],
        *,
        tokens: Iterable[Sequence[str]] | None = None,
        groups: Sequence[Hashable] | None = None,
    ) -> RetrievalEngine:
        vectors = np.asarray(vectors, dtype=np.float32)
        means = LanguageMeans.fit(vectors, languages)
        with self._lock:
            self.means = means
            self._ids, self._row, self._langs = [], {}, []
            self._group, self._group_rows = [], {}
            dim = vectors.shape[1] if vectors.ndim == 2 and vectors.shape[0] else 1
            self._index = VectorIndex(dim)
            self._add(ids, vectors, languages, groups)
            self.built_size = len(self._ids)
            if tokens is not None:
                self._build_lexical(tokens)
        return self

    def add(
        self,
        ids: Sequence[Hashable],
        vectors: np.ndarray,
        languages,
        groups: Sequence[Hashable] | None = None,
    ) -> None:
        """Insert or replace rows (centred with the means of the last build)."""
        with self._lock:
            if self._index is None:
                self.build(ids, vectors, languages, groups=groups)
                return
            self._add(ids, np.asarray(vectors, dtype=np.float32), languages, groups)

    def _add(self, ids, vectors, languages, groups=None) -> None:
        rows = []
        groups = ids if groups is None else groups
        for pid, lang, group in zip(ids, languages, groups, strict=True):
            row = self._row.get(pid)
            if row is None:
                row = self._row[pid] = len(self._ids)
                self._ids.append(pid)
                self._langs.append(lang)
                self._group.append(group)
                self._group_rows.setdefault(group, []).append(row)
            else:
                self._langs[row] = lang
            rows.append(row)
        if rows:
            self._index.add(np.asarray(rows, np.int64), self.means.centre(vectors, languages))

    def _build_lexical(self, tokens: Iterable[Sequence[str]]) -> None:
        from lintas.matching.lexical import BM25Index

        lists = [list(t) for t in tokens]
        term_langs: dict[str, set] = {}
        for toks, lang in zip(lists, self._langs, strict=True):
            for term in set(toks):
                term_langs.setdefault(term, set()).add(lang)
        self._term_langs = term_langs
        self._bm25 = BM25Index.build(enumerate(lists))

    def set_term_languages(self, term_langs: dict[str, set]) -> None:
        """For a database-backed lexical index: which languages' documents hold each term."""
        self._term_langs = term_langs

    # -- searching --------------------------------------------------------------------
    def query_vector(self, text: str, language: str | None) -> np.ndarray:
        """The query encoded (e5 ``query:``) and centred on its language's document mean."""
        raw = self.encoder.encode_queries([text])
        return self.means.centre(raw, [language])[0]

    def shared_terms(self, terms: Sequence[str]) -> list[str]:
        """Query terms that read the same in every language — they contain a digit
        (model numbers, codes, quantities) — and occur in documents of more than one
        language. Ordinary words, even shared ones, are left to the dense side: on the
        XQuAD-R dev set every word-level lexical list tried lowered mAP."""
        coded = [t for t in dict.fromkeys(terms) if any(c.isdigit() for c in t)]
        if not self._term_langs:  # lexical index kept elsewhere (the site's database)
            return coded
        return [t for t in coded if len(self._term_langs.get(t, ())) > 1]

    def _expand(self, index, qvec, rows, limit) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """First pass, then the query plus the best document of each language whose
        cosine clears FEEDBACK_FLOOR (language-balanced Rocchio feedback). Returns the
        expanded query, the feedback vectors and their first-pass cosines."""
        found, cosines = index.search(qvec, k=min(limit, FEEDBACK_CANDIDATES), allowed=rows)
        best: dict = {}
        for row, cos in zip(found.tolist(), cosines.tolist(), strict=True):
            if cos < FEEDBACK_FLOOR:
                break
            best.setdefault(self._langs[row], (row, cos))
        if not best:
            return qvec, np.zeros((0, len(qvec)), np.float32), np.zeros(0, np.float32)
        vectors = index.vectors([r for r, _ in best.values()])
        trust = np.array([c for _, c in best.values()], dtype=np.float32)
        return normalise((qvec + vectors.mean(axis=0))[None, :])[0], vectors, trust

    def ranked(
        self,
        query: str,
        *,
        language: str | None = None,
        terms: Sequence[str] | None = None,
        allowed: Iterable[Hashable] | None = None,
        lexical: LexicalSource | None = None,
        query_vector: np.ndarray | None = None,
        candidates: int = CANDIDATES,
    ) -> list[EngineHit]:
        """Every candidate in fused order, each with its relevance and band.

        ``terms`` are the query's tokens; ``lexical(terms, limit) -> [(id, score)]``
        replaces the in-memory BM25 index; ``allowed`` restricts results to those ids;
        ``query_vector`` skips encoding (a centred vector from ``query_vector()``).
        """
        with self._lock:
            index, ids, row_of = self._index, self._ids, self._row
            group_of, group_rows = self._group, self._group_rows
            if index is None or not ids:
                return []
            rows = None
            if allowed is not None:
                rows = np.fromiter(
                    (r for a in allowed for r in group_rows.get(a, ())), dtype=np.int64
                )
                if not len(rows):
                    return []
            if query_vector is None:
                query_vector = self.query_vector(query, language)
            limit = min(candidates, len(ids) if rows is None else len(rows))
            qvec, _feedback, trust = self._expand(index, query_vector, rows, limit)
            found, _cosines = index.search(qvec, k=limit, allowed=rows)
            ranked = {"dense": [int(r) for r in found]}
            matched: dict[int, list[str]] = {}
            shared = self.shared_terms(terms or [])
            if shared:
                allowed_rows = None if rows is None else set(rows.tolist())
                lex_rows = []
                for pid, words in self._lexical(shared, lexical, limit * 3):
                    r = row_of.get(pid)
                    if r is None or (allowed_rows is not None and r not in allowed_rows):
                        continue
                    lex_rows.append(r)
                    matched[r] = words
                ranked["lexical"] = lex_rows[:limit]
            fused = reciprocal_rank_fusion(
                ranked, k=RRF_K, weights={"dense": 1.0, "lexical": LEXICAL_WEIGHT}
            )
            relevance = self._relevance(
                index, [int(f.id) for f in fused], query_vector, qvec, trust
            )
            # One result per group (a profile and its translations): placed by its
            # best-ranked row, judged by the best relevance among its rows.
            best: dict = {}
            for f in fused:
                group = group_of[int(f.id)]
                best[group] = max(best.get(group, -1.0), relevance[int(f.id)])
            hits, seen = [], set()
            for f in fused:
                row = int(f.id)
                group = group_of[row]
                if group in seen:
                    continue
                seen.add(group)
                hits.append(
                    EngineHit(
                        id=group,
                        score=float(f.score),
                        relevance=best[group],
                        band=band_for(best[group]),
                        ranks=dict(f.ranks),
                        matched_terms=matched.get(row, []),
                    )
                )
            return hits

    @staticmethod
    def _relevance(index, rows, qvec, expanded, trust) -> dict[int, float]:
        """How close each document is to what was asked: its cosine with the query, or,
        if higher, its cosine with the expanded query capped at the best first-pass
        cosine. The cap keeps feedback from vouching for more than the query itself
        found (a nonsense query stays below the floor), while an answer in another
        language, reached through the feedback, is judged by the expanded query."""
        if not rows:
            return {}
        docs = index.vectors(rows)
        own = docs @ qvec
        if len(trust):
            via_feedback = np.minimum(docs @ expanded, float(trust.max()))
            own = np.maximum(own, via_feedback)
        return {r: float(v) for r, v in zip(rows, own.tolist(), strict=True)}

    def search(self, query: str, *, k: int = 10, offset: int = 0, **options) -> SearchOutcome:
        """Matches above the relevance floor (the page ``offset:offset+k``); when nothing
        clears it, up to ``k`` below-floor "related" results, best first."""
        every = self.ranked(query, **options)
        above = [h for h in every if h.band]
        below = [] if above else sorted(every, key=lambda h: -h.relevance)[:k]
        return SearchOutcome(
            hits=above[offset : offset + k],
            related=below,
            language=options.get("language"),
            total=len(above),
        )

    def _lexical(self, terms, lexical, limit) -> list[tuple[Hashable, list[str]]]:
        if lexical is not None:
            return [(pid, list(terms)) for pid, _score in lexical(list(terms), limit)]
        if self._bm25 is None:
            return []
        return [(self._ids[h.id], list(h.matched)) for h in self._bm25.search(list(terms), limit)]

    def rank(self, query: str, *, k: int = 100, **options) -> list:
        """Ids best first, floor ignored (what ``rank-eval`` scores)."""
        options.setdefault("candidates", max(k, CANDIDATES))
        return [h.id for h in self.ranked(query, **options)][:k]


def run_collection(collection, *, encoder, k: int = 100, lexical: bool = True) -> dict:
    """Index a ``rankeval.Collection`` in memory and rank every query: {query id: [ids]}.

    Languages missing from the files are detected (``langid``) and written back into the
    collection, so the per-language metrics see them; tokens come from
    ``lintas.matching.text`` as on the site.
    """
    from lintas.core.langid import detect_language
    from lintas.matching.text import tokens as tokenise

    docs, queries = collection.corpus, collection.queries
    for record in (*docs, *queries):  # detected languages also count in the metrics
        record["language"] = record["language"] or detect_language(record["text"])
    doc_langs = [d["language"] for d in docs]
    query_langs = [q["language"] for q in queries]
    vectors = encoder.encode_passages([d["text"] for d in docs])
    doc_tokens = (
        [tokenise(d["text"], lang, expand=True) for d, lang in zip(docs, doc_langs, strict=True)]
        if lexical
        else None
    )
    engine = RetrievalEngine(encoder).build(
        [d["id"] for d in docs], vectors, doc_langs, tokens=doc_tokens
    )
    qraw = encoder.encode_queries([q["text"] for q in queries])
    qvecs = engine.means.centre(qraw, query_langs)
    run = {}
    for q, lang, qvec in zip(queries, query_langs, qvecs, strict=True):
        terms = tokenise(q["text"], lang) if lexical else None
        run[q["id"]] = engine.rank(q["text"], k=k, language=lang, terms=terms, query_vector=qvec)
    return run
