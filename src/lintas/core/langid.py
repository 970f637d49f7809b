"""Language identification for user content, in the platform's own language codes.

Profiles keep the language their author wrote them in (``content_language``); this
module guesses it when the author did not say. The detector (langidentify) is loaded
lazily once per process because loading its model takes a couple of seconds.

Rules, in order:

1. a declared language the platform knows wins, whatever the text looks like;
2. text with fewer than ``MIN_LETTERS`` letters (empty, numbers, a code) gives ``None``:
   callers then fall back to the author's or the site's default language rather than
   trust a guess made on nothing;
3. otherwise the detector's guess, mapped to platform codes (``zh-hans`` -> ``zh``,
   ``tl`` -> ``fil``). Indonesian and Malay share most of their vocabulary; when the
   detector's margin between them is small the result is flagged ``ambiguous`` and the
   guess is kept (both codes are matched the same way by the multilingual encoder).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

PLATFORM_LANGUAGES = ("en", "zh", "id", "ms", "th", "vi", "fil", "km", "lo", "my")
MIN_LETTERS = 3
# Below this relative score gap (langidentify's ``Results.gap``) id and ms are a toss-up.
ID_MS_AMBIGUOUS_GAP = 0.05

_DETECTOR_CODES = "en,zh,id,ms,th,vi,tl,km,lo,my"
_FROM_DETECTOR = {"zh-hans": "zh", "zh-hant": "zh", "zh": "zh", "tl": "fil"}
_ALIASES = {
    "zh-hans": "zh",
    "zh-hant": "zh",
    "zh-cn": "zh",
    "zh-tw": "zh",
    "cmn": "zh",
    "tl": "fil",
    "tgl": "fil",
    "ind": "id",
    "zsm": "ms",
    "msa": "ms",
    "tha": "th",
    "vie": "vi",
    "khm": "km",
    "lao": "lo",
    "mya": "my",
    "bur": "my",
    "eng": "en",
}


@dataclass(frozen=True)
class Detection:
    """A language guess: ``code`` is a platform code or ``None`` when unknown."""

    code: str | None
    source: str  # "declared", "detected" or "too-short"
    ambiguous: bool = False
    alternative: str | None = None  # the other of id/ms when ``ambiguous``


def normalise_code(code: str | None) -> str | None:
    """Platform code for a declared language (``'zh-Hans'`` -> ``'zh'``), or ``None``."""
    if not code:
        return None
    key = code.strip().lower().replace("_", "-")
    key = _ALIASES.get(key, key)
    if key not in PLATFORM_LANGUAGES:
        key = key.split("-")[0]
        key = _ALIASES.get(key, key)
    return key if key in PLATFORM_LANGUAGES else None


_detector = None
_detector_lock = threading.Lock()


def _get_detector():
    global _detector
    if _detector is None:
        from langidentify import Detector, Language, Model

        model = Model.load(Language.from_comma_separated(_DETECTOR_CODES))
        _detector = Detector(model)
    return _detector


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def identify(text: str, declared: str | None = None) -> Detection:
    """Full detection result (see the module docstring for the rules)."""
    code = normalise_code(declared)
    if code is not None:
        return Detection(code=code, source="declared")
    if not text or _letters(text) < MIN_LETTERS:
        return Detection(code=None, source="too-short")
    # The detector keeps per-call state, so one caller at a time.
    with _detector_lock:
        detector = _get_detector()
        language = detector.detect(text)
        results = detector.results
        scores = dict(
            zip(
                (lang.iso_code for lang in detector.model.languages),
                results.total_scores,
                strict=False,
            )
        )
        gap = float(results.gap)
    iso = getattr(language, "iso_code", "") or ""
    code = _FROM_DETECTOR.get(iso, iso)
    if code not in PLATFORM_LANGUAGES:
        return Detection(code=None, source="too-short")
    if code in ("id", "ms"):
        other = "ms" if code == "id" else "id"
        runner_up = max(
            (s for iso_code, s in scores.items() if iso_code != iso), default=float("-inf")
        )
        if scores.get(other) == runner_up and gap < ID_MS_AMBIGUOUS_GAP:
            return Detection(code=code, source="detected", ambiguous=True, alternative=other)
    return Detection(code=code, source="detected")


def detect_language(text: str, declared: str | None = None) -> str | None:
    """Platform language code of ``text``; the author's ``declared`` language wins.

    Returns ``None`` for empty or very short text (fewer than three letters) and for
    languages outside the platform's list; callers fall back to their own default.
    """
    return identify(text, declared).code
