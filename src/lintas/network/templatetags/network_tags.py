from django import template
from django_countries import countries

register = template.Library()


@register.filter
def country_names(codes) -> str:
    """["CN", "ID"] -> "China, Indonesia" in the active language."""
    return ", ".join(str(countries.name(code) or code) for code in (codes or []))
