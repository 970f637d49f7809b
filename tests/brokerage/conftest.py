import pytest

from lintas.brokerage.domain import deals
from tests.factories import ProfileFactory

SECRETS = (
    "SECRET-PRICE-TERMS",
    "secret.contact@example.org",
    "Dr Secret Contact",
    "+86 771 0000 0000",
)
NEED_SECRETS = ("NEED-SECRET-BUDGET", "need.contact@example.org")


@pytest.fixture
def need(seeker_org, seeker, sector):
    return ProfileFactory(
        kind="need",
        ref="ND-T-00001",
        organisation=seeker_org,
        created_by=seeker,
        title="Brackish-water irrigation pump",
        status="published",
        sectors=[sector],
        confidential_details="NEED-SECRET-BUDGET",
        contact_name="Ibu Need Contact",
        contact_email="need.contact@example.org",
        contact_phone="+62 21 000",
    )


@pytest.fixture
def deal(offer, need, seeker, broker, settings):
    settings.LINTAS = {**settings.LINTAS, "BROKER_APPROVAL_REQUIRED": False}
    offer.broker = broker
    offer.save()
    return deals.express_interest(
        user=seeker, profile=offer, message="We grow rice near the coast.", counterpart=need
    )


@pytest.fixture
def introduced(deal, provider):
    return deals.respond(user=provider, deal=deal, accept=True)
