from django import template

from lintas.core import readable

register = template.Library()


@register.filter
def country_names(codes) -> str:
    """["CN", "ID"] -> "China, Indonesia" in the active language (lintas.core.readable)."""
    names = readable.country_list(codes)
    return readable.join(names) if names else ""
