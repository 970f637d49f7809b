import json

import pytest

from lintas.demo import network as demo
from lintas.network.models import JointLab, Mechanism, Platform, SciencePark
from tests.factories import OrganisationFactory, SectorFactory


@pytest.mark.django_db
def test_demo_network_loads_every_row_and_is_idempotent():
    data = json.loads(demo.PATH.read_text(encoding="utf-8"))
    SectorFactory(slug="agriculture")
    OrganisationFactory(slug="gxu", name="Guangxi University")
    first = demo.load(log=lambda *a: None)
    second = demo.load(log=lambda *a: None)
    assert first == second
    assert JointLab.objects.count() == len(data["joint_labs"])
    assert SciencePark.objects.count() == len(data["science_parks"])
    assert Mechanism.objects.count() == len(data["mechanisms"])
    assert Platform.objects.count() == len(data["platforms"])
    khmer = JointLab.objects.get(name="China-Cambodia Joint Laboratory for Agricultural Technology")
    assert [o.slug for o in khmer.partners.all()] == ["gxu"]
    assert khmer.partner_names == ["Royal University of Agriculture"]
    assert khmer.sector.slug == "agriculture"
    assert khmer.illustrative is True
    assert Mechanism.objects.filter(working_group__isnull=True).count() == len(data["mechanisms"])
    assert JointLab.objects.filter(launched="").count() == len(data["joint_labs"])
