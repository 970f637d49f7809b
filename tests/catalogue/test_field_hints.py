"""Quality hints under the field they are about (what a phone shows while typing)."""

import pytest
from django.urls import reverse

from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_create_form_shows_each_hint_under_its_field(provider):
    html = login(provider).get(reverse("catalogue:offer_create")).content.decode()
    assert 'id="hint-summary"' in html and 'id="hint-description"' in html
    assert 'data-field-hint="sectors"' in html  # nothing chosen yet
    assert "hx-swap-oob" not in html  # only the live check swaps them


def test_live_check_replaces_the_field_hints_out_of_band(provider, sector):
    client = login(provider)
    response = client.post(
        reverse("catalogue:quality"),
        {"kind": "offer", "title": "Pompa", "summary": "", "sectors": [sector.pk]},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<ul class="field-hint" id="hint-summary" hx-swap-oob="true">' in html
    assert 'data-field-hint="summary"' in html
    # A field whose hint is met is cleared: the sectors list is sent, empty.
    assert '<ul class="field-hint" id="hint-sectors" hx-swap-oob="true"></ul>' in html
