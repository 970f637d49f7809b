"""brokerage.domain.deals: interest, consent, introduction, stages, stalled deals."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lintas.brokerage.domain import deals
from lintas.brokerage.enums import Consent, Stage
from lintas.brokerage.models import Deal, DealStageChange
from lintas.catalogue.domain import access as profile_access
from lintas.core.models import Notification
from tests.brokerage.conftest import NEED_SECRETS, SECRETS
from tests.factories import EventFactory, ProfileFactory, UserFactory


def mail_text():
    return "\n".join(f"{m.subject}\n{m.body}" for m in mail.outbox)


@pytest.mark.django_db
def test_express_interest_creates_deal_and_notifies_owner_and_broker(deal, provider, broker):
    assert deal.stage == Stage.INTEREST
    assert deal.owner_consent == Consent.PENDING
    assert deal.broker_id == broker.pk
    assert list(deal.stage_changes.values_list("from_stage", "to_stage")) == [("", "interest")]
    recipients = sorted(addr for m in mail.outbox for addr in m.to)
    assert recipients == sorted([provider.email, broker.email])
    assert Notification.objects.about(deal).filter(recipient=provider).count() == 1
    assert Notification.objects.about(deal).filter(recipient=broker).count() == 1


@pytest.mark.django_db
def test_express_interest_emails_carry_no_confidential_fields(deal):
    text = mail_text()
    assert "We grow rice near the coast." in text
    for secret in SECRETS + NEED_SECRETS:
        assert secret not in text


@pytest.mark.django_db
def test_express_interest_without_profile_broker_goes_to_first_broker(offer, seeker, broker):
    deal = deals.express_interest(user=seeker, profile=offer, message="Hello")
    assert deal.broker == broker


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["draft", "submitted", "archived", "expired"])
def test_express_interest_in_unpublished_profile_is_refused(offer, seeker, status):
    offer.status = status
    offer.save()
    with pytest.raises(ValidationError, match="published"):
        deals.express_interest(user=seeker, profile=offer, message="Hello")
    assert Deal.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_express_interest_in_own_profile_is_refused(offer, provider):
    with pytest.raises(ValidationError, match="your own organisation"):
        deals.express_interest(user=provider, profile=offer, message="Hello")
    assert Deal.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("message", ["", "   ", "x" * 5001])
def test_express_interest_with_bad_message_is_refused(offer, seeker, message):
    with pytest.raises(ValidationError):
        deals.express_interest(user=seeker, profile=offer, message=message)
    assert Deal.objects.count() == 0


@pytest.mark.django_db
def test_express_interest_twice_is_refused(deal, offer, seeker):
    with pytest.raises(ValidationError, match="already has an open interest"):
        deals.express_interest(user=seeker, profile=offer, message="Again")
    assert Deal.objects.count() == 1


@pytest.mark.django_db
def test_express_interest_with_foreign_counterpart_is_refused(offer, seeker):
    foreign = ProfileFactory(kind="need", status="published")
    with pytest.raises(ValidationError, match="related profile"):
        deals.express_interest(user=seeker, profile=offer, message="Hi", counterpart=foreign)


@pytest.mark.django_db
def test_accept_introduces_and_reveals_contacts_to_parties(introduced, seeker, provider, outsider):
    assert introduced.stage == Stage.INTRODUCED
    assert introduced.introduced_at is not None
    assert profile_access.can_see_confidential(seeker, introduced.profile)
    assert profile_access.can_see_confidential(provider, introduced.counterpart_profile)
    assert not profile_access.can_see_confidential(outsider, introduced.profile)


@pytest.mark.django_db
def test_accept_emails_contacts_only_to_the_two_parties(deal, provider, seeker, broker, outsider):
    mail.outbox.clear()
    deals.respond(user=provider, deal=deal, accept=True)
    to_seeker = [m for m in mail.outbox if seeker.email in m.to]
    to_provider = [m for m in mail.outbox if provider.email in m.to]
    to_broker = [m for m in mail.outbox if broker.email in m.to]
    assert len(to_seeker) == 1 and "secret.contact@example.org" in to_seeker[0].body
    assert len(to_provider) == 1 and "need.contact@example.org" in to_provider[0].body
    assert len(to_broker) == 1
    for secret in SECRETS + NEED_SECRETS:
        assert secret not in to_broker[0].body
    assert not [m for m in mail.outbox if outsider.email in m.to]


@pytest.mark.django_db
def test_decline_closes_deal_and_reveals_nothing(deal, provider, seeker):
    deals.respond(user=provider, deal=deal, accept=False)
    deal.refresh_from_db()
    assert deal.stage == Stage.DECLINED
    assert deal.introduced_at is None
    assert not profile_access.can_see_confidential(seeker, deal.profile)
    for secret in SECRETS:
        assert secret not in mail_text()


@pytest.mark.django_db
def test_answering_twice_is_refused(introduced, provider):
    with pytest.raises(ValidationError, match="already been answered"):
        deals.respond(user=provider, deal=introduced, accept=False)
    introduced.refresh_from_db()
    assert introduced.stage == Stage.INTRODUCED


@pytest.mark.django_db
def test_broker_approval_required_waits_for_broker(offer, seeker, provider, broker, settings):
    settings.LINTAS = {**settings.LINTAS, "BROKER_APPROVAL_REQUIRED": True}
    deal = deals.express_interest(user=seeker, profile=offer, message="Hello")
    assert deal.broker_consent == Consent.PENDING
    deal = deals.respond(user=provider, deal=deal, accept=True)
    assert deal.stage == Stage.INTEREST and deal.introduced_at is None
    assert not profile_access.can_see_confidential(seeker, offer)
    deal = deals.broker_decide(user=broker, deal=deal, approve=True)
    assert deal.stage == Stage.INTRODUCED
    assert profile_access.can_see_confidential(seeker, offer)


@pytest.mark.django_db
def test_broker_rejection_declines(offer, seeker, broker, settings):
    settings.LINTAS = {**settings.LINTAS, "BROKER_APPROVAL_REQUIRED": True}
    deal = deals.express_interest(user=seeker, profile=offer, message="Hello")
    deal = deals.broker_decide(user=broker, deal=deal, approve=False)
    assert deal.stage == Stage.DECLINED


@pytest.mark.django_db
def test_broker_decision_when_not_required_is_refused(deal, broker):
    with pytest.raises(ValidationError):
        deals.broker_decide(user=broker, deal=deal, approve=True)


@pytest.mark.django_db
@pytest.mark.parametrize("to", ["introduced", "meeting", "negotiating", "agreement"])
def test_stage_jump_skipping_consent_is_refused(deal, broker, to):
    with pytest.raises(ValidationError, match="before both sides agree"):
        deals.move_stage(user=broker, deal=deal, to=to, version=deal.version)
    deal.refresh_from_db()
    assert deal.stage == Stage.INTEREST
    assert deal.stage_changes.count() == 1


@pytest.mark.django_db
def test_stage_moves_are_recorded_in_history(introduced, broker):
    deal = deals.move_stage(user=broker, deal=introduced, to="meeting", version=introduced.version)
    deal = deals.move_stage(user=broker, deal=deal, to="agreement", version=deal.version)
    assert list(deal.stage_changes.values_list("to_stage", flat=True)) == [
        "interest",
        "introduced",
        "meeting",
        "agreement",
    ]
    assert DealStageChange.objects.filter(deal=deal, actor=broker).count() == 2


@pytest.mark.django_db
def test_closed_deal_cannot_move(introduced, broker):
    deal = deals.move_stage(user=broker, deal=introduced, to="declined", version=introduced.version)
    with pytest.raises(ValidationError, match="cannot move"):
        deals.move_stage(user=broker, deal=deal, to="meeting", version=deal.version)


@pytest.mark.django_db
def test_second_broker_stale_save_is_refused(introduced, broker):
    other = UserFactory(username="broker2", role="broker")
    loaded = introduced.version
    deals.update_deal(user=broker, deal=introduced, version=loaded, stage="meeting", note="A")
    with pytest.raises(deals.StaleDeal, match="Someone else saved"):
        deals.update_deal(
            user=other, deal=introduced, version=loaded, stage="negotiating", note="B"
        )
    introduced.refresh_from_db()
    assert (introduced.stage, introduced.note) == ("meeting", "A")


@pytest.mark.django_db
def test_party_may_move_to_meeting_but_not_agreement(introduced, seeker):
    deal = deals.move_stage(user=seeker, deal=introduced, to="meeting", version=introduced.version)
    assert deal.stage == Stage.MEETING
    with pytest.raises(PermissionDenied):
        deals.move_stage(user=seeker, deal=deal, to="agreement", version=deal.version)


@pytest.mark.django_db
def test_mark_stalled_marks_idle_deals_and_reminds_broker(introduced, broker, settings):
    settings.LINTAS = {**settings.LINTAS, "STALLED_DEAL_DAYS": 10}
    Deal.objects.filter(pk=introduced.pk).update(
        last_activity_at=timezone.now() - dt.timedelta(days=11)
    )
    mail.outbox.clear()
    from lintas.brokerage.tasks import mark_stalled_deals

    assert mark_stalled_deals.delay().get() == 1
    introduced.refresh_from_db()
    assert introduced.stage == Stage.STALLED
    assert [m.to for m in mail.outbox] == [[broker.email]]
    assert "stalled" in mail.outbox[0].subject


@pytest.mark.django_db
def test_mark_stalled_leaves_recent_deals(introduced, settings):
    settings.LINTAS = {**settings.LINTAS, "STALLED_DEAL_DAYS": 10}
    assert deals.mark_stalled() == 0
    introduced.refresh_from_db()
    assert introduced.stage == Stage.INTRODUCED


@pytest.mark.django_db
def test_open_deal_between_offer_and_need(offer, need, seeker, provider):
    expo = EventFactory()
    deal = deals.open_deal(
        user=seeker, offer=offer, need=need, note="Met at the expo", event_id=expo.pk
    )
    assert (deal.profile, deal.counterpart_profile, deal.event) == (offer, need, expo)
    assert deal.requester_org == need.organisation and deal.stage == Stage.INTEREST
    assert deal.source == "event"
    again = deals.open_deal(user=provider, offer=offer, need=need, event_id=expo.pk)
    assert again.pk == deal.pk
    assert Deal.objects.count() == 1


@pytest.mark.django_db
def test_open_deal_is_idempotent_for_the_same_side(offer, need, seeker):
    first = deals.open_deal(user=seeker, offer=offer, need=need)
    second = deals.open_deal(user=seeker, offer=offer, need=need)
    assert first.pk == second.pk
    assert Deal.objects.count() == 1


@pytest.mark.django_db
def test_open_deal_by_provider_targets_the_need(offer, need, provider):
    deal = deals.open_deal(user=provider, offer=offer, need=need)
    assert (deal.profile, deal.counterpart_profile) == (need, offer)
    assert deal.requester_org == offer.organisation


@pytest.mark.django_db
def test_open_deal_by_outsider_is_refused(offer, need, outsider):
    with pytest.raises(PermissionDenied):
        deals.open_deal(user=outsider, offer=offer, need=need)


@pytest.mark.django_db
def test_open_deal_with_wrong_kinds_is_refused(offer, need, seeker):
    with pytest.raises(ValidationError):
        deals.open_deal(user=seeker, offer=need, need=offer)


@pytest.mark.django_db
def test_express_interest_unknown_event_is_refused(offer, seeker):
    with pytest.raises(ValidationError, match="There is no event number 999999"):
        deals.express_interest(user=seeker, profile=offer, message="Hello", event_id=999999)
    assert Deal.objects.count() == 0


@pytest.mark.django_db
def test_update_deal_sets_event_and_refuses_unknown_event(introduced, broker):
    expo = EventFactory()
    deal = deals.update_deal(user=broker, deal=introduced, version=introduced.version,
                             event_id=expo.pk)  # fmt: skip
    assert deal.event == expo
    with pytest.raises(ValidationError, match="There is no event number 999999"):
        deals.update_deal(user=broker, deal=deal, version=deal.version, event_id=999999)
    deal.refresh_from_db()
    assert (deal.event, deal.version) == (expo, introduced.version + 1)
