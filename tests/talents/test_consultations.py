"""Consultations: members ask, the talent accepts or declines with a reason; contact details
of both sides appear only after acceptance; rating; turning into a deal."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lintas.talents.domain import consultations
from lintas.talents.models import Consultation
from tests.factories import ProfileFactory


def _ask(client, talent, **data):
    body = {"topic": "Salt-tolerant rice", "message": "Could you advise our seed trials?", **data}
    return client.post(reverse("talents:consult", args=[talent.slug]), body)


def test_member_asks_talent_is_told_without_contacts(client, talent, seeker):
    client.force_login(seeker)
    response = _ask(client, talent)
    item = Consultation.objects.get()
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    assert item.requester == seeker and item.status == "requested"
    assert [m.to for m in mail.outbox] == [[talent.user.email]]
    assert seeker.email not in mail.outbox[0].body
    page = client.get(item.get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="contacts-hidden"' in body and "talent.secret@example.org" not in body
    detail = client.get(reverse("talents:detail", args=[talent.slug])).content.decode()
    assert "talent.secret@example.org" not in detail


def test_visitors_and_pending_people_cannot_ask(client, talent, pending_person):
    assert _ask(client, talent).status_code == 302  # to the sign-in page
    client.force_login(pending_person)
    assert _ask(client, talent).status_code == 403
    with pytest.raises(PermissionDenied):
        consultations.request_consultation(
            user=pending_person, talent=talent, topic="t", message="m"
        )
    assert not Consultation.objects.exists()


def test_accepting_reveals_both_sides_contacts(client, talent, seeker):
    item = consultations.request_consultation(
        user=seeker, talent=talent, topic="Rice", message="Help?"
    )
    client.force_login(talent.user)
    page = client.get(item.get_absolute_url()).content.decode()
    assert seeker.email not in page and 'id="accept-consultation"' in page
    client.post(
        reverse("talents:consultation_action", args=[item.pk, "accept"]), {"answer": "乐意帮忙。"}
    )
    item.refresh_from_db()
    assert item.status == "accepted" and item.answer == "乐意帮忙。"
    assert seeker.email in client.get(item.get_absolute_url()).content.decode()
    client.force_login(seeker)
    for url in (item.get_absolute_url(), reverse("talents:detail", args=[talent.slug])):
        body = client.get(url).content.decode()
        assert "talent.secret@example.org" in body and "1234 5678" in body
    api = client.get(reverse("talent-detail", args=[talent.slug])).json()
    assert api["contact_email"] == "talent.secret@example.org"


def test_decline_needs_a_reason_and_reveals_nothing(client, talent, seeker):
    item = consultations.request_consultation(
        user=seeker, talent=talent, topic="Rice", message="Help?"
    )
    with pytest.raises(ValidationError):
        consultations.respond(user=talent.user, consultation=item, accept=False)
    consultations.respond(
        user=talent.user, consultation=item, accept=False, answer="Outside my field."
    )
    item.refresh_from_db()
    assert item.status == "declined"
    client.force_login(seeker)
    body = client.get(item.get_absolute_url()).content.decode()
    assert "Outside my field." in body and "talent.secret@example.org" not in body


def test_only_the_talent_answers_and_only_once(talent, seeker, broker):
    item = consultations.request_consultation(
        user=seeker, talent=talent, topic="Rice", message="Help?"
    )
    for person in (seeker, broker):
        with pytest.raises(PermissionDenied):
            consultations.respond(user=person, consultation=item, accept=True)
    consultations.respond(user=talent.user, consultation=item, accept=True)
    with pytest.raises(ValidationError):
        consultations.respond(user=talent.user, consultation=item, accept=False, answer="no")
    item.refresh_from_db()
    assert item.status == "accepted"


def test_outsiders_cannot_open_a_consultation(client, talent, seeker, provider, broker):
    item = consultations.request_consultation(
        user=seeker, talent=talent, topic="Rice", message="Help?"
    )
    client.force_login(provider)
    assert client.get(item.get_absolute_url()).status_code == 404
    client.force_login(broker)
    assert client.get(item.get_absolute_url()).status_code == 200


def test_rating_and_turning_into_a_deal(client, talent, seeker, provider):
    offer = ProfileFactory(kind="offer", status="published", organisation=provider.organisation)
    item = consultations.request_consultation(
        user=seeker, talent=talent, topic="Rice", message="Help?", profile=offer
    )
    with pytest.raises(ValidationError):
        consultations.rate(user=seeker, consultation=item, rating=5)
    consultations.respond(user=talent.user, consultation=item, accept=True)
    consultations.rate(user=seeker, consultation=item, rating=4, comment="Useful")
    deal = consultations.convert_to_deal(user=seeker, consultation=item)
    item.refresh_from_db()
    assert (item.rating, item.deal) == (4, deal)
    assert deal.profile == offer and deal.requester == seeker
    with pytest.raises(ValidationError):
        consultations.convert_to_deal(user=seeker, consultation=item)


def test_one_open_request_per_talent(talent, seeker):
    consultations.request_consultation(user=seeker, talent=talent, topic="Rice", message="Help?")
    with pytest.raises(ValidationError):
        consultations.request_consultation(user=seeker, talent=talent, topic="Again", message="?")
    assert Consultation.objects.count() == 1


@pytest.mark.parametrize("n", [1, 3])
def test_consultation_list_query_count_is_constant(
    client, django_assert_max_num_queries, talent, seeker, n
):
    from tests.factories import TalentFactory

    for _i in range(n):
        consultations.request_consultation(
            user=seeker, talent=TalentFactory(), topic="T", message="M"
        )
    client.force_login(seeker)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("talents:consultations")).status_code == 200


def test_api_consultation_flow(client, talent, seeker, provider):
    client.force_login(seeker)
    url = reverse("talent-consultation-list")
    body = {"talent": talent.slug, "topic": "Rice", "message": "Help?"}
    created = client.post(url, body, content_type="application/json")
    assert created.status_code == 201 and created.json()["contacts"] is None
    pk = created.json()["id"]
    detail = reverse("talent-consultation-detail", args=[pk])
    accept = reverse("talent-consultation-accept", args=[pk])
    assert client.post(accept, {}, content_type="application/json").status_code == 403
    client.force_login(provider)
    assert client.get(detail).status_code == 404
    client.force_login(talent.user)
    assert client.post(reverse("talent-consultation-decline", args=[pk]), {},
                       content_type="application/json").status_code == 400  # fmt: skip
    answered = client.post(accept, {"answer": "好的"}, content_type="application/json")
    assert answered.status_code == 200 and answered.json()["status"] == "accepted"
    assert answered.json()["contacts"]["email"] == seeker.email
    client.force_login(seeker)
    data = client.get(detail).json()
    assert data["contacts"]["email"] == "talent.secret@example.org"
    rated = client.post(reverse("talent-consultation-rate", args=[pk]), {"rating": 5},
                        content_type="application/json")  # fmt: skip
    assert rated.json()["rating"] == 5
    assert [c["id"] for c in client.get(url).json()["results"]] == [pk]


def test_experts_consulted_counts_talents_with_an_accepted_consultation(
    client, talent, seeker, provider
):
    from lintas.pages.figures import headline_figures

    for person in (seeker, provider):
        item = consultations.request_consultation(
            user=person, talent=talent, topic="T", message="M"
        )
        consultations.respond(user=talent.user, consultation=item, accept=True)
    assert headline_figures()["experts_consulted"] == 1  # one talent, consulted twice
    assert (
        '<div class="figure" id="figure-experts"><b>1</b>experts consulted</div>'
        in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
