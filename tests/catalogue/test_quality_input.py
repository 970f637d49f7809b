"""One reading of unsaved input for the quality check (quality.assess_input): the form's live
hints and the API's /api/v1/quality/ score the same draft the same way."""

import re

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from lintas.catalogue.domain.quality import assess, assess_input
from tests.catalogue.test_quality import GOOD_OFFER


def form_data(fields: dict) -> dict:
    """The draft as the profile form posts it: keywords in one comma-separated text."""
    data = {k: ("" if v is None else v) for k, v in fields.items() if k != "keywords"}
    data["keywords"] = ", ".join(fields.get("keywords", []))
    return data


def page_hints(fields: dict) -> set[str]:
    response = Client().post(reverse("catalogue:quality"), form_data(fields))
    assert response.status_code == 200
    return set(re.findall(r'data-hint="([a-z_]+)"', response.content.decode()))


def api_report(fields: dict) -> dict:
    response = APIClient().post("/api/v1/quality/", fields, format="json")
    assert response.status_code == 200
    return response.json()


DRAFTS = [
    GOOD_OFFER,
    {**GOOD_OFFER, "keywords": ["rice"], "trl": None, "sectors": []},
    {"kind": "need", "title": "Pompa", "summary": ""},
    {"kind": "offer", "title": "Advanced technology", "keywords": ["a", "b", "c"]},
]


@pytest.mark.django_db
@pytest.mark.parametrize("fields", DRAFTS)
def test_page_and_api_give_the_same_hints(fields):
    api = api_report(fields)
    assert page_hints(fields) == {hint["code"] for hint in api["hints"]}
    if "content_language" in fields:  # declared: no detection, the plain check applies
        expected = assess(**fields)
        assert api["score"] == expected.score
        assert {hint["code"] for hint in api["hints"]} == {h.code for h in expected.hints}


def test_form_and_json_input_read_alike():
    query = QueryDict(mutable=True)
    for name, value in form_data(GOOD_OFFER).items():
        if isinstance(value, list):
            query.setlist(name, value)
        else:
            query[name] = str(value)
    assert assess_input(query).score == assess_input(GOOD_OFFER).score == 100


def test_keywords_as_one_text_are_split_not_counted_as_letters():
    """A JSON client sending keywords as one text ("rice") once counted its four letters as
    four keywords; the form's comma rule applies to both."""
    one = assess_input({**GOOD_OFFER, "keywords": "rice"})
    three = assess_input({**GOOD_OFFER, "keywords": "rice, salinity, seed"})
    assert "keywords" in {h.code for h in one.hints}
    assert "keywords" not in {h.code for h in three.hints}
    blanks = assess_input({**GOOD_OFFER, "keywords": ["rice", " ", "", "seed"]})
    assert "keywords" in {h.code for h in blanks.hints}


def test_long_text_is_cut_and_odd_values_count_as_missing():
    report = assess_input({"kind": "offer", "title": "x" * 5000, "trl": "", "sectors": None})
    codes = {h.code for h in report.hints}
    assert {"trl", "sectors"} <= codes
