"""Offer and need lists as a browser uses them: the whole form submitted with its defaults,
TRL ranges, sort orders and the count beside each filter value."""

import datetime
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory
from tests.htmlform import default_submission


def country_options(html: str) -> dict[str, str]:
    """The country filter's options as the browser shows them: {value: label}."""
    from html.parser import HTMLParser

    class Options(HTMLParser):
        def __init__(self):
            super().__init__()
            self.inside, self.value, self.found = False, None, {}

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "select":
                self.inside = attrs.get("name") == "country"
            elif tag == "option" and self.inside:
                self.value = attrs.get("value", "")
                self.found[self.value] = ""

        def handle_data(self, data):
            if self.inside and self.value is not None:
                self.found[self.value] += data.strip()

        def handle_endtag(self, tag):
            if tag == "option":
                self.value = None
            elif tag == "select":
                self.inside = False

    parser = Options()
    parser.feed(html)
    return parser.found


def refs(response):
    return [p.ref for p in response.context["page"]]


@pytest.fixture
def listed(provider_org, seeker_org, sector):
    now = timezone.now()
    water = SectorFactory(slug="water", names={"en": "Water"})
    return {
        "rice": ProfileFactory(
            ref="OF-RICE",
            organisation=provider_org,
            status="published",
            trl=8,
            ipr_status="granted_patent",
            cooperation_modes=["licence", "joint_rnd"],
            sectors=[sector],
            content_language="zh",
            published_at=now - datetime.timedelta(days=3),
            expires_on=datetime.date(2031, 1, 1),
        ),
        "pump": ProfileFactory(
            ref="OF-PUMP",
            organisation=seeker_org,
            status="published",
            trl=5,
            ipr_status="utility_model",
            cooperation_modes=["licence"],
            sectors=[sector, water],
            content_language="id",
            published_at=now - datetime.timedelta(days=1),
            expires_on=datetime.date(2030, 6, 1),
        ),
        "kiln": ProfileFactory(
            ref="OF-KILN",
            organisation=OrganisationFactory(slug="vn-org", country="VN"),
            status="published",
            trl=3,
            cooperation_modes=["consulting"],
            content_language="vi",
            published_at=now - datetime.timedelta(days=2),
        ),
        "draft": ProfileFactory(ref="OF-DRAFT", organisation=provider_org, trl=5),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["catalogue:offers", "catalogue:needs"])
def test_form_submitted_with_its_defaults_filters_nothing(name, listed):
    client = Client()
    page = client.get(reverse(name))
    pairs = default_submission(page.content.decode(), "browse-filters")
    fields = {k for k, _ in pairs}
    # Every field is sent, as a browser does, including both TRL bounds.
    assert {"q", "sector", "country", "trl_min", "trl_max", "ipr", "mode", "language", "sort"} <= (
        fields
    )
    assert dict(pairs)["trl_min"] == "" and dict(pairs)["trl_max"] == ""
    submitted = client.get(reverse(name) + "?" + urlencode(pairs))
    assert submitted.status_code == 200
    expected = ["OF-PUMP", "OF-KILN", "OF-RICE"] if name == "catalogue:offers" else []
    assert refs(submitted) == expected
    assert refs(page) == expected


@pytest.mark.django_db
def test_changing_one_select_in_the_browser_form_keeps_the_others_neutral(listed):
    client = Client()
    pairs = default_submission(
        client.get(reverse("catalogue:offers")).content.decode(), "browse-filters"
    )
    pairs = [(k, "6" if k == "trl_max" else v) for k, v in pairs]
    response = client.get(reverse("catalogue:offers") + "?" + urlencode(pairs))
    assert refs(response) == ["OF-PUMP", "OF-KILN"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("trl_min=5", ["OF-PUMP", "OF-RICE"]),
        ("trl_max=5", ["OF-PUMP", "OF-KILN"]),
        ("trl_min=4&trl_max=7", ["OF-PUMP"]),
        ("trl_min=5&trl_max=5", ["OF-PUMP"]),
        ("trl_min=9", []),
    ],
)
def test_trl_range(query, expected, listed):
    response = Client().get(reverse("catalogue:offers") + "?" + query)
    assert response.status_code == 200
    assert refs(response) == expected


