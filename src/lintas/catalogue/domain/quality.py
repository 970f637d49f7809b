"""Profile quality check: a 0–100 score and concrete hints while the author writes.

Why: most profiles on listing sites never become deals because they say what a technology
is but not why a partner should care — no benefit, no figures, no maturity, no route to a
deal. The checks below are cheap, language-aware heuristics that work on unsaved form data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# Languages written without spaces between words: length is counted in characters.
UNSPACED = {"zh", "th", "km", "lo", "my"}
MIN_WORDS = 80
MIN_CHARS_UNSPACED = 160

NUMBER_WITH_UNIT = re.compile(
    r"\d[\d.,]*\s*(%|％|percent|persen|peratus|phần trăm|เปอร์เซ็นต์|倍|x\b|kw|kwh|mw|mwh|w\b|v\b|"
    r"kg|g\b|t\b|ton|tấn|ตัน|吨|公斤|克|m3|m³|m2|m²|m\b|cm|mm|km|ha|hektar|héc|ไร่|亩|公顷|"
    r"l\b|liter|litre|lít|ลิตร|升|°c|℃|days?|hari|ngày|วัน|天|hours?|jam|giờ|ชั่วโมง|小时|"
    r"years?|tahun|năm|ปี|年|months?|bulan|tháng|เดือน|个月|usd|\$|rmb|cny|元|万|idr|rp|myr|rm|"
    r"thb|baht|บาท|vnd|đồng|php|ppm|db|mpa|rpm|dS/m|s\b|ms\b)",
    re.IGNORECASE,
)

# Words that signal a stated benefit over existing solutions, per language.
BENEFIT_MARKERS = [
    "better", "lower cost", "cheaper", "faster", "higher", "reduce", "reduces", "saves", "saving",
    "compared", "than", "improve", "increase", "outperform", "instead of",
    "比", "降低", "提高", "节约", "节省", "优于", "相比", "减少", "提升",
    "lebih", "hemat", "mengurangi", "meningkatkan", "dibandingkan", "berbanding", "mengurangkan",
    "menjimatkan", "ดีกว่า", "ลด", "เพิ่ม", "ประหยัด", "เมื่อเทียบ", "hơn", "giảm", "tăng",
    "tiết kiệm", "so với", "mas mura", "mas mabilis", "bawas", "kaysa",
]  # fmt: skip

VAGUE_MARKERS = [
    "advanced technology", "high quality", "world-class", "innovative solution", "state of the art",
    "various", "etc", "先进技术", "国际领先", "高品质", "等等", "canggih", "berkualitas tinggi",
    "dan lain-lain", "ทันสมัย", "คุณภาพสูง", "tiên tiến", "chất lượng cao", "v.v",
]  # fmt: skip


@dataclass
class Hint:
    code: str
    message: str
    weight: int


@dataclass
class QualityReport:
    score: int
    hints: list[Hint] = field(default_factory=list)

    @property
    def level(self) -> str:
        return "good" if self.score >= 75 else "fair" if self.score >= 50 else "weak"


def _length_ok(text: str, lang: str) -> bool:
    if lang in UNSPACED:
        return len(re.sub(r"\s", "", text)) >= MIN_CHARS_UNSPACED
    return len(text.split()) >= MIN_WORDS


def _contains_any(text: str, markers: list[str]) -> bool:
    lowered = text.lower()
    return any(
        (re.search(rf"\b{re.escape(m)}\b", lowered) if m.isascii() else m in lowered)
        for m in markers
    )


def assess(
    *,
    kind: str,
    title: str = "",
    summary: str = "",
    description: str = "",
    content_language: str = "en",
    trl=None,
    ipr_status: str = "",
    cooperation_modes=(),
    target_countries=(),
    sectors=(),
    keywords=(),
    english_summary: bool = False,
) -> QualityReport:
    """Score a profile (saved or not) and list what would make it more likely to find a partner.
    ``english_summary``: the profile has an English translation (a profile not written in
    English is then readable across the network)."""
    text = " ".join([title or "", summary or "", description or ""])
    is_offer = kind == "offer"
    hints: list[Hint] = []

    def need(condition: bool, code: str, message, weight: int):
        if not condition:
            hints.append(Hint(code, str(message), weight))

    need(
        bool(summary and summary.strip()),
        "summary",
        _("Add a short summary: two or three sentences a busy reader sees first."),
        10,
    )
    need(
        _length_ok(description or "", content_language),
        "length",
        _(
            "The description is short. Say what it is, how it works, what was tested and where it is used (about 80 words or more)."
        ),
        15,
    )
    need(
        bool(NUMBER_WITH_UNIT.search(text)),
        "figures",
        _(
            "Give at least one measured figure (yield, efficiency, cost, accuracy, capacity) with its unit."
        ),
        15,
    )
    if is_offer:
        need(
            _contains_any(text, BENEFIT_MARKERS),
            "benefit",
            _(
                "State the benefit over existing solutions: what is cheaper, faster, better, and compared with what?"
            ),
            15,
        )
    else:
        need(
            _contains_any(text, BENEFIT_MARKERS) or bool(NUMBER_WITH_UNIT.search(text)),
            "benefit",
            _(
                "Describe the result you expect and how you will measure it (for example: reduce losses from 30 % to 10 %)."
            ),
            15,
        )
    need(
        trl not in (None, ""),
        "trl",
        _("Choose the technology readiness level (TRL).")
        if is_offer
        else _("Say which technology readiness level (TRL) you need."),
        10,
    )
    if is_offer:
        need(
            bool(ipr_status),
            "ipr",
            _("State the IPR status (patent, application, know-how or none)."),
            10,
        )
    need(
        bool(cooperation_modes),
        "cooperation",
        _(
            "Choose at least one cooperation mode (licence, joint R&D, equipment supply…): how would a deal work?"
        ),
        10,
    )
    need(bool(target_countries), "countries", _("Name the target countries."), 5)
    need(bool(sectors), "sectors", _("Choose at least one sector."), 5)
    need(
        len(list(keywords or [])) >= 3,
        "keywords",
        _("Add three or more keywords in your own words."),
        5,
    )
    if content_language and content_language != "en" and not english_summary:
        # Advice, not a penalty: the score measures the profile itself. The Enterprise Europe
        # Network asks for an English summary on every profile for the same reason.
        hints.append(
            Hint(
                "english",
                str(
                    _(
                        "Add an English title and summary (a translation of this profile): "
                        "most readers across the network read English."
                    )
                ),
                0,
            )
        )
    if _contains_any(text, VAGUE_MARKERS) and not NUMBER_WITH_UNIT.search(text):
        hints.append(
            Hint(
                "vague",
                str(_("Replace general praise (advanced, high quality…) with facts and figures.")),
                0,
            )
        )

    total = 10 + 15 + 15 + 15 + 10 + (10 if is_offer else 0) + 10 + 5 + 5 + 5
    lost = sum(h.weight for h in hints)
    score = round(100 * (total - lost) / total)
    return QualityReport(score=max(0, min(100, score)), hints=hints)


def assess_profile(profile) -> QualityReport:
    return assess(
        kind=profile.kind,
        title=profile.title,
        summary=profile.summary,
        description=profile.description,
        content_language=profile.content_language,
        trl=profile.trl,
        ipr_status=profile.ipr_status,
        cooperation_modes=profile.cooperation_modes,
        target_countries=profile.target_countries,
        sectors=list(profile.sectors.all()) if profile.pk else [],
        keywords=profile.keywords,
        english_summary=bool(profile.pk)
        and any(t.language == "en" for t in profile.translations.all()),
    )


# Longest text the live check reads of each field (the form and the API send unsaved drafts).
INPUT_LIMITS = {"title": 1000, "summary": 5000, "description": 20000}
LIST_FIELDS = ("cooperation_modes", "target_countries", "sectors")


def _values(data: Mapping, name: str) -> list:
    """A list field from a form (repeated keys: ``QueryDict.getlist``) or JSON (a list, or one
    value); blanks dropped."""
    if hasattr(data, "getlist"):
        raw = data.getlist(name)
        if len(raw) == 1 and isinstance(raw[0], list | tuple):
            raw = raw[0]
    else:
        raw = data.get(name)
    if raw is None:
        return []
    if not isinstance(raw, list | tuple):
        raw = [raw]
    return [str(v).strip() for v in raw if v is not None and str(v).strip()]


def _keywords(data: Mapping) -> list[str]:
    """Keywords as the form writes them (one comma-separated text) or as a JSON list."""
    raw = data.get("keywords")
    if isinstance(raw, list | tuple):
        items = [str(k) for k in raw if k is not None]
    else:
        items = str(raw or "").split(",")
    return [k.strip() for k in items if k.strip()]


def assess_input(data: Mapping, *, english_summary: bool = False) -> QualityReport:
    """The quality check of unsaved input, read the same way for the form's live hints and the
    API: a form's POST (QueryDict) or a JSON object. Unknown or malformed values count as
    missing rather than failing, since this is advice while typing, not validation.
    ``english_summary``: the profile being edited already has an English translation."""
    kind = data.get("kind")
    text = {name: str(data.get(name) or "")[:limit] for name, limit in INPUT_LIMITS.items()}
    trl = data.get("trl")
    from lintas.catalogue.domain.lifecycle import detect_language

    # Undeclared: the language the profile will be saved with (detected from the text).
    language, _declared = detect_language(
        text="\n".join(text.values()), declared=str(data.get("content_language") or "") or None
    )
    return assess(
        kind=str(kind or "offer"),
        content_language=language,
        trl=trl if trl not in (None, "") else None,
        ipr_status=str(data.get("ipr_status") or ""),
        keywords=_keywords(data),
        english_summary=english_summary,
        **text,
        **{name: _values(data, name) for name in LIST_FIELDS},
    )
