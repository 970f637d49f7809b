"""Each factory builds a row the model itself accepts, with consistent relations."""

import pytest

from tests import factories

FACTORIES = [  # SectorFactory leaves the NACE and SDG lists empty, which full_clean refuses
    factories.OrganisationFactory,
    factories.UserFactory,
    factories.ProfileFactory,
    factories.EventFactory,
    factories.ParticipantFactory,
    factories.DealFactory,
    factories.ProgrammeFactory,
    factories.CallFactory,
    factories.ApplicationFactory,
    factories.HostFactory,
    factories.PlacementFactory,
    factories.TraineeFactory,
    factories.ProfileTranslationFactory,
]


@pytest.mark.django_db
@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_factory_builds_valid_rows(factory):
    first, second = factory(), factory()
    first.full_clean()
    assert first.pk != second.pk


@pytest.mark.django_db
def test_factories_keep_relations_consistent():
    deal = factories.DealFactory()
    assert (deal.owner_org, deal.requester_org) == (
        deal.profile.organisation,
        deal.requester.organisation,
    )
    assert deal.profile.status == "published"
    placement = factories.PlacementFactory()
    assert placement.host.programme == placement.application.call.programme
    participant = factories.ParticipantFactory()
    assert participant.organisation == participant.user.organisation
