import pytest

from lintas.network.models import JointLab, Mechanism, Platform, SciencePark
from tests.factories import OrganisationFactory


@pytest.fixture
def registry(sector, provider_org):
    """A small network: members in CN, ID and TH, two labs, a park, two mechanisms, a platform."""
    provider_org.member_type = "full"
    provider_org.save()
    OrganisationFactory(slug="m-id", name="Member Indonesia", country="ID", member_type="full")
    OrganisationFactory(
        slug="m-th", name="Member Thailand", country="TH", member_type="associate", type="institute"
    )
    OrganisationFactory(slug="not-member", name="Not A Member", country="TH")
    lab = JointLab.objects.create(
        name="China-Indonesia Rice Lab", countries=["CN", "ID"], sector=sector,
        partner_names=["Bogor Institute"], description="Rice.",
    )  # fmt: skip
    lab.partners.add(provider_org)
    JointLab.objects.create(
        name="China-Thailand Navigation Lab", countries=["CN", "TH"], status="under_construction"
    )
    SciencePark.objects.create(name="Kuantan Park", country="MY", countries=["CN", "MY"])
    Mechanism.objects.create(name="CN-VN mechanism", country_a="CN", country_b="VN")
    Mechanism.objects.create(name="CN-ID mechanism", country_a="CN", country_b="ID")
    Platform.objects.create(name="Trading platform", kind="trading_platform", country="CN")
    return lab
