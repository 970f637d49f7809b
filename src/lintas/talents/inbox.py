"""The broker inbox's "Consultations waiting for an answer" section: requests no talent has
answered yet, oldest first, so that a broker can nudge the talent or step in.

Answers ``lintas.brokerage.signals.inbox_sections`` (``talents/receivers.py``); the brokerage sits
below talents and must not import it. Filters: ``country`` is the talent's or the asker's
organisation's country, ``sector`` a field of the talent or of the offer or need the question is
about, ``language`` that profile's language or the talent's biography language; ``scope``
"mine" keeps consultations about profiles or deals the broker is responsible for, "my
countries" those with the talent or the asker in one of the broker's countries.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lintas.talents.domain.queries import consultations_waiting

KEY = "consultations"
TITLE = _("Consultations waiting for the talent's answer")
TEMPLATE = "talents/_inbox_item.html"


def waiting(filters):
    qs = consultations_waiting().select_related("requester__organisation", "profile")
    if filters.country:
        qs = qs.filter(
            Q(talent__country=filters.country) | Q(requester__organisation__country=filters.country)
        )
    if filters.sector:
        qs = qs.filter(
            Q(talent__sectors__slug=filters.sector) | Q(profile__sectors__slug=filters.sector)
        )
    if filters.language:
        qs = qs.filter(
            Q(profile__content_language=filters.language) | Q(talent__bio_language=filters.language)
        )
    if filters.scope == "mine":
        qs = qs.filter(Q(profile__broker=filters.user) | Q(deal__broker=filters.user))
    elif filters.scope == "countries":
        mine = filters.countries()
        qs = qs.filter(Q(talent__country__in=mine) | Q(requester__organisation__country__in=mine))
    return qs.distinct()


def sections(filters, *, lists: bool, size: int) -> list:
    from lintas.brokerage.domain.inbox import Section

    qs = waiting(filters)
    section = Section(key=KEY, title=str(TITLE), count=qs.count(), template=TEMPLATE)
    if lists and section.count:
        section.items = list(qs[:size])
    return [section]
