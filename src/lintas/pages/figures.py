"""The home page's headline figures, gathered from each app in a fixed order.

Each app owns the definition of its figures (a ``figures()`` function in its domain returning
``{key: number}``); this module only lists them. An app added to the platform that has a headline
figure is imported here, explicitly, rather than registering itself. The outcome figures
(agreements signed, meetings held, experts consulted) are insights' figures, read from the same
summary as the dashboard and the impact page so the three never disagree (docs/insights.md).
"""

from __future__ import annotations

from lintas.catalogue.domain import queries as catalogue_queries
from lintas.core.domain import organisations
from lintas.insights.domain import dashboard as insights
from lintas.programmes.domain import queries as programme_queries

# insights' figures shown on the home page, and the key the home page knows them by
OUTCOMES = ("agreements", "meetings", "consulted")
HOME_KEYS = {"consulted": "experts_consulted"}


def outcomes() -> dict:
    """{"agreements": n, "meetings": n, "experts_consulted": n} as the dashboard shows them."""
    cards = insights.headline(OUTCOMES)["cards"]
    return {HOME_KEYS.get(k, k): c["value"] for k, c in cards.items()}


# Order only matters for readability: the template places each figure by its key.
PROVIDERS = (
    catalogue_queries.figures,  # offers, needs
    organisations.figures,  # organisations, members, countries
    outcomes,  # agreements signed, meetings held, experts consulted (talents)
    programme_queries.figures,  # placements
)


def headline_figures() -> dict:
    """Every headline figure, computed live in the database (one or two queries per app)."""
    figures: dict = {}
    for provider in PROVIDERS:
        figures.update(provider())
    return figures


def definitions() -> dict:
    """{"as_of": datetime or None, key: definition} of insights' figures on the home page."""
    head = insights.headline(OUTCOMES)
    return {
        "as_of": head["as_of"],
        **{HOME_KEYS.get(k, k): c["definition"] for k, c in head["cards"].items()},
    }
