import datetime as dt
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from lintas.brokerage.domain import agreements, conversations, deals
from lintas.brokerage.models import Agreement, Deal, Message
from lintas.core.models import AuditEntry
from tests.brokerage.conftest import NEED_SECRETS, SECRETS
from tests.conftest import login
from tests.factories import OrganisationFactory, ProfileFactory, UserFactory


def text(response) -> str:
    return response.content.decode()


def assert_no_secrets(body: str, secrets=SECRETS + NEED_SECRETS):
    for secret in secrets:
        assert secret not in body


@pytest.mark.django_db
def test_profile_page_shows_interest_button_to_other_organisations(offer, seeker):
    body = text(login(seeker).get(offer.get_absolute_url()))
    assert 'id="express-interest"' in body


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["provider", "broker", "officer", "anonymous"])
def test_profile_page_hides_interest_button(request, offer, who):
    client = Client() if who == "anonymous" else login(request.getfixturevalue(who))
    assert 'id="express-interest"' not in text(client.get(offer.get_absolute_url()))


@pytest.mark.django_db
def test_profile_page_links_open_deal_instead_of_button(deal, seeker, offer):
    body = text(login(seeker).get(offer.get_absolute_url()))
    assert 'id="express-interest"' not in body
    assert reverse("brokerage:deal", args=[deal.pk]) in body


@pytest.mark.django_db
def test_interest_form_creates_deal(offer, need, seeker):
    response = login(seeker).post(
        reverse("brokerage:interest", args=[offer.ref]),
        {"message": "We are interested.", "counterpart": need.pk},
    )
    deal = Deal.objects.get()
    assert response["Location"] == deal.get_absolute_url()
    assert deal.counterpart_profile == need


@pytest.mark.django_db
def test_interest_form_in_own_profile_shows_message(offer, provider):
    response = login(provider).post(
        reverse("brokerage:interest", args=[offer.ref]), {"message": "Mine"}
    )
    assert response.status_code == 400
    assert "belongs to your own organisation" in text(response)
    assert Deal.objects.count() == 0


@pytest.mark.django_db
def test_interest_form_with_long_message_shows_limit(offer, seeker):
    response = login(seeker).post(
        reverse("brokerage:interest", args=[offer.ref]), {"message": "x" * 5001}
    )
    assert response.status_code == 400
    assert "5000" in text(response)
    assert Deal.objects.count() == 0


