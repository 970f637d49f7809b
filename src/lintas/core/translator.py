"""The configured machine translator, and its errors in words people read.

``LINTAS_TRANSLATOR_URL`` empty (the default): :class:`~lintas.core.machine_translation.NullTranslator`;
otherwise a LibreTranslate-compatible server at that address (``LINTAS_TRANSLATOR_API_KEY``,
``LINTAS_TRANSLATOR_TIMEOUT``). Built once per process: the server's language list is cached.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.utils.translation import gettext as _

from lintas.core.machine_translation import (
    LibreTranslateTranslator,
    NullTranslator,
    Translator,
    TranslatorUnavailable,
)


@functools.cache
def _build(url: str, api_key: str, timeout: float) -> Translator:
    if not url:
        return NullTranslator()
    return LibreTranslateTranslator(url, api_key=api_key, timeout=timeout)


def get_translator() -> Translator:
    conf = settings.LINTAS
    return _build(
        conf.get("TRANSLATOR_URL", ""),
        conf.get("TRANSLATOR_API_KEY", ""),
        float(conf.get("TRANSLATOR_TIMEOUT", 10)),
    )


def message_for(error: TranslatorUnavailable) -> str:
    """What to tell a person whose machine translation failed (details go to the log)."""
    return {
        "not_configured": _("Machine translation is not set up on this site."),
        "unreachable": _("The translation service did not answer. Try again later."),
        "unsupported": _("The translation service does not translate between these languages."),
    }.get(error.reason, _("The translation service refused the request. Try again later."))
