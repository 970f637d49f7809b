"""Issue 13 §2: the network-wide match view, broker introductions with both sides' consent,
pin / unpin / dismiss with undo / notes, manual matches, coded decline reasons."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from lintas.brokerage.domain import deals, declines, matches
from lintas.brokerage.models import Deal, DeclineReason
from lintas.core.models import Notification
from lintas.matching.models import Match
from tests.conftest import login
from tests.factories import OrganisationFactory, ProfileFactory, UserFactory


def body(response) -> str:
    return response.content.decode()


@pytest.fixture(autouse=True)
def english_afterwards():
    """Pages rendered for an Indonesian reader leave Indonesian active in this thread."""
    yield
    translation.activate("en")


@pytest.fixture
def match(offer, need):
    return Match.objects.create(offer=offer, need=need, score=0.9,
                                explanation={"sectors": ["Modern agriculture"]})  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["provider", "seeker", "officer"])
def test_match_view_is_for_brokers_only(request, who, match):
    user = request.getfixturevalue(who)
    assert login(user).get(reverse("brokerage:matches")).status_code == 403
    assert login(user).get("/api/v1/network-matches/").status_code == 403
    response = login(user).post(reverse("brokerage:match_action", args=[match.pk, "pin"]))
    assert response.status_code == 403
    match.refresh_from_db()
    assert not match.pinned


@pytest.mark.django_db
def test_match_view_lists_matches_with_explanations_and_filters(match, broker, offer, need):
    thai = ProfileFactory(kind="need", status="published", title="Thai cold chain",
                          organisation=OrganisationFactory(country="TH"), content_language="th")  # fmt: skip
    Match.objects.create(offer=offer, need=thai, score=0.25)
    client = login(broker)
    page = body(client.get(reverse("brokerage:matches")))
    assert need.title in page and "Thai cold chain" in page
    assert "Shared sectors" in page
    assert "Strong match" in page

    def titles(query):
        text = body(client.get(reverse("brokerage:matches") + query))
        return {t for t in (need.title, "Thai cold chain") if t in text}

    assert titles("?need_country=TH") == {"Thai cold chain"}
    assert titles("?offer_country=CN&need_country=ID") == {need.title}
    assert titles("?need_language=th") == {"Thai cold chain"}
    assert titles("?band=strong") == {need.title}
    assert titles("?band=possible") == {"Thai cold chain"}
    assert titles("?sector=agriculture") == {need.title, "Thai cold chain"}


@pytest.mark.django_db
def test_pin_unpin_dismiss_and_undo(match, broker):
    client = login(broker)
    client.post(reverse("brokerage:match_action", args=[match.pk, "pin"]))
    match.refresh_from_db()
    assert match.pinned
    client.post(reverse("brokerage:match_action", args=[match.pk, "unpin"]))
    match.refresh_from_db()
    assert not match.pinned
    client.post(reverse("brokerage:match_action", args=[match.pk, "dismiss"]),
                {"reason": "country", "reason_text": ""})  # fmt: skip
    match.refresh_from_db()
    assert match.dismissed
    assert match.need.title not in body(client.get(reverse("brokerage:matches")))
    dismissed = body(client.get(reverse("brokerage:matches") + "?dismissed=on"))
    assert f'data-restore="{match.pk}"' in dismissed
    client.post(reverse("brokerage:match_action", args=[match.pk, "restore"]))
    match.refresh_from_db()
    assert not match.dismissed
    assert DeclineReason.objects.get().code == "country"


@pytest.mark.django_db
def test_notes_on_a_match_are_kept(match, broker):
    client = login(broker)
    for text in ("Call the seeker first.", "They meet in Nanning."):
        client.post(reverse("brokerage:match_action", args=[match.pk, "note"]), {"text": text})
    assert list(match.notes.values_list("text", flat=True)) == [
        "Call the seeker first.",
        "They meet in Nanning.",
    ]
    page = body(client.get(reverse("brokerage:matches")))
    assert "Call the seeker first." in page and "They meet in Nanning." in page


@pytest.mark.django_db
def test_introduce_asks_both_sides_in_their_language_then_both_consent(
    match, broker, provider, seeker
):
    seeker.language = "id"
    seeker.save()
    response = login(broker).post(
        reverse("brokerage:match_action", args=[match.pk, "introduce"]),
        {"message": "You both work on saline rice."},
    )
    deal = Deal.objects.get()
    assert response["Location"] == deal.get_absolute_url()
    assert (deal.profile, deal.counterpart_profile) == (match.offer, match.need)
    assert (deal.owner_consent, deal.requester_consent) == ("pending", "pending")
    assert not deal.is_introduced
    assert Notification.objects.about(deal).filter(recipient=provider).count() == 1
    assert Notification.objects.about(deal).filter(recipient=seeker).count() == 1
    to_seeker = [m for m in mail.outbox if m.to == [seeker.email]]
    assert to_seeker and "You both work on saline rice." in to_seeker[0].body
    # in Indonesian, not English
    assert to_seeker[0].subject != f"A broker suggests an introduction: {match.offer.ref}"
    # the requester side sees the buttons and answers first
    assert 'id="accept-interest"' in body(login(seeker).get(deal.get_absolute_url()))
    deals.respond(user=seeker, deal=deal, accept=True)
    deal.refresh_from_db()
    assert not deal.is_introduced
    deals.respond(user=provider, deal=deal, accept=True)
    deal.refresh_from_db()
    assert deal.is_introduced and deal.stage == "introduced"
    again = login(broker).post(reverse("brokerage:match_action", args=[match.pk, "introduce"]))
    assert again.status_code == 302 and Deal.objects.count() == 1


@pytest.mark.django_db
def test_requester_side_declines_with_a_reason_about_the_offer(match, broker, seeker):
    deal = matches.introduce(user=broker, match=match)
    response = login(seeker).post(
        reverse("brokerage:deal_respond", args=[deal.pk, "decline"]),
        {"reason": "stage", "reason_text": ""},
    )
    assert response.status_code == 302
    deal.refresh_from_db()
    assert deal.stage == "declined"
    reason = DeclineReason.objects.get()
    assert (reason.code, reason.profile, reason.by) == ("stage", match.offer, seeker)


@pytest.mark.django_db
def test_other_without_words_is_refused_and_nothing_changes(deal, provider):
    with pytest.raises(Exception, match="Say in a few words why"):
        deals.respond(user=provider, deal=deal, accept=False, reason="other")
    deal.refresh_from_db()
    assert deal.stage == "interest"
    assert DeclineReason.objects.count() == 0


@pytest.mark.django_db
def test_reasons_counted_per_profile_and_sector_and_shown_as_advice(offer, need, broker, provider):
    for code in ("stage", "stage", "stage", "country"):
        declines.record_reason(user=broker, code=code, profile=offer)
    declines.record_reason(user=broker, code="terms", profile=need)
    assert declines.reason_counts(profile=offer) == {"stage": 3, "country": 1}
    assert declines.reason_counts(sector="agriculture") == {"stage": 3, "country": 1, "terms": 1}
    assert declines.reason_counts_by_sector() == {
        "agriculture": {"stage": 3, "country": 1, "terms": 1}
    }
    page = body(login(provider).get(offer.get_absolute_url()))
    assert 'id="decline-advice"' in page
    assert page.index("3 people found the stage (TRL) did not fit") < page.index(
        "1 person found the country did not fit"
    )
    visitor = body(login(UserFactory(role="seeker")).get(offer.get_absolute_url()))
    assert 'id="decline-advice"' not in visitor
    api = login(provider).get(f"/api/v1/decline-reasons/?profile={offer.ref}").json()
    assert api == {"counts": {"stage": 3, "country": 1}, "total": 4}
    other = login(UserFactory(role="seeker")).get(f"/api/v1/decline-reasons/?profile={offer.ref}")
    assert other.status_code == 403


@pytest.mark.django_db
def test_manual_match_shows_in_both_owners_panels_marked_as_broker(broker, provider, seeker,
                                                                     offer, need):  # fmt: skip
    response = login(broker).post(
        reverse("brokerage:manual_match"),
        {"offer": f"{offer.ref} — {offer.title}", "need": need.ref,
         "note": "Same crop, same coast."},
    )  # fmt: skip
    assert response.status_code == 302
    match = Match.objects.get(offer=offer, need=need)
    assert match.source == "broker" and match.pinned
    for owner, profile in ((provider, offer), (seeker, need)):
        page = body(login(owner).get(profile.get_absolute_url()))
        assert "data-broker-match" in page
        assert "Same crop, same coast." in page
    unknown = login(broker).post(reverse("brokerage:manual_match"),
                                 {"offer": "OF-NOPE", "need": need.ref, "note": "x"})  # fmt: skip
    assert unknown.status_code == 400
    assert "No published profile is called" in body(unknown)


@pytest.mark.django_db
def test_api_match_actions(match, broker, offer, need):
    client = login(broker)
    listed = client.get("/api/v1/network-matches/").json()["results"]
    assert [row["id"] for row in listed] == [match.pk]
    assert client.post(f"/api/v1/network-matches/{match.pk}/pin/").json()["pinned"] is True
    dismissed = client.post(f"/api/v1/network-matches/{match.pk}/dismiss/",
                            {"reason": "solved"}, content_type="application/json")  # fmt: skip
    assert dismissed.json()["dismissed"] is True
    assert client.post(f"/api/v1/network-matches/{match.pk}/restore/").json()["dismissed"] is False
    noted = client.post(f"/api/v1/network-matches/{match.pk}/note/", {"text": "Promising"},
                        content_type="application/json").json()  # fmt: skip
    assert [n["text"] for n in noted["notes"]] == ["Promising"]
    deal = client.post(f"/api/v1/network-matches/{match.pk}/introduce/", {},
                       content_type="application/json")  # fmt: skip
    assert deal.status_code == 201
    other_need = ProfileFactory(kind="need", status="published")
    manual = client.post("/api/v1/network-matches/manual/",
                         {"offer": offer.ref, "need": other_need.ref, "note": "Try it"},
                         content_type="application/json")  # fmt: skip
    assert manual.status_code == 200 and manual.json()["source"] == "broker"


@pytest.mark.django_db
def test_match_view_query_count_is_the_same_for_one_and_three(broker, offer):
    def add(n):
        for _ in range(n):
            need = ProfileFactory(kind="need", status="published")
            match = Match.objects.create(offer=offer, need=need, score=0.5)
            matches.add_note(user=broker, match=match, text="note")

    client = login(broker)
    add(1)
    client.get(reverse("brokerage:matches"))
    with CaptureQueriesContext(connection) as one:
        page = body(client.get(reverse("brokerage:matches")))
    assert page.count("data-match=") == 1
    add(2)
    with CaptureQueriesContext(connection) as three:
        page = body(client.get(reverse("brokerage:matches")))
    assert page.count("data-match=") == 3
    assert len(three) == len(one), [q["sql"] for q in three.captured_queries]
