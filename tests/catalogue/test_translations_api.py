"""The translations API: same rules as the pages (catalogue.translate_profile), effects checked."""

import pytest
from django.test import Client

from lintas.catalogue.models import ProfileTranslation
from tests.conftest import login
from tests.factories import ProfileTranslationFactory

TH = {"language": "th", "title": "พันธุ์ข้าวทนเค็ม", "summary": "ข้าวที่ปลูกได้ในดินเค็ม"}


def url(profile, language=None):
    base = f"/api/v1/profiles/{profile.ref}/translations/"
    return f"{base}{language}/" if language else base


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["provider", "broker"])
def test_owner_and_broker_add_edit_and_delete(who, offer, provider, broker):
    user = {"provider": provider, "broker": broker}[who]
    client = login(user)
    created = client.post(url(offer), {**TH, "machine": True}, content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["written_by"] == user.username and body["machine"] is True
    assert body["outdated"] is False and body["source_version"] == offer.version

    edited = client.put(
        url(offer, "th"),
        {"title": "ข้าวทนเค็ม", "summary": TH["summary"]},
        content_type="application/json",
    )
    assert edited.status_code == 200 and edited.json()["machine"] is False
    assert ProfileTranslation.objects.get(profile=offer).title == "ข้าวทนเค็ม"

    assert client.delete(url(offer, "th")).status_code == 204
    assert not ProfileTranslation.objects.filter(profile=offer).exists()


@pytest.mark.django_db
def test_anyone_reads_translations_of_a_published_profile(offer):
    ProfileTranslationFactory(profile=offer, language="th", title=TH["title"])
    client = Client()
    listing = client.get(url(offer))
    assert listing.status_code == 200
    assert [t["language"] for t in listing.json()] == ["th"]
    one = client.get(url(offer, "th")).json()
    assert one["title"] == TH["title"] and one["outdated"] is False
    assert client.get(url(offer, "vi")).status_code == 404


@pytest.mark.django_db
def test_translations_of_a_draft_hidden_from_outsiders(offer, outsider, provider):
    offer.status = "draft"
    offer.save()
    ProfileTranslationFactory(profile=offer, language="th")
    assert login(outsider).get(url(offer)).status_code == 404
    assert Client().get(url(offer, "th")).status_code == 404
    assert login(provider).get(url(offer)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["seeker", "outsider", "anonymous"])
def test_others_may_not_write(who, offer, seeker, outsider):
    row = ProfileTranslationFactory(profile=offer, language="th", title=TH["title"])
    client = {"seeker": login(seeker), "outsider": login(outsider), "anonymous": Client()}[who]
    expected = 401 if who == "anonymous" else 403  # no credentials: 401, refused: 403
    vi = {**TH, "language": "vi"}
    assert client.post(url(offer), vi, content_type="application/json").status_code == expected
    put = client.put(
        url(offer, "th"), {"title": "x", "summary": "y"}, content_type="application/json"
    )
    assert put.status_code == expected
    assert client.delete(url(offer, "th")).status_code == expected
    row.refresh_from_db()
    assert row.title == TH["title"]
    assert ProfileTranslation.objects.filter(profile=offer).count() == 1


@pytest.mark.django_db
def test_bad_input_is_a_clear_400(offer, provider):
    client = login(provider)
    same = client.post(url(offer), {**TH, "language": "en"}, content_type="application/json")
    assert same.status_code == 400
    assert "already written in that language" in same.content.decode()
    missing = client.post(
        url(offer), {"title": "t", "summary": "s"}, content_type="application/json"
    )
    assert missing.status_code == 400 and "language" in missing.json()["errors"]
    client.post(url(offer), TH, content_type="application/json")
    again = client.post(url(offer), TH, content_type="application/json")
    assert again.status_code == 400
    assert ProfileTranslation.objects.filter(profile=offer).count() == 1
