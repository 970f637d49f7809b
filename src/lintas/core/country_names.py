"""Country names in the reader's language for every country django-countries knows.

django-countries ships no catalogues for Indonesian, Malay, Khmer, Lao, Burmese or Filipino
(and its Thai one is filed under ``th_TH``), so its names stayed English for most of the
network's readers. ``settings.COUNTRIES_OVERRIDE`` replaces each name with a lazy string
that asks Babel's copy of the Unicode CLDR in the active language, so ``org.country.name``,
``countries.name(code)``, form choices and sorting all speak the reader's language without a
change where they are used. Imported by settings: nothing here needs the app registry.
"""

from __future__ import annotations

from functools import lru_cache

from django.utils.functional import lazy
from django.utils.translation import get_language, to_locale


@lru_cache(maxsize=32)
def _territories(language: str) -> dict:
    from babel import Locale, UnknownLocaleError

    for candidate in (to_locale(language), to_locale(language).split("_")[0], "en"):
        try:
            return dict(Locale.parse(candidate).territories)
        except (UnknownLocaleError, ValueError):
            continue
    return {}


def territory_name(code: str, language: str | None = None) -> str:
    """The name of ``code``: "印度尼西亚" (zh-hans), "อินโดนีเซีย" (th), "Indonesia" (en).

    English readers keep django-countries' own (ISO 3166) names, "Viet Nam" as before."""
    language = language or get_language() or "en"
    if language.split("-")[0] == "en":
        from django_countries.base import CountriesBase
        from django_countries.data import COUNTRIES

        return str(CountriesBase.COMMON_NAMES.get(code) or COUNTRIES.get(code, code))
    names = _territories(language)
    return names.get(code) or _territories("en").get(code) or code


def overrides() -> dict:
    """{code: lazy name} for ``COUNTRIES_OVERRIDE``."""
    from django_countries.data import COUNTRIES

    lazy_name = lazy(territory_name, str)
    return {code: lazy_name(code) for code in COUNTRIES}
