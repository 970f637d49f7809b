"""Opting in, editing one's own entry, publications typed in; each refusal changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lintas.talents.domain import profiles
from lintas.talents.models import Publication, Talent
from tests.factories import ApplicationFactory, TraineeFactory

FORM = {
    "name": "Siti Rahma",
    "position": "Plant breeder",
    "country": "ID",
    "languages": ["id", "en"],
    "keywords": "rice, salinity",
    "bio": "Saya pemulia padi.",
    "bio_language": "id",
    "roles": ["consulting", "mentoring"],
    "availability": "available",
    "members_only": ["bio"],
    "contact_email": "siti@example.org",
    "listed": "on",
}


def test_opt_in_through_the_page_creates_the_entry(client, seeker, sector):
    client.force_login(seeker)
    response = client.post(reverse("talents:mine"), {**FORM, "sectors": [sector.pk]})
    talent = Talent.objects.get(user=seeker)
    assert response.status_code == 302 and response["Location"] == talent.get_absolute_url()
    assert talent.keywords == ["rice", "salinity"] and talent.languages == ["id", "en"]
    assert talent.organisation == seeker.organisation and list(talent.sectors.all()) == [sector]
    assert client.get(reverse("talents:directory")).content.decode().count("Siti Rahma") == 1


def test_new_entry_is_prefilled_from_an_accepted_application(client, db):
    application = ApplicationFactory(
        status="accepted",
        full_name="Nguyen Thi Lan",
        nationality="VN",
        publications=[{"title": "Mekong rice salinity", "abstract": "Field trials."}],
    )
    client.force_login(application.applicant)
    body = client.get(reverse("talents:mine")).content.decode()
    assert 'value="Nguyen Thi Lan"' in body and '<option value="VN" selected>' in body
    talent = profiles.create_talent(
        user=application.applicant, data={"name": "Nguyen Thi Lan", "country": "VN"}
    )
    assert [p.title for p in talent.publications.all()] == ["Mekong rice salinity"]


def test_trainee_is_prefilled_from_the_training_record(client, db):
    trainee = TraineeFactory(name="Sok Dara", country="KH")
    from tests.factories import UserFactory

    trainee.user = UserFactory(username="dara")
    trainee.save()
    client.force_login(trainee.user)
    body = client.get(reverse("talents:mine")).content.decode()
    assert 'value="Sok Dara"' in body and '<option value="KH" selected>' in body


def test_second_entry_is_refused(talent):
    with pytest.raises(ValidationError):
        profiles.create_talent(user=talent.user, data={"name": "Again", "country": "CN"})
    assert Talent.objects.filter(user=talent.user).count() == 1


def test_bad_codes_are_refused_and_nothing_is_saved(seeker):
    with pytest.raises(ValidationError):
        profiles.create_talent(
            user=seeker, data={"name": "X", "country": "ID", "languages": ["klingon"]}
        )
    assert not Talent.objects.filter(user=seeker).exists()


def test_only_the_person_edits_their_entry(client, talent, seeker, broker):
    with pytest.raises(PermissionDenied):
        profiles.update_talent(user=broker, talent=talent, data={"name": "Changed"})
    client.force_login(seeker)
    url = reverse("talent-detail", args=[talent.slug])
    response = client.patch(url, {"name": "Changed"}, content_type="application/json")
    assert response.status_code == 403
    talent.refresh_from_db()
    assert talent.name == "Li Wei"
    client.force_login(talent.user)
    response = client.patch(url, {"name": "Li Wei (李伟)"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["name"] == "Li Wei (李伟)"


def test_api_opt_in_and_second_attempt(client, seeker, sector):
    client.force_login(seeker)
    body = {"name": "Siti", "country": "id", "languages": ["id"], "sectors": ["agriculture"],
            "roles": ["consulting"]}  # fmt: skip
    response = client.post(reverse("talent-list"), body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["country"] == "ID" and response.json()["contact_email"] == seeker.email
    again = client.post(reverse("talent-list"), body, content_type="application/json")
    assert again.status_code == 403
    assert Talent.objects.filter(user=seeker).count() == 1


def test_visitor_cannot_opt_in_through_the_api(client, db):
    response = client.post(
        reverse("talent-list"), {"name": "X", "country": "ID"}, content_type="application/json"
    )
    assert response.status_code in (401, 403)
    assert not Talent.objects.exists()


def test_duplicate_publication_by_doi_or_title_is_refused(talent):
    profiles.add_publication(
        user=talent.user, talent=talent, data={"title": "Salt-tolerant rice", "doi": "10.1/ABC"}
    )
    for data in (
        {"title": "Other", "doi": "https://doi.org/10.1/abc"},
        {"title": "salt tolerant RICE."},
    ):
        with pytest.raises(ValidationError):
            profiles.add_publication(user=talent.user, talent=talent, data=data)
    assert talent.publications.count() == 2  # the fixture's paper and this one


def test_publication_page_add_and_remove(client, talent):
    client.force_login(talent.user)
    client.post(reverse("talents:add_publication"), {"title": "New paper", "kind": "article"})
    publication = Publication.objects.get(title="New paper")
    assert publication.talent == talent
    client.post(reverse("talents:delete_publication", args=[publication.pk]))
    assert not Publication.objects.filter(pk=publication.pk).exists()


def test_someone_else_cannot_remove_a_publication(client, talent, seeker):
    publication = talent.publications.get()
    client.force_login(seeker)
    response = client.post(reverse("talents:delete_publication", args=[publication.pk]))
    assert response.status_code == 403
    assert Publication.objects.filter(pk=publication.pk).exists()
