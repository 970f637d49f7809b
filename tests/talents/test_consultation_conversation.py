"""A consultation's own conversation (issue 15 §3): opened when the talent accepts, on the
brokerage's conversation machinery (messages, attachments, read marks, notifications,
translation button), for its two people only."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lintas.brokerage.domain import conversations
from lintas.brokerage.models import Conversation, Message
from lintas.core.models import Notification
from lintas.talents.domain import consultations
from tests.conftest import login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(talent, seeker):
    return consultations.request_consultation(
        user=seeker, talent=talent, topic="Salt-tolerant rice", message="Could you advise?"
    )


@pytest.fixture
def accepted(asked, talent):
    return consultations.respond(user=talent.user, consultation=asked, accept=True)


def test_no_conversation_before_acceptance(asked, talent, seeker):
    assert asked.conversation is None
    with pytest.raises(ValidationError):
        consultations.post_message(user=seeker, consultation=asked, body="Hello?")
    page = login(seeker).get(asked.get_absolute_url()).content.decode()
    assert 'id="conversation-closed"' in page and 'id="message-form"' not in page
    response = login(seeker).post(
        reverse("talents:consultation_message", args=[asked.pk]), {"body": "Hello?"}
    )
    assert response.status_code == 302
    assert Message.objects.count() == 0


def test_declined_consultation_opens_no_conversation(asked, talent):
    consultations.respond(user=talent.user, consultation=asked, accept=False, answer="Busy.")
    asked.refresh_from_db()
    assert asked.conversation is None and Conversation.objects.count() == 0


def test_acceptance_opens_a_conversation_between_the_two(accepted, talent, seeker):
    talk = accepted.conversation
    assert set(talk.people.all()) == {talent.user, seeker}
    assert talk.url == accepted.get_absolute_url()
    assert talk.title == "Salt-tolerant rice"


def test_both_write_and_the_other_is_told(accepted, talent, seeker, settings):
    mail.outbox.clear()
    client = login(seeker)
    response = client.post(
        reverse("talents:consultation_message", args=[accepted.pk]),
        {"body": "Kami menanam padi di lahan payau."},
    )
    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.conversation, message.deal, message.author) == (
        accepted.conversation, None, seeker,
    )  # fmt: skip
    note = Notification.objects.filter(recipient=talent.user).latest("pk")
    assert note.url == accepted.get_absolute_url()
    assert "Salt-tolerant rice" in note.text
    assert [m.to for m in mail.outbox] == [[talent.user.email]]
    assert conversations.unread_count(user=talent.user, conversation=accepted.conversation) == 1
    page = login(talent.user).get(accepted.get_absolute_url()).content.decode()
    assert "Kami menanam padi di lahan payau." in page and 'id="message-form"' in page
    # Reading the page marks it read.
    assert conversations.unread_count(user=talent.user, conversation=accepted.conversation) == 0
    consultations.post_message(user=talent.user, consultation=accepted, body="好的，请发资料。")
    assert conversations.unread_count(user=seeker, conversation=accepted.conversation) == 1


def test_outsiders_and_brokers_do_not_read_or_write(accepted, broker):
    consultations.post_message(user=accepted.requester, consultation=accepted, body="PRIVATE-1")
    page = login(broker).get(accepted.get_absolute_url())
    assert page.status_code == 200  # brokers follow consultations...
    assert "PRIVATE-1" not in page.content.decode()  # ...but not the two people's talk
    with pytest.raises(PermissionDenied):
        consultations.post_message(user=broker, consultation=accepted, body="Hi")
    api = login(broker).get(f"/api/v1/talent-consultations/{accepted.pk}/messages/")
    assert api.status_code == 403
    stranger = UserFactory(role="seeker")
    assert login(stranger).get(accepted.get_absolute_url()).status_code in (403, 404)
    message = Message.objects.get()
    assert (
        login(stranger).get(reverse("brokerage:message_translate", args=[message.pk])).status_code
        == 403
    )
    assert Message.objects.count() == 1


def test_attachment_served_to_the_two_only(accepted, seeker, talent, broker):
    pdf = SimpleUploadedFile("trial.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    login(seeker).post(
        reverse("talents:consultation_message", args=[accepted.pk]),
        {"body": "Our trial plan", "attachment": pdf},
    )
    message = Message.objects.get()
    assert message.attachment_name.startswith("trial")
    assert login(talent.user).get(message.attachment_url()).status_code == 200
    assert login(broker).get(message.attachment_url()).status_code == 404
    bad = SimpleUploadedFile("x.pdf", b"PK\x03\x04zip", content_type="application/pdf")
    login(seeker).post(
        reverse("talents:consultation_message", args=[accepted.pk]),
        {"body": "x", "attachment": bad},
    )
    assert Message.objects.count() == 1


def test_api_lists_and_posts_messages(accepted, seeker, talent):
    url = f"/api/v1/talent-consultations/{accepted.pk}/messages/"
    created = login(seeker).post(
        url, {"body": "Hello from the API"}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["conversation"] == accepted.conversation_id
    listed = login(talent.user).get(url).json()
    assert [m["body"] for m in listed] == ["Hello from the API"]
    assert (
        login(seeker)
        .get(f"/api/v1/talent-consultations/{accepted.pk}/")
        .json()["conversation_open"]
    )
    empty = login(seeker).post(url, {"body": "  "}, content_type="application/json")
    assert empty.status_code == 400


def test_a_message_sits_in_exactly_one_thread():
    """A deal's or a conversation's, never neither (the deal threads' own tests live in
    tests/brokerage)."""
    from django.db import IntegrityError, transaction

    talk = Conversation.objects.create(title="t", url="/x/")
    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.create(body="nowhere")
    assert Message.objects.create(body="here", conversation=talk).conversation == talk
