"""lintas.pages: the home page and its headline figures, gathered from each app."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lintas.brokerage.models import Agreement
from lintas.pages.figures import headline_figures
from tests.factories import OrganisationFactory, PlacementFactory, ProfileFactory

LANGS = ["en", "zh-hans", "id", "ms", "th", "vi", "km", "lo", "my", "fil"]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGS)
def test_home_renders_in_every_language(lang, offer):
    client = Client(headers={"accept-language": lang})
    response = client.get(reverse("pages:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<html lang="{lang}">' in body
    assert offer.title in body


def test_home_is_the_site_root():
    assert reverse("pages:home") == "/"


@pytest.fixture
def world(db):
    cn = OrganisationFactory(country="CN", member_type="full")
    th = OrganisationFactory(country="TH", member_type="")
    OrganisationFactory(country="TH", member_type="associate")
    for status in ("published", "published", "draft", "submitted"):
        ProfileFactory(kind="offer", organisation=cn, status=status)
    ProfileFactory(kind="need", organisation=th, status="published")
    ProfileFactory(kind="need", organisation=th, status="archived")
    agreement = Agreement.objects.create(
        title="Rice licence", type="mou", signed_on=dt.date(2025, 5, 1)
    )
    agreement.parties.set([cn, th])
    PlacementFactory()
    PlacementFactory(status="cancelled")


def test_headline_figures_gather_every_app_by_hand_count(world):
    figures = headline_figures()
    # PlacementFactory adds organisations of its own (programme hosts, applicants): count them.
    from lintas.core.models import Organisation

    organisations = Organisation.objects.count()
    countries = Organisation.objects.values("country").distinct().count()
    assert figures == {
        "offers": 2,
        "needs": 1,
        "organisations": organisations,
        "members": Organisation.objects.exclude(member_type="").count(),
        "countries": countries,
        "agreements": 1,
        "meetings": 0,
        "placements": 1,
        "experts_consulted": 0,
    }
    assert organisations >= 3 and countries >= 2


def test_home_shows_the_figures(world):
    body = Client().get("/").content.decode()
    figures = headline_figures()
    assert '<div class="figure"><b>2</b>technology offers</div>' in body
    assert '<div class="figure"><b>1</b>technology needs</div>' in body
    assert re.search(
        r'id="figure-agreements" title="Agreements whose signing date[^"]*"><b>1</b>', body
    )
    assert f"<b>{figures['organisations']}</b>organisations</div>" in body


def _home_queries() -> int:
    from django.core.cache import cache

    cache.clear()  # the page rendered, not the anonymous page cache's copy (core.pagecache)
    with CaptureQueriesContext(connection) as ctx:
        assert Client().get("/").status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_home_queries_do_not_grow_with_profiles():
    org = OrganisationFactory()
    ProfileFactory(organisation=org, status="published")
    one = _home_queries()
    ProfileFactory.create_batch(2, organisation=OrganisationFactory(), status="published")
    assert _home_queries() == one
