"""Language-aware tokenisation for lexical search and match explanations.

Pure module (no Django). Text is split into runs by script first, and each run goes to
the segmenter that suits it, so a Chinese profile that mentions "PLC" or a Thai title
with an English brand name is handled without trusting the declared language:

- Han: rjieba (jieba-rs). ``水泵`` stays one word, which SQLite's trigram tokenizer
  cannot find (a trigram needs three characters), hence the pre-segmentation.
- Thai: pythainlp ``newmm`` (dictionary shipped in the package, works offline).
- Khmer, Lao, Burmese: ICU word break (``pyicu-wheels`` ships ICU and its data in the
  wheel); without ICU, overlapping character bigrams of the run.
- Everything else: Unicode words, NFKC-normalised and case-folded. Vietnamese keeps its
  diacritics; documents can also carry the accent-folded form (``expand=True``) so that a
  query typed without diacritics still finds them.

The declared language picks the stop-word list and the Vietnamese handling.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

try:  # ICU is optional: a documented bigram fallback is used without it.
    import icu as _icu
except ImportError:  # pragma: no cover - depends on the environment
    _icu = None

__all__ = [
    "STOP_WORDS",
    "TermStats",
    "fold_accents",
    "has_icu",
    "key_terms",
    "segment_for_fts",
    "tokens",
]

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff\u3007"
_THAI = "\u0e00-\u0e7f"
_LAO = "\u0e80-\u0eff"
_KHMER = "\u1780-\u17ff\u19e0-\u19ff"
_MYANMAR = "\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f"
_SPECIAL = _HAN + _THAI + _LAO + _KHMER + _MYANMAR

_RUNS = re.compile(
    rf"(?P<han>[{_HAN}]+)"
    rf"|(?P<thai>[{_THAI}]+)"
    rf"|(?P<lao>[{_LAO}]+)"
    rf"|(?P<khmer>[{_KHMER}]+)"
    rf"|(?P<myanmar>[{_MYANMAR}]+)"
    rf"|(?P<word>(?:(?![{_SPECIAL}])[^\W_])+)"
)
_ICU_LOCALE = {"lao": "lo", "khmer": "km", "myanmar": "my", "thai": "th", "han": "zh"}
_HAS_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


# Small, per language, and only words that carry no meaning for technology matching.
def _words(spaced: str) -> list[str]:
    return spaced.split()


STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        _words(
            "a an and are as at be by can for from has have in into is it its of on or our that the their this to was we which will with"
        )
    ),
    "id": frozenset(
        _words(
            "adalah akan atau dalam dan dari dengan di ini itu ke kami oleh pada sebagai secara serta untuk yang juga telah dapat bagi"
        )
    ),
    "ms": frozenset(
        _words(
            "adalah akan atau dalam dan dari dengan di ini itu ke kami oleh pada sebagai secara serta untuk yang juga telah boleh bagi"
        )
    ),
    "vi": frozenset(
        _words(
            "và của các là cho được có trong với những một này để từ theo như đã sẽ khi tại về bởi hoặc thì nhưng"
        )
    ),
    "zh": frozenset(_words("的 了 和 是 在 与 及 等 对 中 或 并 以 为 其 该 之")),
    "th": frozenset(_words("ที่ และ ของ ใน ได้ เป็น มี ให้ ซึ่ง หรือ กับ จาก โดย ไป นี้")),
}


def has_icu() -> bool:
    """True when ICU word break is available for Khmer, Lao and Burmese."""
    return _icu is not None


def fold_accents(word: str) -> str:
    """Strip diacritics (``máy bơm`` → ``may bom``, ``đ`` → ``d``); other scripts unchanged."""
    word = word.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", word)
    if decomposed == word and word.isascii():
        return word
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", kept)


def _base_lang(lang: str | None) -> str:
    return (lang or "").replace("_", "-").split("-")[0].lower()


_local = threading.local()


def _icu_words(run: str, locale: str) -> list[str]:
    # BreakIterator objects are stateful, so each thread keeps its own per locale.
    cache = _local.__dict__.setdefault("iterators", {})
    it = cache.get(locale)
    if it is None:
        it = cache[locale] = _icu.BreakIterator.createWordInstance(_icu.Locale(locale))
    it.setText(run)
    out, start = [], it.first()
    for end in it:
        out.append(run[start:end])
        start = end
    return out


def _bigrams(run: str) -> list[str]:
    if len(run) < 3:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _segment_run(kind: str, run: str, *, search_mode: bool) -> list[str]:
    if kind == "han":
        import rjieba

        return rjieba.cut_for_search(run) if search_mode else rjieba.cut(run)
    if kind == "thai":
        from pythainlp.tokenize import word_tokenize

        return word_tokenize(run, engine="newmm", keep_whitespace=False)
    if kind in ("lao", "khmer", "myanmar"):
        if _icu is not None:
            return _icu_words(run, _ICU_LOCALE[kind])
        return _bigrams(run)
    return [run]


def tokens(
    text: str,
    lang: str | None = None,
    *,
    expand: bool = False,
    fold: bool = False,
    keep_stop_words: bool = False,
) -> list[str]:
    """Normalised word tokens of ``text``.

    ``expand`` is for documents: Chinese runs use jieba's search mode (``太阳能`` also
    yields ``太阳``) and accented words are followed by their folded form, so queries with
    or without diacritics both match. ``fold`` replaces every word by its folded form.
    """
    if not text:
        return []
    text = unicodedata.normalize("NFKC", text).casefold()
    stop = frozenset() if keep_stop_words else STOP_WORDS.get(_base_lang(lang), frozenset())
    out: list[str] = []
    for match in _RUNS.finditer(text):
        kind = match.lastgroup
        for word in _segment_run(kind, match.group(), search_mode=expand):
            word = word.strip()
            if not word or not _HAS_LETTER_OR_DIGIT.search(word):
                continue
            if kind == "word" and len(word) == 1 and not word.isdigit():
                continue
            if word in stop:
                continue
            if fold:
                word = fold_accents(word)
                if word in stop:
                    continue
            out.append(word)
            if expand and not fold and kind == "word":
                folded = fold_accents(word)
                if folded != word:
                    out.append(folded)
    return out


def segment_for_fts(text: str, lang: str | None = None, *, query: bool = False) -> str:
    """Space-joined tokens for SQLite FTS5 (``unicode61``) or PostgreSQL ``simple`` config.

    Store ``segment_for_fts(doc)`` in the full-text column and search with
    ``segment_for_fts(q, query=True)``: documents are expanded (search-mode Chinese words,
    folded Vietnamese), queries are not, so neither side double counts.
    """
    return " ".join(tokens(text, lang, expand=not query))


@dataclass
class TermStats:
    """Document frequencies of a corpus, for tf-idf weights in explanations."""

    n_docs: int = 0
    df: Counter = field(default_factory=Counter)

    @classmethod
    def from_token_lists(cls, token_lists: Iterable[Iterable[str]]) -> TermStats:
        stats = cls()
        for toks in token_lists:
            stats.add(toks)
        return stats

    def add(self, toks: Iterable[str]) -> None:
        self.n_docs += 1
        self.df.update(set(toks))

    def idf(self, term: str) -> float:
        return math.log((self.n_docs + 1) / (self.df.get(term, 0) + 1)) + 1.0


def key_terms(
    text: str, lang: str | None = None, k: int = 5, *, stats: TermStats | None = None
) -> list[tuple[str, float]]:
    """The ``k`` most characteristic terms of ``text`` with a tf-idf weight.

    Without corpus statistics every term gets idf 1, and longer terms win ties (they
    are usually the more specific ones: ``太阳能`` over ``系统``).
    """
    counts = Counter(tokens(text, lang))
    if not counts:
        return []
    scored = [
        (term, (1.0 + math.log(tf)) * (stats.idf(term) if stats else 1.0))
        for term, tf in counts.items()
    ]
    scored.sort(key=lambda item: (-item[1], -len(item[0]), item[0]))
    return scored[:k]
