import pytest

from lintas.brokerage.models import Agreement, Deal, Message
from lintas.demo import brokerage as demo
from lintas.demo import loader


@pytest.mark.django_db
def test_demo_loader_is_idempotent_and_realistic():
    loader.load_sectors()
    loader.load_organisations()
    loader.load_users()
    loader.load_profiles()
    first = demo.load(log=lambda *_: None)
    second = demo.load(log=lambda *_: None)
    assert first == second
    assert first["deals"] == Deal.objects.count() >= 8
    assert 5 <= Agreement.objects.count() <= 8
    assert Message.objects.count() == first["messages"] > 0
    stages = set(Deal.objects.values_list("stage", flat=True))
    assert {"interest", "introduced", "meeting", "negotiating", "agreement", "declined",
            "stalled"} <= stages  # fmt: skip
    assert not Deal.objects.filter(stage="interest", introduced_at__isnull=False).exists()
    assert all(a.parties.count() >= 2 for a in Agreement.objects.all())
