import datetime as dt

import pytest

from lintas.campaigns.domain import campaigns
from lintas.matching.models import Match
from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory, UserFactory


@pytest.fixture
def agri(db):
    return SectorFactory(slug="agriculture", names={"en": "Modern agriculture"})


@pytest.fixture
def campaign_broker(db):
    return UserFactory(
        username="broker", role="broker", organisation=OrganisationFactory(type="intermediary")
    )


@pytest.fixture
def other_broker(db):
    return UserFactory(username="broker-th", role="broker")


@pytest.fixture
def cn_org(db):
    return OrganisationFactory(slug="gxu", name="Guangxi University", country="CN")


@pytest.fixture
def la_org(db):
    return OrganisationFactory(slug="lao-cassava", name="Lao Cassava Co.", country="LA")


@pytest.fixture
def lao_seeker(la_org):
    return UserFactory(username="seeker-lo", role="seeker", organisation=la_org, language="lo")


@pytest.fixture
def offers(cn_org, agri):
    """Three published Chinese offers (one with a Lao translation), one draft."""
    from lintas.catalogue.models import ProfileTranslation

    dryer = ProfileFactory(
        ref="OF-DRY",
        kind="offer",
        organisation=cn_org,
        status="published",
        title="Cassava chip dryer using biomass heat",
        summary="Dries 5 t of cassava chips a day with husk-fired heat.",
        trl=8,
        ipr_status="granted_patent",
        cooperation_modes=["licence", "equipment_supply"],
        sectors=[agri],
    )
    ProfileTranslation.objects.create(
        profile=dryer,
        language="lo",
        title="ເຄື່ອງອົບມັນຕົ້ນດ້ວຍຄວາມຮ້ອນຊີວະມວນ",
        summary="ອົບມັນຕົ້ນໄດ້ 5 ໂຕນຕໍ່ມື້.",
    )
    pump = ProfileFactory(
        ref="OF-PUMP",
        kind="offer",
        organisation=cn_org,
        status="published",
        title="Solar irrigation pump",
        summary="A pump for paddies.",
        trl=7,
        sectors=[agri],
    )
    clinic = ProfileFactory(
        ref="OF-CLINIC",
        kind="offer",
        organisation=cn_org,
        status="published",
        title="Telemedicine kiosk",
        summary="Remote diagnosis.",
    )
    draft = ProfileFactory(ref="OF-DRAFT", kind="offer", organisation=cn_org, status="draft")
    return {"dryer": dryer, "pump": pump, "clinic": clinic, "draft": draft}


@pytest.fixture
def lao_need(la_org, lao_seeker, agri):
    return ProfileFactory(
        ref="ND-LAO",
        kind="need",
        organisation=la_org,
        created_by=lao_seeker,
        status="published",
        title="Drying cassava chips in the rainy season",
        content_language="en",
        sectors=[agri],
    )


@pytest.fixture
def matches(offers, lao_need):
    """The engine's judgement as matching stores it (scored by tests/matching; here given)."""
    Match.objects.create(
        offer=offers["dryer"],
        need=lao_need,
        score=0.81,
        explanation={"sectors": ["Modern agriculture"], "terms": [{"need": "cassava", "offer": "cassava"}],
                     "trl": {"ok": True, "offer": 8, "need": 6}, "country": {}},
    )  # fmt: skip
    Match.objects.create(offer=offers["pump"], need=lao_need, score=0.42, explanation={})
    Match.objects.create(
        offer=offers["clinic"], need=lao_need, score=0.9, explanation={}, dismissed=True
    )


@pytest.fixture
def campaign(campaign_broker, agri):
    return campaigns.create_campaign(
        user=campaign_broker,
        name="1,000 technologies for ASEAN",
        slug="asean-1000",
        goal=1000,
        countries=["LA", "TH"],
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2027, 12, 31),
        sectors=[agri],
        published=True,
    )
