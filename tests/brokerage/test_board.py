"""Issue 13 §4: the deal board and list speak names, notes are a history, an agreement shows."""

import datetime as dt

import pytest
from django.urls import reverse

from lintas.brokerage.domain import agreements, deals
from lintas.brokerage.models import DealNote
from lintas.core.models import AuditEntry
from tests.conftest import login
from tests.factories import EventFactory, OrganisationFactory, UserFactory


def body(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
def test_board_filters_by_sector_event_and_broker_names(introduced, broker, offer):
    expo = EventFactory(title="China-ASEAN Expo 2030")
    deals.update_deal(user=broker, deal=introduced, version=introduced.version, event_id=expo.pk)
    other_broker = UserFactory(role="broker", first_name="Siti", last_name="Rahma")
    other = deals.express_interest(
        user=UserFactory(role="seeker", organisation=OrganisationFactory(country="VN")),
        profile=offer, message="Vietnamese interest",
    )  # fmt: skip
    deals.update_deal(user=broker, deal=other, version=other.version, broker=other_broker)
    client = login(broker)

    def shown(params):
        page = body(client.get(reverse("brokerage:board"), params))
        return {d.pk for d in (introduced, other) if f"#{d.pk} " in page}

    assert shown({}) == {introduced.pk, other.pk}
    assert shown({"event": "china-asean expo 2030"}) == {introduced.pk}
    assert shown({"broker": f"Siti Rahma ({other_broker.username})"}) == {other.pk}
    assert shown({"broker": other_broker.username}) == {other.pk}
    assert shown({"sector": "Modern agriculture"}) == {introduced.pk, other.pk}
    assert shown({"country": "Viet Nam"}) | shown({"country": "VN"}) == {other.pk}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [("country", "Atlantis"), ("sector", "Alchemy"), ("event", "No such fair"),
     ("broker", "nobody")],
)  # fmt: skip
def test_unknown_name_gets_a_message_not_an_unfiltered_board(introduced, broker, field, value):
    for name in ("brokerage:board", "brokerage:deals"):
        response = login(broker).get(reverse(name), {field: value})
        assert response.status_code == 400
        assert f"“{value}”" in body(response)
        assert 'id="filter-error"' in body(response)
        assert introduced.get_absolute_url() not in body(response)


@pytest.mark.django_db
def test_pickers_offer_names_never_codes(introduced, broker):
    EventFactory(title="Nanning Matchmaking Day")
    page = body(login(broker).get(reverse("brokerage:board")))
    assert '<datalist id="event-choices"><option value="Nanning Matchmaking Day">' in page
    assert '<option value="Modern agriculture">' in page
    assert '<option value="Indonesia">' in page
    assert 'list="country-choices"' in page


@pytest.mark.django_db
def test_deal_list_has_the_same_filters(introduced, seeker):
    client = login(seeker)
    assert introduced.get_absolute_url() in body(client.get(reverse("brokerage:deals")))
    page = body(client.get(reverse("brokerage:deals"), {"country": "Thailand"}))
    assert introduced.get_absolute_url() not in page
    assert 'id="no-deals"' in page


@pytest.mark.django_db
def test_notes_are_a_history_never_overwritten(introduced, broker):
    client = login(broker)
    for text in ("Met at the expo; trial planned.", "Budget agreed for 2 ha."):
        deal = type(introduced).objects.get(pk=introduced.pk)
        client.post(reverse("brokerage:deal_update", args=[deal.pk]),
                    {"version": deal.version, "stage": deal.stage, "note": text})  # fmt: skip
    notes = list(DealNote.objects.filter(deal=introduced).values_list("text", "author", "stage"))
    assert notes == [
        ("Met at the expo; trial planned.", broker.pk, "introduced"),
        ("Budget agreed for 2 ha.", broker.pk, "introduced"),
    ]
    page = body(client.get(introduced.get_absolute_url()))
    assert page.index("Met at the expo") < page.index("Budget agreed")
    assert page.count("data-note=") == 2


@pytest.mark.django_db
def test_parties_do_not_see_or_write_broker_notes(introduced, broker, seeker):
    deals.add_note(user=broker, deal=introduced, text="Internal: seeker budget is tight.")
    page = body(login(seeker).get(introduced.get_absolute_url()))
    assert "Internal: seeker budget" not in page
    assert login(seeker).get(f"/api/v1/deals/{introduced.pk}/notes/").status_code == 403
    response = login(seeker).post(f"/api/v1/deals/{introduced.pk}/notes/", {"text": "x"})
    assert response.status_code == 403
    assert DealNote.objects.count() == 1


@pytest.mark.django_db
def test_notes_api(introduced, broker):
    client = login(broker)
    response = client.post(
        f"/api/v1/deals/{introduced.pk}/notes/", {"text": "Called the seeker."},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 201
    client.post(f"/api/v1/deals/{introduced.pk}/notes/", {"text": "Sent the draft."},
                content_type="application/json")  # fmt: skip
    listed = client.get(f"/api/v1/deals/{introduced.pk}/notes/").json()
    assert [n["text"] for n in listed] == ["Called the seeker.", "Sent the draft."]
    assert listed[0]["author"] == broker.username
    empty = client.post(f"/api/v1/deals/{introduced.pk}/notes/", {"text": "  "},
                        content_type="application/json")  # fmt: skip
    assert empty.status_code == 400


@pytest.mark.django_db
def test_deal_with_agreement_shows_it_and_the_agreement_stage(introduced, broker):
    agreement = agreements.record_agreement(
        user=broker,
        data={"title": "Licence of rice lines", "type": "licence",
              "signed_on": dt.date(2030, 1, 1)},
        parties=[introduced.requester_org, introduced.owner_org],
        deal=introduced,
    )  # fmt: skip
    page = body(login(broker).get(introduced.get_absolute_url()))
    assert '<span class="tag" id="deal-stage">Agreement</span>' in page
    assert 'id="deal-agreements"' in page
    assert agreement.get_absolute_url() in page


@pytest.mark.django_db
def test_deal_page_shows_event_title_not_number(introduced, broker):
    expo = EventFactory(title="China-ASEAN Expo 2030")
    deals.update_deal(user=broker, deal=introduced, version=introduced.version, event_id=expo.pk)
    page = body(login(broker).get(introduced.get_absolute_url()))
    assert "China-ASEAN Expo 2030" in page
    assert "Event number" not in page
    client = login(broker)
    deal = type(introduced).objects.get(pk=introduced.pk)
    client.post(reverse("brokerage:deal_update", args=[deal.pk]),
                {"version": deal.version, "stage": deal.stage, "event": ""})  # fmt: skip
    deal.refresh_from_db()
    assert deal.event_id is None


@pytest.mark.django_db
def test_broker_view_of_confidential_fields_is_audited(offer, broker, provider):
    before = AuditEntry.objects.filter(action="view").count()
    page = body(login(broker).get(offer.get_absolute_url()))
    assert page  # the page rendered
    entries = AuditEntry.objects.filter(action="view")
    assert entries.count() > before
    assert entries.filter(actor=broker).exists()
    assert f"confidential fields of {offer.ref} seen by broker" in entries.last().summary
    own = AuditEntry.objects.filter(action="view").count()
    login(provider).get(offer.get_absolute_url())  # the owner's own view is not audited
    assert AuditEntry.objects.filter(action="view").count() == own
