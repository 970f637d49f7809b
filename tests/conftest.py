import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import OrganisationFactory, ProfileFactory, SectorFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rows made by factories skip the domain functions
    that move cached figures on (the lists' facet counts, query vectors, throttle counts)."""
    cache.clear()
    yield


@pytest.fixture
def sector(db):
    return SectorFactory(
        slug="agriculture", names={"en": "Modern agriculture", "zh-hans": "现代农业"}
    )


@pytest.fixture
def provider_org(db):
    return OrganisationFactory(
        slug="gxu", name="Guangxi University", country="CN", province="Guangxi"
    )


@pytest.fixture
def seeker_org(db):
    return OrganisationFactory(
        slug="tani", name="PT Tani Makmur", type="enterprise", size="small", country="ID"
    )


@pytest.fixture
def provider(provider_org):
    return UserFactory(username="provider", organisation=provider_org, role="provider")


@pytest.fixture
def seeker(seeker_org):
    return UserFactory(username="seeker", organisation=seeker_org, role="seeker")


@pytest.fixture
def broker(db):
    return UserFactory(
        username="broker", role="broker", organisation=OrganisationFactory(type="intermediary")
    )


@pytest.fixture
def officer(db):
    return UserFactory(
        username="officer", role="officer", organisation=OrganisationFactory(type="intermediary")
    )


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", role="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def outsider(db):
    return UserFactory(username="outsider", role="provider")


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def offer(provider_org, provider, sector):
    return ProfileFactory(
        kind="offer",
        organisation=provider_org,
        created_by=provider,
        title="Salt-tolerant rice variety",
        status="published",
        sectors=[sector],
    )
