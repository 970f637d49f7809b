"""The home page's headline figures, gathered from each app in a fixed order.

Each app owns the definition of its figures (a ``figures()`` function in its domain returning
``{key: number}``); this module only lists them. An app added to the platform that has a headline
figure is imported here, explicitly, rather than registering itself.
"""

from __future__ import annotations

from lintas.brokerage.domain import agreements
from lintas.catalogue.domain import queries as catalogue_queries
from lintas.core.domain import organisations
from lintas.events.domain import outcome
from lintas.programmes.domain import queries as programme_queries
from lintas.talents.domain import queries as talent_queries

# Order only matters for readability: the template places each figure by its key.
PROVIDERS = (
    catalogue_queries.figures,  # offers, needs
    organisations.figures,  # organisations, members, countries
    agreements.figures,  # agreements
    outcome.figures,  # meetings
    programme_queries.figures,  # placements
    talent_queries.figures,  # experts consulted
)


def headline_figures() -> dict:
    """Every headline figure, computed live in the database (one or two queries per app)."""
    figures: dict = {}
    for provider in PROVIDERS:
        figures.update(provider())
    return figures
