"""Values as words in the reader's language: money, technology readiness, countries, sectors,
cooperation modes, IPR status, languages and dates.

One set of functions behind every page, e-mail and the human-readable columns of downloads
(the template filters in ``lintas.core.templatetags.readable`` call these), so a Thai reader
sees "5 มี.ค. 2026" and "IDR250,000,000" wherever a date or an amount appears, and nobody
formats numbers by hand. Locale data (grouping, currency names and positions, month names,
language names) comes from Babel's copy of the Unicode CLDR, which covers all nine UI
languages including Khmer, Lao and Burmese. Each function reads the active language
(``translation.override`` while composing an e-mail for its recipient) unless ``language``
is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_time
from babel.numbers import (
    format_compact_decimal,
    format_decimal,
    get_currency_name,
)
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import pgettext

from lintas.core.vocabulary import TRL_LABELS, TRL_SHORT, CooperationMode, IPRStatus

EMPTY = "—"

# Where large amounts are read in units of ten thousand (万) and a hundred million (亿):
# "2.5亿 印度尼西亚卢比" reads at a glance where "IDR250,000,000.00" does not.
COMPACT_LANGUAGES = {"zh"}
COMPACT_FROM = 100_000


@lru_cache(maxsize=64)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(translation.to_locale(language))
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse(translation.to_locale(language).split("_")[0])
        except (UnknownLocaleError, ValueError):
            return Locale.parse("en")


def locale(language: str | None = None) -> Locale:
    """The Babel locale of ``language`` (a Django language code), default the active one."""
    return _locale(language or translation.get_language() or settings.LANGUAGE_CODE)


def join(names: list[str], *, language: str | None = None) -> str:
    """Words of a list as the reader separates them ("China, Indonesia"; "中国、印度尼西亚")."""
    if not names:
        return EMPTY
    return ("、" if locale(language).language == "zh" else ", ").join(names)


def _amount(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def number(value, *, language: str | None = None) -> str:
    """1234567.5 → "1,234,567.5" (en), "1.234.567,5" (id); up to two decimals."""
    amount = _amount(value)
    if amount is None:
        return EMPTY
    return format_decimal(amount, format="#,##0.##", locale=locale(language))


def money(value, currency: str | None, *, language: str | None = None) -> str:
    """An amount with its currency, as the reader writes it.

    The ISO code stands where the reader's locale puts the currency ("IDR 250,000,000" in
    English, "250.000.000 IDR" in Vietnamese), with their grouping and decimal mark and no
    ".00" on whole amounts; Chinese readers get large amounts in 万/亿 with the currency's
    name ("2.5亿 印度尼西亚卢比"). No amount: "—"; no currency: the number alone.
    """
    amount = _amount(value)
    if amount is None:
        return EMPTY
    loc = locale(language)
    code = (currency or "").strip().upper()
    if loc.language in COMPACT_LANGUAGES and abs(amount) >= COMPACT_FROM:
        text = format_compact_decimal(amount, locale=loc, fraction_digits=2)
        return f"{text} {get_currency_name(code, locale=loc)}" if code else text
    pattern = "#,##0" if amount == amount.to_integral_value() else "#,##0.00"
    text = format_decimal(amount, format=pattern, locale=loc)
    if not code:
        return text
    pattern = loc.currency_formats["standard"].pattern.split(";")[0]
    if pattern.strip().startswith("¤"):
        return f"{code}\u00a0{text}"
    return f"{text}\u00a0{code}"


def money_totals(totals: dict | None, *, language: str | None = None) -> str:
    """{currency: total} → "CNY 1,500,000; USD 20,000" (no conversion between currencies)."""
    if not totals:
        return ""
    return "; ".join(
        money(total, currency if currency != "?" else "", language=language)
        for currency, total in sorted(totals.items())
    )


def trl(level) -> str:
    """4 → "TRL 4 · validated in lab": the number people quote and what it means."""
    try:
        level = int(level)
    except (TypeError, ValueError):
        return EMPTY
    if level not in TRL_SHORT:
        return EMPTY
    return pgettext("TRL with its short label", "TRL %(level)s · %(label)s") % {
        "level": level,
        "label": TRL_SHORT[level],
    }


def trl_long(level) -> str:
    """4 → "TRL 4 – technology validated in lab" (Horizon 2020 wording)."""
    try:
        return str(TRL_LABELS[int(level)])
    except (TypeError, ValueError, KeyError):
        return EMPTY


def country(code) -> str:
    """ "ID" → "Indonesia" / "印度尼西亚" / "อินโดนีเซีย" (CLDR names, lintas.core.country_names)."""
    from django_countries import countries

    code = str(getattr(code, "code", code) or "").strip().upper()
    if not code:
        return EMPTY
    return str(countries.name(code) or code)


def country_list(codes: Iterable | None) -> list[str]:
    return [country(code) for code in codes or [] if code]


def countries(codes: Iterable | None) -> str:
    """["CN", "ID"] → "China, Indonesia" in the reader's language; none: "—"."""
    return join(country_list(codes))


def _choice(value, choices) -> str:
    labels = dict(choices)
    return str(labels.get(value, value)) if value else EMPTY


def ipr(value) -> str:
    """ "patent_application" → "Patent application"."""
    return _choice(value, IPRStatus.choices)


def mode_list(values: Iterable | None) -> list[str]:
    labels = dict(CooperationMode.choices)
    return [str(labels.get(v, v)) for v in values or [] if v]


def modes(values: Iterable | None) -> str:
    """["licence", "joint_rnd"] → "Licence, Joint R&D"."""
    return join(mode_list(values))


def sector_list(sectors: Iterable | None) -> list[str]:
    """Sector rows (or their slugs with ``Sector`` rows loaded by the caller) as names."""
    return [str(getattr(s, "name", s)) for s in sectors or []]


def sectors(items: Iterable | None) -> str:
    return join(sector_list(items))


def language_name(code, *, language: str | None = None) -> str:
    """ "zh" → "Chinese" for an English reader, "中文" for a Chinese one, "จีน" for a Thai one."""
    code = str(code or "").strip()
    if not code:
        return EMPTY
    key = code.replace("-", "_")
    names = locale(language).languages
    for candidate in (key, key.split("_")[0]):
        if candidate in names:
            name = names[candidate]
            return name[:1].upper() + name[1:] if locale(language).language != "zh" else name
    return code


def date(value, *, format: str = "medium", language: str | None = None) -> str:
    """A day as the reader writes it: "Mar 5, 2026", "5 Mar 2026", "2026年3月5日"."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return format_date(value, format=format, locale=locale(language))


def datetime(value, *, format: str = "medium", language: str | None = None) -> str:
    """A moment in the site's time zone, as the reader writes it ("Mar 5, 2026, 2:30 PM")."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    loc = locale(language)
    if format == "medium":
        day = format_date(value, format="medium", locale=loc)
        time = format_time(value, format="short", locale=loc)
        return pgettext("a date and a time", "%(date)s, %(time)s") % {"date": day, "time": time}
    return format_datetime(value, format=format, locale=loc)
