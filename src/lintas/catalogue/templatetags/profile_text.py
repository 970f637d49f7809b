"""Profiles in the reader's language: ``{% with t=profile|readable %}{{ t.title }}{% endwith %}``.

Every template that shows a profile's title or summary (cards, match panels, digests, e-mails)
goes through :func:`lintas.catalogue.domain.translations.display_text`, so the same rule picks
the translation everywhere. E-mails are rendered in the recipient's language
(``translation.override``), which is the language this filter reads.
"""

from django import template

from lintas.catalogue.domain.translations import display_text

register = template.Library()


@register.filter
def readable(profile, language=None):
    """The profile's DisplayText in ``language`` (default: the active language)."""
    return display_text(profile, language or None)
