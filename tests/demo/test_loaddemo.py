"""lintas.demo: the demo loader lists every app's loader itself, in order, and loaddemo runs them."""

import io

import pytest
from django.core.management import call_command

from lintas.demo import (
    brokerage,
    campaigns,
    competitions,
    events,
    insights,
    loader,
    network,
    programmes,
    talents,
)


def test_loaders_are_listed_explicitly_in_order():
    listed = loader.LOADERS
    assert listed == (
        brokerage.load,
        events.load_events,
        programmes.load_programmes,
        talents.load,
        campaigns.load,
        competitions.load,
        network.load,
        insights.load,
    )


@pytest.mark.django_db
def test_loaddemo_loads_every_app_and_the_summary_last():
    from lintas.brokerage.models import Agreement, Deal
    from lintas.events.models import Event
    from lintas.insights.models import KpiFact
    from lintas.network.models import JointLab
    from lintas.programmes.models import Application

    out = io.StringIO()
    call_command("loaddemo", "--no-index", stdout=out)
    text = out.getvalue()
    assert Deal.objects.exists() and Agreement.objects.exists()
    from lintas.catalogue.domain.translations import display_text
    from lintas.catalogue.models import Profile

    offer = Profile.objects.get(ref="OF-0001")
    thai = display_text(offer, "th")
    assert (
        thai.is_translation
        and not thai.outdated
        and thai.translation.written_by.username == ("broker-th")
    )
    assert Event.objects.exists() and Application.objects.exists() and JointLab.objects.exists()
    # The summary runs last, so it already counts the agreements loaded before it.
    assert f"insights summary rows {KpiFact.objects.count()}" in text
    agreements = KpiFact.objects.filter(kpi="agreements").values("obj").distinct().count()
    assert agreements == Agreement.objects.count()
    assert "demo logins (password 'lintas-demo'): " in text