@pytest.mark.django_db
def test_interest_form_for_unpublished_profile_is_404_for_others(seeker, provider_org):
    draft = ProfileFactory(organisation=provider_org, status="draft")
    response = login(seeker).get(reverse("brokerage:interest", args=[draft.ref]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_no_leak_before_consent_on_pages(deal, seeker, provider, offer, need):
    seeker_client, provider_client = login(seeker), login(provider)
    assert_no_secrets(text(seeker_client.get(offer.get_absolute_url())), SECRETS)
    assert_no_secrets(text(seeker_client.get(deal.get_absolute_url())))
    assert_no_secrets(text(provider_client.get(deal.get_absolute_url())), NEED_SECRETS)
    assert_no_secrets(text(provider_client.get(need.get_absolute_url())), NEED_SECRETS)
    assert_no_secrets(text(seeker_client.get(reverse("brokerage:deals"))))
    assert_no_secrets(text(seeker_client.get(reverse("core:notifications"))))
    assert_no_secrets("\n".join(m.body for m in mail.outbox))


@pytest.mark.django_db
def test_consent_reveals_to_parties_only(introduced, seeker, provider, outsider, offer, need):
    seeker_page = text(login(seeker).get(offer.get_absolute_url()))
    assert "SECRET-PRICE-TERMS" in seeker_page and "secret.contact@example.org" in seeker_page
    deal_page = text(login(seeker).get(introduced.get_absolute_url()))
    assert "secret.contact@example.org" in deal_page
    assert "need.contact@example.org" in text(login(provider).get(need.get_absolute_url()))
    assert_no_secrets(text(login(outsider).get(offer.get_absolute_url())))
    assert_no_secrets(text(Client().get(offer.get_absolute_url())))


@pytest.mark.django_db
def test_search_results_never_show_secrets_even_after_consent(introduced, seeker):
    body = text(login(seeker).get(reverse("catalogue:offers"), {"q": "rice"}))
    assert "Salt-tolerant rice variety" in body
    assert_no_secrets(body)


@pytest.mark.django_db
def test_declined_deal_reveals_nothing(deal, provider, seeker, offer):
    login(provider).post(reverse("brokerage:deal_respond", args=[deal.pk, "decline"]))
    assert_no_secrets(text(login(seeker).get(offer.get_absolute_url())), SECRETS)
    assert_no_secrets(text(login(seeker).get(deal.get_absolute_url())))


@pytest.mark.django_db
def test_profile_view_by_introduced_party_is_audited(introduced, seeker, offer):
    login(seeker).get(offer.get_absolute_url())
    entry = AuditEntry.objects.filter(action="view", actor=seeker).first()
    assert entry is not None and entry.target == offer


@pytest.mark.django_db
def test_stage_jump_on_page_shows_message_and_changes_nothing(deal, broker):
    response = login(broker).post(
        reverse("brokerage:deal_update", args=[deal.pk]),
        {"version": deal.version, "stage": "agreement"},
        follow=True,
    )
    assert "before both sides agree" in text(response)
    deal.refresh_from_db()
    assert deal.stage == "interest"


@pytest.mark.django_db
def test_two_brokers_second_save_refused_on_page(introduced, broker):
    other = UserFactory(username="broker2", role="broker")
    loaded = introduced.version
    login(broker).post(
        reverse("brokerage:deal_update", args=[introduced.pk]),
        {"version": loaded, "stage": "meeting", "note": "first"},
    )
    response = login(other).post(
        reverse("brokerage:deal_update", args=[introduced.pk]),
        {"version": loaded, "stage": "negotiating", "note": "second"},
        follow=True,
    )
    assert "Someone else saved this deal" in text(response)
    introduced.refresh_from_db()
    assert (introduced.stage, introduced.note) == ("meeting", "first")


@pytest.mark.django_db
def test_move_to_agreement_sends_broker_to_agreement_form(introduced, broker):
    response = login(broker).post(
        reverse("brokerage:deal_update", args=[introduced.pk]),
        {"version": introduced.version, "stage": "agreement"},
    )
    assert response["Location"] == f"{reverse('brokerage:agreement_create')}?deal={introduced.pk}"
    form = text(login(broker).get(response["Location"]))
    assert introduced.profile.title in form


@pytest.mark.django_db
def test_agreement_form_records_deal_agreement(
    introduced, broker, django_capture_on_commit_callbacks
):
    deal = deals.move_stage(
        user=broker, deal=introduced, to="agreement", version=introduced.version
    )
    # The home page reads the insights summary, refreshed after the write commits (eagerly
    # here, without a Celery broker).
    with django_capture_on_commit_callbacks(execute=True):
        response = login(broker).post(
            f"{reverse('brokerage:agreement_create')}?deal={deal.pk}",
            {"title": "Rice licence", "type": "licence",
             "parties_0": deal.requester_org.name, "parties_1": deal.owner_org.name,
             "signed_on": "2025-06-01",
             "value": "250000.00", "currency": "CNY"},
        )  # fmt: skip
    agreement = Agreement.objects.get()
    assert response["Location"] == agreement.get_absolute_url()
    assert agreement.deal == deal and str(agreement.value) == "250000.00"
    assert re.search(r'id="figure-agreements"[^>]*><b>1</b>', text(Client().get("/")))


@pytest.mark.django_db
def test_agreement_form_with_wrong_document_type_is_refused(broker, provider_org, seeker_org):
    response = login(broker).post(
        reverse("brokerage:agreement_create"),
        {"title": "MoU", "type": "mou", "parties_0": provider_org.name,
         "parties_1": seeker_org.name,
         "signed_on": "2025-06-01",
         "document": SimpleUploadedFile("mou.pdf", b"PK\x03\x04zip", content_type="application/pdf")},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Only PDF" in text(response)
    assert Agreement.objects.count() == 0


@pytest.mark.django_db
def test_message_with_attachment_downloads_for_parties_only(introduced, seeker, provider, outsider):
    pdf = SimpleUploadedFile("terms.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    login(seeker).post(
        reverse("brokerage:message_post", args=[introduced.pk]),
        {"body": "Terms attached", "attachment": pdf},
    )
    message = Message.objects.get()
    assert login(provider).get(message.attachment_url()).status_code == 200
    assert login(outsider).get(message.attachment_url()).status_code == 404


@pytest.mark.django_db
def test_message_too_long_on_page_shows_limit(introduced, seeker):
    response = login(seeker).post(
        reverse("brokerage:message_post", args=[introduced.pk]), {"body": "y" * 5001}, follow=True
    )
    assert "5000" in text(response)
    assert Message.objects.count() == 0


@pytest.mark.django_db
def test_message_with_wrong_attachment_on_page_is_refused(introduced, seeker):
    exe = SimpleUploadedFile("a.png", b"MZ\x90\x00\x03", content_type="image/png")
    response = login(seeker).post(
        reverse("brokerage:message_post", args=[introduced.pk]),
        {"body": "see", "attachment": exe},
        follow=True,
    )
    assert "Only PDF, PNG, JPEG and WebP" in text(response)
    assert Message.objects.count() == 0


@pytest.mark.django_db
def test_board_groups_by_stage_and_filters(introduced, broker, offer):
    other = deals.express_interest(
        user=UserFactory(role="seeker", organisation=OrganisationFactory(country="TH")),
        profile=offer,
        message="Thai interest",
    )
    client = login(broker)
    body = text(client.get(reverse("brokerage:board")))
    assert body.index(f"#{introduced.pk} ") > body.index('id="column-introduced"')
    assert body.index(f"#{other.pk} ") < body.index('id="column-introduced"')
    filtered = text(client.get(reverse("brokerage:board"), {"country": "TH"}))
    assert f"#{other.pk} " in filtered and f"#{introduced.pk} " not in filtered
    by_name = text(client.get(reverse("brokerage:board"), {"country": "Thailand"}))
    assert f"#{other.pk} " in by_name and f"#{introduced.pk} " not in by_name
    unknown = client.get(reverse("brokerage:board"), {"event": "99"})
    assert unknown.status_code == 400
    assert "No event is called “99”." in text(unknown)
    assert f"#{other.pk} " not in text(unknown) and f"#{introduced.pk} " not in text(unknown)


def _many_deals(n, offer, broker):
    for i in range(n):
        user = UserFactory(role="seeker", organisation=OrganisationFactory(country="ID"))
        deal = deals.express_interest(user=user, profile=offer, message=f"m{i}")
        Deal.objects.filter(pk=deal.pk).update(broker=broker)


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_deal_list_query_count(n, offer, broker, provider, django_assert_max_num_queries):
    _many_deals(n, offer, broker)
    client = login(provider)
    # 8, plus the filter pickers' sectors, event titles and brokers (constant in n)
    with django_assert_max_num_queries(11):
        assert client.get(reverse("brokerage:deals")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_board_query_count(n, offer, broker, django_assert_max_num_queries):
    _many_deals(n, offer, broker)
    client = login(broker)
    # 9, plus the filter pickers' sectors, event titles and brokers (constant in n)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("brokerage:board")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 3])
def test_agreement_list_query_count(n, broker, django_assert_max_num_queries):
    for i in range(n):
        agreements.record_agreement(
            user=broker,
            data={"title": f"A{i}", "type": "mou", "signed_on": dt.date(2025, 1, 1)},
            parties=[OrganisationFactory(), OrganisationFactory()],
        )
    client = login(broker)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("brokerage:agreements")).status_code == 200


@pytest.mark.django_db
def test_deal_page_marks_conversation_read(introduced, seeker, provider):
    conversations.post_message(user=seeker, deal=introduced, body="Hello")
    assert conversations.unread_count(user=provider, deal=introduced) == 1
    login(provider).get(introduced.get_absolute_url())
    assert conversations.unread_count(user=provider, deal=introduced) == 0


@pytest.mark.django_db
def test_notifications_page_lists_interest(deal, provider):
    body = text(login(provider).get(reverse("core:notifications")))
    assert "is interested in your profile" in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, phrase", [("zh-hans", "我的意向与引荐"), ("id", "Minat dan perkenalan saya")]
)
def test_deal_list_is_translated(seeker, language, phrase):
    client = login(seeker)
    client.cookies["django_language"] = language
    assert phrase in text(client.get(reverse("brokerage:deals")))


@pytest.mark.django_db
def test_interest_email_is_in_owner_language(offer, seeker, provider):
    provider.language = "zh-hans"
    provider.save()
    deals.express_interest(user=seeker, profile=offer, message="Halo")
    subject = next(m.subject for m in mail.outbox if provider.email in m.to)
    assert "感兴趣" in subject


def _stage_options(body: str) -> list[str]:
    form = body.split('id="deal-form"', 1)[1].split("</form>", 1)[0]
    select = form.split('name="stage"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([a-z_]+)"', select)


@pytest.mark.django_db
def test_deal_page_offers_the_seeker_only_the_stages_a_party_may_choose(introduced, seeker):
    options = _stage_options(text(login(seeker).get(introduced.get_absolute_url())))
    assert options == ["introduced", "meeting", "negotiating", "declined"]


@pytest.mark.django_db
def test_deal_page_offers_the_broker_every_reachable_stage(introduced, broker):
    options = _stage_options(text(login(broker).get(introduced.get_absolute_url())))
    assert options == ["introduced", "meeting", "negotiating", "agreement", "declined", "stalled"]


@pytest.mark.django_db
def test_every_stage_the_deal_page_offers_the_seeker_is_accepted(introduced, seeker):
    client = login(seeker)
    for stage in _stage_options(text(client.get(introduced.get_absolute_url())))[1:]:
        deal = Deal.objects.get(pk=introduced.pk)
        if deal.stage == "declined":
            break
        response = client.post(
            reverse("brokerage:deal_update", args=[deal.pk]),
            {"stage": stage, "version": deal.version},
        )
        assert response.status_code == 302
        assert Deal.objects.get(pk=deal.pk).stage == stage


@pytest.mark.django_db
def test_deal_page_before_the_introduction_lets_the_seeker_only_withdraw(deal, seeker):
    options = _stage_options(text(login(seeker).get(deal.get_absolute_url())))
    assert options == ["interest", "declined"]


@pytest.mark.django_db
def test_declined_deal_page_has_no_stage_form_for_the_seeker(introduced, seeker):
    deals.move_stage(user=seeker, deal=introduced, to="declined", version=introduced.version)
    body = text(login(seeker).get(introduced.get_absolute_url()))
    assert 'id="deal-form"' not in body
    assert 'id="stage-fixed"' in body
