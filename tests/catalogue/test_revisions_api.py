"""The API follows the same review rule: `version` everywhere, required on PATCH, 409 when
stale, edits of published profiles as revisions, and the brokers' queue endpoints."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from lintas.catalogue.domain import revisions
from lintas.catalogue.models import Profile, Revision
from tests.factories import OrganisationFactory, ProfileFactory, UserFactory

NEW_EMAIL = "hijacked.contact@example.org"


def api(user=None):
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


@pytest.fixture
def colleague(provider_org):
    return UserFactory(username="colleague", organisation=provider_org, role="provider")


@pytest.mark.django_db
def test_every_profile_representation_carries_version(offer, provider):
    listed = api().get("/api/v1/profiles/").json()["results"]
    assert [p["version"] for p in listed] == [offer.version]
    assert api().get(f"/api/v1/profiles/{offer.ref}/").json()["version"] == offer.version
    entitled = api(provider).get(f"/api/v1/profiles/{offer.ref}/").json()
    assert (entitled["version"], entitled["contact_email"]) == (
        offer.version,
        "secret.contact@example.org",
    )


@pytest.mark.django_db
def test_patch_without_version_refused_with_a_message_naming_it(offer, provider):
    response = api(provider).patch(
        f"/api/v1/profiles/{offer.ref}/", {"contact_email": NEW_EMAIL}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["version"]
    assert "send the version you read" in response.json()["errors"]["version"][0]
    assert Revision.objects.count() == 0


@pytest.mark.django_db
def test_patch_with_stale_version_gets_409(provider, sector):
    draft = ProfileFactory(organisation=provider.organisation, status="draft", sectors=[sector])
    ok = api(provider).patch(
        f"/api/v1/profiles/{draft.ref}/", {"title": "First", "version": 1}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = api(provider).patch(
        f"/api/v1/profiles/{draft.ref}/", {"title": "Second", "version": 1}, format="json"
    )
    assert stale.status_code == 409
    assert "Someone else saved this profile" in stale.json()["detail"]
    assert Profile.objects.get(pk=draft.pk).title == "First"


@pytest.mark.django_db
def test_patch_of_published_profile_creates_revision_and_changes_nothing_visible(
    offer, provider, colleague, broker
):
    response = api(provider).patch(
        f"/api/v1/profiles/{offer.ref}/",
        {"contact_email": NEW_EMAIL, "version": offer.version},
        format="json",
    )
    assert response.status_code == 202
    body = response.json()
    assert (body["profile"], body["status"], body["author"]) == (offer.ref, "pending", "provider")
    assert body["changes"] == [
        {
            "field": "contact_email",
            "label": "Contact e-mail",
            "before": "secret.contact@example.org",
            "after": NEW_EMAIL,
        }
    ]
    for user in (colleague, broker):
        shown = api(user).get(f"/api/v1/profiles/{offer.ref}/")
        assert shown.status_code == 200
        assert shown.json()["contact_email"] == "secret.contact@example.org"
    public = api().get(f"/api/v1/profiles/{offer.ref}/")
    assert public.status_code == 200 and public.json()["title"] == "Salt-tolerant rice variety"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider", "seeker"])
def test_foreign_user_patch_refused_and_no_revision(offer, who, request):
    response = api(request.getfixturevalue(who)).patch(
        f"/api/v1/profiles/{offer.ref}/",
        {"contact_email": NEW_EMAIL, "version": offer.version},
        format="json",
    )
    assert response.status_code == 403
    assert Revision.objects.count() == 0


@pytest.mark.django_db
def test_anonymous_patch_refused(offer):
    response = api().patch(
        f"/api/v1/profiles/{offer.ref}/", {"title": "X", "version": 1}, format="json"
    )
    assert response.status_code == 401


@pytest.mark.django_db
def test_queue_endpoints_list_accept_reject(offer, provider, colleague, broker):
    mine = revisions.propose(user=provider, profile=offer, data={"title": "New title"})
    theirs = revisions.propose(user=colleague, profile=offer, data={"summary": "New summary"})
    queue = api(broker).get("/api/v1/revisions/")
    assert queue.status_code == 200
    assert [r["id"] for r in queue.json()["results"]] == [mine.pk, theirs.pk]
    own = api(provider).get("/api/v1/revisions/").json()["results"]
    assert [r["id"] for r in own] == [mine.pk]
    assert api(provider).get(f"/api/v1/revisions/{theirs.pk}/").status_code == 404
    assert api(provider).post(f"/api/v1/revisions/{mine.pk}/accept/").status_code == 403
    accepted = api(broker).post(f"/api/v1/revisions/{mine.pk}/accept/")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert api().get(f"/api/v1/profiles/{offer.ref}/").json()["title"] == "New title"
    stale = api(broker).post(f"/api/v1/revisions/{theirs.pk}/accept/")
    assert stale.status_code == 409
    assert "The profile changed after these edits were proposed" in stale.json()["detail"]
    no_reason = api(broker).post(f"/api/v1/revisions/{theirs.pk}/reject/", {}, format="json")
    assert no_reason.status_code == 400 and list(no_reason.json()["errors"]) == ["reason"]
    rejected = api(broker).post(
        f"/api/v1/revisions/{theirs.pk}/reject/", {"reason": "Out of date."}, format="json"
    )
    assert rejected.status_code == 200
    assert (rejected.json()["status"], rejected.json()["reason"]) == ("rejected", "Out of date.")
    assert api(broker).get("/api/v1/revisions/").json()["results"] == []
    decided = api(broker).get("/api/v1/revisions/?status=all").json()["results"]
    assert [r["status"] for r in decided] == ["accepted", "rejected"]


@pytest.mark.django_db
def test_queue_endpoint_closed_to_anonymous(offer):
    assert api().get("/api/v1/revisions/").status_code == 401


@pytest.mark.django_db
def test_queue_endpoint_query_count_same_for_one_and_three(broker, sector):
    def add(count):
        org = OrganisationFactory()
        for i in range(count):
            profile = ProfileFactory(organisation=org, status="published", sectors=[sector])
            author = UserFactory(organisation=org, role="provider")
            revisions.propose(user=author, profile=profile, data={"title": f"T {i}"})

    def measure(expected):
        with CaptureQueriesContext(connection) as queries:
            response = api(broker).get("/api/v1/revisions/")
        assert response.status_code == 200
        assert len(response.json()["results"]) == expected
        return len(queries)

    add(1)
    one = measure(1)
    add(2)
    assert measure(3) == one


@pytest.mark.django_db
def test_file_awaiting_review_listed_only_to_author_and_brokers(offer, provider, colleague, broker):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lintas.catalogue.domain import attachments

    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
    attachments.add_attachment(
        user=provider, profile=offer, upload=SimpleUploadedFile("new.pdf", pdf), title="New"
    )
    for user, expected in ((None, []), (colleague, []), (provider, [True]), (broker, [True])):
        response = api(user).get(f"/api/v1/profiles/{offer.ref}/")
        assert response.status_code == 200
        assert response.json()["title"] == "Salt-tolerant rice variety"
        assert [a["awaiting_review"] for a in response.json()["attachments"]] == expected
