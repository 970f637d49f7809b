from django.shortcuts import render

from lintas.catalogue.domain import queries as profile_queries
from lintas.pages.figures import definitions, headline_figures


def home(request):
    """The front page: what the platform is, its headline figures, a search box and the most
    recently published profiles."""
    recent = profile_queries.for_list()[:6]
    return render(
        request,
        "pages/home.html",
        {"figures": headline_figures(), "definitions": definitions(), "recent": recent},
    )
