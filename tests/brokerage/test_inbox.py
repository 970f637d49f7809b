"""The broker's inbox (issue 13 §1): sections, counts, filters, one click to the action."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lintas.brokerage.domain import conversations, deals, inbox
from lintas.brokerage.models import DealStageChange
from lintas.matching.models import Match
from tests.conftest import login
from tests.factories import OrganisationFactory, ProfileFactory, UserFactory


def counts(user, **filters) -> dict:
    return {s.key: s.count for s in inbox.build(user=user, lists=False, **filters)}


def page(user, query="") -> str:
    response = login(user).get(reverse("brokerage:inbox") + query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["provider", "seeker", "officer"])
def test_inbox_is_for_brokers_only(request, who, broker):
    user = request.getfixturevalue(who)
    assert login(user).get(reverse("brokerage:inbox")).status_code == 403
    assert login(user).get("/api/v1/inbox/").status_code == 403
    assert "Inbox" in page(broker)


@pytest.mark.django_db
def test_profiles_to_validate_with_age_and_quality(broker, provider):
    profile = ProfileFactory(organisation=provider.organisation, status="submitted",
                             title="Waiting offer", quality_score=64,
                             submitted_at=timezone.now() - dt.timedelta(days=3))  # fmt: skip
    assert counts(broker)["validate"] == 1
    body = page(broker)
    assert "Waiting offer" in body
    assert "submitted 3\xa0days ago" in body
    assert "quality 64/100" in body
    assert profile.get_absolute_url() in body


@pytest.mark.django_db
def test_interest_awaiting_broker_approval_then_approved(offer, need, seeker, broker, settings):
    settings.LINTAS = {**settings.LINTAS, "BROKER_APPROVAL_REQUIRED": True}
    deal = deals.express_interest(user=seeker, profile=offer, message="Hello", counterpart=need)
    assert counts(broker)["approve"] == 1
    assert deal.get_absolute_url() in page(broker)
    deals.broker_decide(user=broker, deal=deal, approve=True)
    assert counts(broker)["approve"] == 0


@pytest.mark.django_db
def test_introduction_waiting_for_owner_says_which_side(deal, broker, provider):
    assert counts(broker)["consent"] == 1
    assert "waiting for Guangxi University (profile owner)" in page(broker)
    deals.respond(user=provider, deal=deal, accept=True)
    assert counts(broker)["consent"] == 0


@pytest.mark.django_db
def test_stalled_deal_shows_days_idle_and_last_step(introduced, broker):
    deals.mark_stalled(now=timezone.now() + dt.timedelta(days=40))
    assert counts(broker)["stalled"] == 1
    assert "last step: Introduced" in page(broker)


@pytest.mark.django_db
def test_meeting_without_note_until_someone_writes(introduced, broker, provider):
    deals.move_stage(user=broker, deal=introduced, to="meeting")
    assert counts(broker)["meetings"] == 0  # just moved: not overdue yet
    DealStageChange.objects.filter(deal=introduced, to_stage="meeting").update(
        at=timezone.now() - dt.timedelta(days=5)
    )
    assert counts(broker)["meetings"] == 1
    conversations.post_message(user=provider, deal=introduced, body="We met, it went well.")
    assert counts(broker)["meetings"] == 0


@pytest.mark.django_db
def test_strong_new_match_until_someone_acts(offer, need, broker, seeker):
    match = Match.objects.create(offer=offer, need=need, score=0.9)
    Match.objects.create(
        offer=offer, need=ProfileFactory(kind="need", status="published"), score=0.05
    )
    assert counts(broker)["matches"] == 1  # the weak one is not listed
    assert need.get_absolute_url() in page(broker)
    match.pinned = True
    match.save()
    assert counts(broker)["matches"] == 0
    match.pinned = False
    match.save()
    deals.express_interest(user=seeker, profile=offer, message="Hi", counterpart=need)
    assert counts(broker)["matches"] == 0  # a deal between the two is acting on it


@pytest.mark.django_db
def test_unread_messages_in_deals_the_broker_follows(introduced, broker, provider):
    assert counts(broker)["messages"] == 0
    conversations.post_message(user=provider, deal=introduced, body="Any news?")
    assert counts(broker)["messages"] == 1
    other_broker = UserFactory(role="broker")
    assert counts(other_broker)["messages"] == 0
    login(broker).get(introduced.get_absolute_url())  # reading marks it read
    assert counts(broker)["messages"] == 0


@pytest.mark.django_db
def test_filters_country_sector_language_and_scope(deal, broker, provider, seeker):
    other_broker = UserFactory(role="broker", organisation=OrganisationFactory(country="TH"))
    assert counts(broker)["consent"] == 1
    assert counts(broker, country="ID")["consent"] == 1  # the requester's country
    assert counts(broker, country="TH")["consent"] == 0
    assert counts(broker, sector="agriculture")["consent"] == 1
    assert counts(broker, sector="energy")["consent"] == 0
    assert counts(broker, language="en")["consent"] == 1
    assert counts(broker, language="th")["consent"] == 0
    assert counts(broker, scope="mine")["consent"] == 1
    assert counts(other_broker, scope="mine")["consent"] == 0
    assert counts(other_broker, scope="countries")["consent"] == 0
    assert counts(other_broker, scope="all")["consent"] == 1
    body = page(broker, "?country=TH")
    assert 'data-count="consent">0<' in body


@pytest.mark.django_db
def test_api_counts_match_the_page(deal, broker):
    data = login(broker).get("/api/v1/inbox/").json()
    by_key = {s["key"]: s["count"] for s in data["sections"]}
    assert by_key["consent"] == 1
    assert data["total"] == sum(by_key.values())
    assert login(broker).get("/api/v1/inbox/?country=TH").json()["total"] == 0
    assert login(broker).get("/api/v1/inbox/?scope=nonsense").status_code == 400


def _fill(n, *, provider, seeker, broker, need):
    for index in range(n):
        ProfileFactory(organisation=provider.organisation, status="submitted",
                       submitted_at=timezone.now(), title=f"Queued {index}")  # fmt: skip
        offer = ProfileFactory(organisation=OrganisationFactory(country="CN"), kind="offer",
                               status="published", broker=broker, title=f"Offer {index}")  # fmt: skip
        deals.express_interest(user=seeker, profile=offer, message="Hi", counterpart=need)
        Match.objects.create(
            offer=ProfileFactory(kind="offer", status="published"), need=need, score=0.8
        )


@pytest.mark.django_db
def test_inbox_query_count_is_the_same_for_one_and_three_items(provider, seeker, broker, need):
    client = login(broker)
    _fill(1, provider=provider, seeker=seeker, broker=broker, need=need)
    client.get(reverse("brokerage:inbox"))
    with CaptureQueriesContext(connection) as one:
        body = client.get(reverse("brokerage:inbox")).content.decode()
    assert body.count('data-item="validate"') == 1
    assert body.count('data-item="consent"') == 1
    assert body.count('data-item="matches"') == 1
    _fill(2, provider=provider, seeker=seeker, broker=broker, need=need)
    with CaptureQueriesContext(connection) as three:
        body = client.get(reverse("brokerage:inbox")).content.decode()
    assert body.count('data-item="validate"') == 3
    assert body.count('data-item="consent"') == 3
    assert body.count('data-item="matches"') == 3
    assert len(three) == len(one), [q["sql"] for q in three.captured_queries]
