"""Members-only fields and contact details stay hidden from those not entitled, on the page and
in the API; each check also asserts the answer was 200 and showed what should be shown."""

import pytest
from django.urls import reverse

SECRETS = ("MEMBERS-ONLY-BIO", "MEMBERS-ONLY-PAPER", "talent.secret@example.org", "1234 5678")


def _page(client, talent, user=None):
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("talents:detail", args=[talent.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_visitor_sees_public_fields_only(client, talent):
    body = _page(client, talent)
    assert "Li Wei" in body and "China" in body and "salt tolerant rice" in body
    assert 'id="members-only-note"' in body and 'id="contacts-hidden"' in body
    for secret in SECRETS:
        assert secret not in body


def test_pending_person_is_not_a_member(client, talent, pending_person):
    body = _page(client, talent, pending_person)
    assert "Li Wei" in body
    for secret in SECRETS:
        assert secret not in body


@pytest.mark.parametrize("who", ["seeker", "provider", "officer"])
def test_member_sees_members_only_fields_but_not_contacts(client, talent, who, request):
    body = _page(client, talent, request.getfixturevalue(who))
    assert "MEMBERS-ONLY-BIO" in body and "MEMBERS-ONLY-PAPER" in body
    assert 'id="contacts-hidden"' in body
    assert "talent.secret@example.org" not in body and "1234 5678" not in body


@pytest.mark.parametrize("who", ["self", "broker"])
def test_talent_and_broker_see_contacts(client, talent, who, broker):
    body = _page(client, talent, talent.user if who == "self" else broker)
    assert 'id="talent-contacts"' in body
    for secret in SECRETS:
        assert secret in body


def test_public_fields_stay_public_when_not_hidden(client, talent):
    talent.members_only = []
    talent.save()
    body = _page(client, talent)
    assert "MEMBERS-ONLY-BIO" in body and "MEMBERS-ONLY-PAPER" in body
    assert "talent.secret@example.org" not in body  # contacts are never public


def _api(client, url, user=None):
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.json()


def test_api_detail_leaves_out_members_only_fields_and_contacts_for_visitors(client, talent):
    data = _api(client, reverse("talent-detail", args=[talent.slug]))
    assert data["name"] == "Li Wei" and data["country"] == "CN"
    assert data["keywords"] == ["salt tolerant rice", "molecular breeding"]
    for key in ("bio", "bio_language", "publications", "contact_email", "contact_phone"):
        assert key not in data
    assert data["position"] == "Researcher"  # organisation was not hidden


def test_api_list_leaves_out_members_only_fields_for_visitors(client, talent):
    data = _api(client, reverse("talent-list"))
    assert [t["slug"] for t in data["results"]] == ["li-wei"]
    assert "bio" not in data["results"][0] and "contact_email" not in data["results"][0]
    assert "MEMBERS-ONLY" not in str(data)


def test_api_detail_for_member_has_fields_but_no_contacts(client, talent, seeker):
    data = _api(client, reverse("talent-detail", args=[talent.slug]), seeker)
    assert data["bio"].startswith("MEMBERS-ONLY-BIO")
    assert [p["title"] for p in data["publications"]] == ["MEMBERS-ONLY-PAPER on rice"]
    assert "contact_email" not in data and "contact_phone" not in data


def test_api_detail_for_broker_has_contacts(client, talent, broker):
    data = _api(client, reverse("talent-detail", args=[talent.slug]), broker)
    assert data["contact_email"] == "talent.secret@example.org"


def test_unlisted_talent_is_hidden_from_others_but_not_from_themselves(client, talent, seeker):
    talent.listed = False
    talent.save()
    page, api = (
        reverse("talents:detail", args=[talent.slug]),
        reverse("talent-detail", args=[talent.slug]),
    )
    assert client.get(page).status_code == 404
    assert client.get(api).status_code == 404
    client.force_login(seeker)
    assert client.get(page).status_code == 404
    assert "Li Wei" not in client.get(reverse("talents:directory")).content.decode()
    client.force_login(talent.user)
    assert client.get(page).status_code == 200
    assert client.get(api).json()["contact_email"] == "talent.secret@example.org"
