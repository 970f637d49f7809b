"""Words for relevance bands: pages show "Strong match", never a raw cosine."""

from django import template
from django.utils.translation import pgettext_lazy

register = template.Library()

BAND_LABELS = {
    "strong": pgettext_lazy("relevance band", "Strong match"),
    "good": pgettext_lazy("relevance band", "Good match"),
    "possible": pgettext_lazy("relevance band", "Possible match"),
}
NO_CLOSE_MATCH = pgettext_lazy("relevance band", "No close match")


@register.filter
def band_label(band: str | None) -> str:
    """The reader's words for a band code; below the floor: "No close match"."""
    return BAND_LABELS.get(band or "", NO_CLOSE_MATCH)
