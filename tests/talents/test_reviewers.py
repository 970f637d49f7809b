"""Officers find potential reviewers for a call in the directory and add them to its pool;
applicants are left out and conflicts with applications are named."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lintas.programmes.models import Reviewer
from lintas.talents.domain import reviewers
from lintas.talents.domain.indexing import index_talents
from lintas.talents.models import Talent
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    PublicationFactory,
    TalentFactory,
    UserFactory,
)


@pytest.fixture
def call(db):
    return CallFactory(
        slug="tysp-2027", title="Young scientists 2027: salt-tolerant crops",
        description="Research stays on rice breeding for saline coastal soils.", status="open",
    )  # fmt: skip


@pytest.fixture
def breeder(db, call):
    talent = TalentFactory(name="Chen Xiaoming", slug="chen", members_only=[],
                           bio="Rice breeder working on salt tolerance.")  # fmt: skip
    PublicationFactory(talent=talent, title="Saltol introgression into indica rice")
    return talent


@pytest.fixture
def applicant_talent(db, call, breeder):
    talent = TalentFactory(name="Dewi Lestari", slug="dewi", members_only=[],
                           bio="Peneliti genomika padi toleran salinitas.")  # fmt: skip
    ApplicationFactory(call=call, applicant=talent.user, status="submitted")
    # Someone from the breeder's organisation applied too: a conflict for that application.
    colleague = UserFactory(organisation=breeder.user.organisation)
    ApplicationFactory(call=call, applicant=colleague, status="submitted", full_name="Colleague")
    index_talents(Talent.objects.values_list("pk", flat=True))
    return talent


def test_suggestions_leave_out_applicants_and_name_conflicts(
    call, breeder, applicant_talent, officer
):
    suggestions = reviewers.suggest(user=officer, call=call)
    slugs = [s.hit.talent.slug for s in suggestions]
    assert slugs == ["chen"]
    [(application, reasons)] = suggestions[0].conflicts
    assert application.full_name == "Colleague" and reasons == ["same organisation"]


def test_officer_adds_a_talent_to_the_pool_with_publications(
    client, call, breeder, applicant_talent, officer
):
    client.force_login(officer)
    page = client.get(reverse("talents:call_experts", args=[call.slug]))
    assert page.status_code == 200 and 'id="suggestion-chen"' in page.content.decode()
    client.post(reverse("talents:call_experts", args=[call.slug]), {"talent": "chen"})
    reviewer = Reviewer.objects.get(call=call, user=breeder.user)
    assert reviewer.publications == [
        {"title": "Saltol introgression into indica rice", "abstract": ""}
    ]
    with pytest.raises(ValidationError):
        reviewers.add_to_pool(user=officer, talent=breeder, call=call)
    with pytest.raises(ValidationError):
        reviewers.add_to_pool(user=officer, talent=applicant_talent, call=call)
    assert call.pool.count() == 1


def test_only_officers_add_reviewers(client, call, breeder, seeker, broker):
    for person in (seeker, broker):
        with pytest.raises(PermissionDenied):
            reviewers.add_to_pool(user=person, talent=breeder, call=call)
        client.force_login(person)
        assert client.get(reverse("talents:call_experts", args=[call.slug])).status_code == 403
        assert (
            client.post(
                reverse("talents:call_experts", args=[call.slug]), {"talent": "chen"}
            ).status_code
            == 403
        )
    assert not call.pool.exists()


def test_directory_lists_open_calls_for_officers_only(client, call, officer, seeker):
    client.force_login(officer)
    assert 'id="reviewer-calls"' in client.get(reverse("talents:directory")).content.decode()
    client.force_login(seeker)
    assert 'id="reviewer-calls"' not in client.get(reverse("talents:directory")).content.decode()
