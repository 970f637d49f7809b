"""Machine translation of a conversation message into the reader's language, on request.

Why: a Chinese provider and an Indonesian seeker write in their own languages; the "Translate"
button under a message shows it in the reader's language, labelled "Machine translation", with
the original left as it is. Nothing is stored with the message; the result is cached for a day
so that a conversation read again does not ask the service again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from lintas.catalogue.domain.translations import content_language, language_label
from lintas.core.translator import get_translator

CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class MachineText:
    text: str
    source: str | None  # detected language of the message, when known
    target: str
    same_language: bool = False  # already in the reader's language: nothing was translated

    @property
    def source_label(self) -> str:
        return language_label(self.source) if self.source else ""

    @property
    def target_label(self) -> str:
        return language_label(self.target)


def translate_message(*, user, message, language: str) -> MachineText:
    """The message in ``language`` (a UI or content language code). Only people who may read
    the conversation may ask. Raises TranslatorUnavailable when the service cannot."""
    from lintas.brokerage.domain.conversations import may_read

    if not may_read(user, message):
        raise PermissionDenied(_("You may not read this conversation."))
    from lintas.core.langid import detect_language

    target = content_language(language)
    source = detect_language(message.body)
    if source == target:
        return MachineText(text=message.body, source=source, target=target, same_language=True)
    digest = hashlib.sha256(message.body.encode("utf-8")).hexdigest()[:16]
    key = f"lintas:mt:message:{message.pk}:{digest}:{target}"
    cached = cache.get(key)
    if cached is None:
        (cached,) = get_translator().translate([message.body], source=source, target=target)
        cache.set(key, cached, CACHE_SECONDS)
    return MachineText(text=cached, source=source, target=target)