@pytest.mark.django_db
def test_bad_trl_is_a_400_with_the_form(listed):
    response = Client().get(reverse("catalogue:offers") + "?trl_min=12")
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["OF-PUMP", "OF-KILN", "OF-RICE"]),
        ("newest", ["OF-PUMP", "OF-KILN", "OF-RICE"]),
        ("expiring", ["OF-PUMP", "OF-RICE", "OF-KILN"]),  # no expiry date last
        ("relevance", ["OF-PUMP", "OF-KILN", "OF-RICE"]),  # no words: newest
    ],
)
def test_sort(sort, expected, listed):
    response = Client().get(reverse("catalogue:offers") + f"?sort={sort}")
    assert refs(response) == expected


@pytest.mark.django_db
def test_counts_per_filter_value(listed):
    response = Client().get(reverse("catalogue:offers") + "?mode=licence")
    assert refs(response) == ["OF-PUMP", "OF-RICE"]
    form = response.context["filter"].form
    counts = response.context["filter"].facet_counts()
    # Other facets count within the chosen mode; the mode facet ignores its own choice.
    assert counts["mode"] == {"licence": 2, "joint_rnd": 1, "consulting": 1}
    assert counts["country"] == {"CN": 1, "ID": 1}
    assert counts["sector"] == {"agriculture": 2, "water": 1}
    assert counts["language"] == {"zh": 1, "id": 1}
    assert counts["trl_min"]["5"] == 2 and counts["trl_min"]["6"] == 1
    assert counts["trl_max"]["5"] == 1 and counts["trl_max"]["9"] == 2
    html = response.content.decode()
    assert "Indonesia (1)" in html and "China (1)" in html
    # A country without results within the chosen mode is not offered (Vietnam has only a
    # consulting offer); without the mode it is, by its readable name, never by its code.
    assert "VN" not in country_options(html) and "Vietnam" not in country_options(html).values()
    everything = country_options(Client().get(reverse("catalogue:offers")).content.decode())
    assert everything["VN"] == "Vietnam (1)"
    assert all(not label.startswith(code) for code, label in everything.items() if code)
    assert "Licence (2)" in html and "Consulting / service (1)" in html
    assert "Water (1)" in html
    assert dict(form.fields["language"].choices)["zh"] == "中文 (1)"


@pytest.mark.django_db
def test_counts_respect_the_other_trl_bound(listed):
    counts = (
        Client().get(reverse("catalogue:offers") + "?trl_max=6").context["filter"].facet_counts()
    )
    assert counts["trl_min"]["1"] == 2 and counts["trl_min"]["4"] == 1
    assert counts["trl_max"]["9"] == 3


@pytest.mark.django_db
def test_words_box_without_engine_matches_title_words(listed, monkeypatch):
    from lintas.catalogue.signals import words_search

    monkeypatch.setattr(words_search, "receivers", [])  # no engine answers
    ProfileFactory(ref="OF-WORD", status="published", title="Pompa air tenaga surya")
    response = Client().get(reverse("catalogue:offers") + "?q=pompa+surya")
    assert refs(response) == ["OF-WORD"]


@pytest.mark.django_db
def test_htmx_change_returns_form_and_results_together(listed):
    response = Client().get(
        reverse("catalogue:offers") + "?country=CN", headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="browse-filters"' in html and "<html" not in html
    assert refs(response) == ["OF-RICE"]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_list_with_counts_query_count_constant(
    count, provider_org, sector, django_assert_num_queries
):
    for _ in range(count):
        ProfileFactory(
            organisation=provider_org,
            status="published",
            sectors=[sector],
            cooperation_modes=["licence"],
        )
    client = Client()
    client.get(reverse("catalogue:offers"))  # warm caches (sectors, content types)
    # count, page, its sectors and translations, the sector options, six grouped counts (one per facet,
    # both TRL bounds from one)
    with django_assert_num_queries(11):
        response = client.get(reverse("catalogue:offers") + "?mode=licence&country=CN")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


@pytest.mark.django_db
def test_facet_counts_follow_a_publication_at_once(provider_org, provider, broker, sector,
                                                   django_capture_on_commit_callbacks):  # fmt: skip
    from lintas.catalogue.domain import lifecycle
    from lintas.catalogue.domain import queries as catalogue_queries
    from lintas.catalogue.filters import ProfileFilter

    def counts():
        filterset = ProfileFilter({}, queryset=catalogue_queries.for_list().filter(kind="offer"))
        assert filterset.is_valid()
        return filterset.facet_counts()["sector"].get(sector.slug, 0)

    ProfileFactory(organisation=provider_org, kind="offer", status="published", sectors=[sector])
    assert counts() == 1
    draft = ProfileFactory(
        organisation=provider_org, kind="offer", status="submitted", sectors=[sector]
    )
    assert counts() == 1  # cached, and still right
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.publish(user=broker, profile=draft)
    assert counts() == 2
