"""After a match action the page returns to ``next`` only if it is on this site."""

import pytest

from lintas.matching.models import Match
from tests.conftest import login
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def test_match_action_refuses_offsite_next(broker, seeker, offer):
    need = ProfileFactory(kind="need", organisation=seeker.organisation, status="published")
    match = Match.objects.create(offer=offer, need=need, score=0.5)
    client = login(broker)
    for evil in ("//evil.example", "https://evil.example/x", "/\\evil.example", "///evil.example"):
        response = client.post(f"/matching/m/{match.pk}/pin/", {"next": evil})
        assert response.status_code == 302
        assert response["Location"] == need.get_absolute_url()
    response = client.post(f"/matching/m/{match.pk}/pin/", {"next": "/offers/?page=2"})
    assert response["Location"] == "/offers/?page=2"
