"""A small world with known answers, built directly (no domain side effects needed)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from lintas.brokerage.models import Agreement, Deal, DealStageChange
from lintas.events.models import Meeting, MeetingRequest, Session, Slot
from lintas.matching.models import Match
from tests.factories import (
    DealFactory,
    EventFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProfileFactory,
    SectorFactory,
    UserFactory,
)

UTC = dt.UTC


def at(y, m, d):
    return dt.datetime(y, m, d, 12, tzinfo=UTC)


@pytest.fixture
def world(sector, provider_org, seeker_org, provider, seeker, broker):
    """Offers O1 (2024), O2 (2025), O3 draft; needs N1 (2025, ID), N2 (2025, TH org).

    - matches: O1-N1, O2-N1, O1-N2 (dismissed)
    - deals: D1 N1 -> O1 introduced, meeting, agreement (2025); D2 O2 by TH org: interest only
    - agreement A1 (D1, 2025, 1000 USD, parties gxu + tani), A2 (no deal, 2024, 500 CNY,
      parties gxu + th org, no value? -> 500 CNY)
    - event E1 (2025): participants seeker (N1) + provider (O1), one meeting held; plus a
      third participant from a VN org showing O3 (draft) -> promoted by the event
    """
    energy = SectorFactory(slug="new-energy")
    th_org = OrganisationFactory(slug="th-org", name="Thai Org", country="TH", type="enterprise")
    vn_org = OrganisationFactory(slug="vn-org", name="VN Org", country="VN")
    th_user = UserFactory(username="thai", organisation=th_org, role="seeker")
    vn_user = UserFactory(username="viet", organisation=vn_org, role="provider")
    o1 = ProfileFactory(
        kind="offer",
        ref="OF-1",
        organisation=provider_org,
        status="published",
        published_at=at(2024, 3, 1),
        sectors=[sector],
        broker=broker,
    )
    o2 = ProfileFactory(
        kind="offer",
        ref="OF-2",
        organisation=provider_org,
        status="published",
        published_at=at(2025, 1, 10),
        sectors=[energy],
    )
    o3 = ProfileFactory(
        kind="offer", ref="OF-3", organisation=vn_org, status="draft", sectors=[energy]
    )
    n1 = ProfileFactory(
        kind="need",
        ref="ND-1",
        organisation=seeker_org,
        status="published",
        published_at=at(2025, 1, 1),
        sectors=[sector],
    )
    n2 = ProfileFactory(
        kind="need",
        ref="ND-2",
        organisation=th_org,
        status="archived",
        published_at=at(2025, 2, 1),
        sectors=[energy],
    )
    m1 = Match.objects.create(offer=o1, need=n1, score=0.9)
    m2 = Match.objects.create(offer=o2, need=n1, score=0.8)
    m3 = Match.objects.create(offer=o1, need=n2, score=0.5, dismissed=True)
    Match.objects.filter(pk=m1.pk).update(created_at=at(2025, 1, 3))
    Match.objects.filter(pk=m2.pk).update(created_at=at(2025, 1, 12))
    Match.objects.filter(pk=m3.pk).update(created_at=at(2025, 2, 2))
    d1 = DealFactory(
        profile=o1,
        counterpart_profile=n1,
        requester=seeker,
        broker=broker,
        stage="agreement",
        introduced_at=at(2025, 1, 15),
        last_activity_at=at(2025, 3, 1),
    )
    d2 = DealFactory(profile=o2, requester=th_user, last_activity_at=at(2025, 2, 1))
    Deal.objects.filter(pk=d1.pk).update(created_at=at(2025, 1, 5))
    Deal.objects.filter(pk=d2.pk).update(created_at=at(2025, 2, 1))
    for stage, when in (
        ("interest", at(2025, 1, 5)),
        ("introduced", at(2025, 1, 15)),
        ("meeting", at(2025, 1, 25)),
        ("agreement", at(2025, 2, 14)),
    ):
        ch = DealStageChange.objects.create(deal=d1, to_stage=stage)
        DealStageChange.objects.filter(pk=ch.pk).update(at=when)
    ch = DealStageChange.objects.create(deal=d2, to_stage="interest")
    DealStageChange.objects.filter(pk=ch.pk).update(at=at(2025, 2, 1))
    event = EventFactory(
        slug="e1",
        title="Matchmaking 2025",
        starts_on=dt.date(2025, 9, 1),
        ends_on=dt.date(2025, 9, 2),
    )
    a1 = Agreement.objects.create(
        title="A1",
        type="transfer",
        signed_on=dt.date(2025, 2, 14),
        value=Decimal("1000"),
        currency="USD",
        deal=d1,
        event=event,
    )
    a1.parties.set([provider_org, seeker_org])
    a1.profiles.set([o1, n1])
    a2 = Agreement.objects.create(
        title="A2", type="mou", signed_on=dt.date(2024, 6, 1), value=Decimal("500"), currency="CNY"
    )
    a2.parties.set([provider_org, th_org])
    session = Session.objects.create(
        event=event, date=dt.date(2025, 9, 1), start_time=dt.time(9), end_time=dt.time(10)
    )
    slot = Slot.objects.create(
        session=session, starts_at=at(2025, 9, 1), ends_at=at(2025, 9, 1) + dt.timedelta(minutes=30)
    )
    now = timezone.now()
    p_seek = ParticipantFactory(event=event, user=seeker, checked_in_at=now, profiles=[n1])
    p_prov = ParticipantFactory(event=event, user=provider, checked_in_at=now, profiles=[o1])
    p_vn = ParticipantFactory(event=event, user=vn_user, profiles=[o3])
    req = MeetingRequest.objects.create(
        event=event, sender=p_seek, receiver=p_prov, status="accepted"
    )
    Meeting.objects.create(request=req, slot=slot, table=1)
    req2 = MeetingRequest.objects.create(
        event=event, sender=p_vn, receiver=p_prov, status="accepted"
    )
    # The slot has ended, but the organiser marked a no-show: not held.
    Meeting.objects.create(request=req2, slot=slot, table=2, no_show=True)
    return {
        "o1": o1,
        "o2": o2,
        "o3": o3,
        "n1": n1,
        "n2": n2,
        "event": event,
        "d1": d1,
        "d2": d2,
        "th_org": th_org,
        "vn_org": vn_org,
    }
