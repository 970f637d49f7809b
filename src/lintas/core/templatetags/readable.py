"""Values as words in templates: ``{% load readable %}`` then

- ``{{ agreement.value|money:agreement.currency }}`` → "CNY 1,500,000" / "150万 人民币"
- ``{{ profile.trl|trl }}`` → "TRL 4 · validated in lab"; ``|trl_long`` the Horizon 2020 wording
- ``{{ org.country.code|country }}``, ``{{ profile.target_countries|countries }}``
- ``{{ profile.cooperation_modes|modes }}``, ``{{ profile.ipr_status|ipr }}``
- ``{{ profile.sectors.all|sectors }}``, ``{{ profile.content_language|language_name }}``
- ``{{ deal.created_at|day }}``, ``{{ message.created_at|moment }}`` (dates and date-times)
- ``|country_list``, ``|mode_list``: lists of words for tags

Every app's templates and e-mails use these (one rule, :mod:`lintas.core.readable`), never
``|date:"Y-m-d"`` or an amount glued to its currency code by hand.
"""

from django import template

from lintas.core import readable

register = template.Library()


@register.filter
def money(value, currency=""):
    return readable.money(value, currency)


@register.filter
def number(value):
    return readable.number(value)


@register.filter
def money_totals(totals):
    return readable.money_totals(totals)


@register.filter
def trl(level):
    return readable.trl(level)


@register.filter
def trl_long(level):
    return readable.trl_long(level)


@register.filter
def country(code):
    return readable.country(getattr(code, "code", code))


@register.filter
def countries(codes):
    return readable.countries(codes)


@register.filter
def country_list(codes):
    return readable.country_list(codes)


@register.filter
def ipr(value):
    return readable.ipr(value)


@register.filter
def modes(values):
    return readable.modes(values)


@register.filter
def mode_list(values):
    return readable.mode_list(values)


@register.filter
def sectors(items):
    return readable.sectors(items)


@register.filter
def sector_slugs(slugs, names=None):
    """Sector slugs as names: ``{{ slugs|sector_slugs:SECTOR_NAMES }}`` (the context processor
    ``core.context_processors.sector_names`` gives the names; without it, the slugs stay)."""
    names = names or {}
    return readable.join([str(names.get(slug, slug)) for slug in slugs or []])


@register.filter
def language_name(code):
    return readable.language_name(code)


@register.filter
def day(value, format="medium"):
    return readable.date(value, format=format)


@register.filter
def moment(value, format="medium"):
    return readable.datetime(value, format=format)
