"""The home page's headline figures, gathered from each app in a fixed order.

Each app owns the definition of its figures (a ``figures()`` function in its domain returning
``{key: number}``); this module only lists them. An app added to the platform that has a headline
figure is imported here, explicitly, rather than registering itself. The outcome figures
(agreements signed, meetings held) are insights' figures, read from the same summary as the
dashboard and the impact page so the three never disagree (docs/insights.md).
"""

from __future__ import annotations

from lintas.catalogue.domain import queries as catalogue_queries
from lintas.core.domain import organisations
from lintas.insights.domain import dashboard as insights
from lintas.programmes.domain import queries as programme_queries
from lintas.talents.domain import queries as talent_queries

# insights' figures shown on the home page
OUTCOMES = ("agreements", "meetings")


def outcomes() -> dict:
    """{"agreements": n, "meetings": n} as the dashboard shows them."""
    return {k: c["value"] for k, c in insights.headline(OUTCOMES)["cards"].items()}


# Order only matters for readability: the template places each figure by its key.
PROVIDERS = (
    catalogue_queries.figures,  # offers, needs
    organisations.figures,  # organisations, members, countries
    outcomes,  # agreements signed, meetings held
    programme_queries.figures,  # placements
    talent_queries.figures,  # experts consulted
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
    return {"as_of": head["as_of"], **{k: c["definition"] for k, c in head["cards"].items()}}
