"""``{% machine_translation_on as on %}``: show machine-translation buttons only when a
translation service is configured (LINTAS_TRANSLATOR_URL)."""

from django import template

from lintas.core.translator import get_translator

register = template.Library()


@register.simple_tag
def machine_translation_on() -> bool:
    return get_translator().is_configured()
