import pytest

from tests.factories import PublicationFactory, TalentFactory, UserFactory


@pytest.fixture
def talent(db, sector):
    """A listed Chinese rice breeder who shows biography and publications to members only."""
    person = UserFactory(username="liwei", first_name="Li", last_name="Wei")
    talent = TalentFactory(
        user=person,
        slug="li-wei",
        name="Li Wei",
        members_only=["bio", "publications"],
        keywords=["salt tolerant rice", "molecular breeding"],
        sectors=[sector],
    )
    PublicationFactory(talent=talent, title="MEMBERS-ONLY-PAPER on rice", year=2022)
    return talent


@pytest.fixture
def pending_person(db):
    """Signed up, membership not approved yet: no organisation, so not a member."""
    return UserFactory(username="pending", organisation=None, role="seeker")
