"""brokerage.domain.conversations: messages between introduced parties."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lintas.brokerage.domain import conversations
from lintas.brokerage.models import Message
from lintas.core.models import Notification

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.django_db
def test_post_message_before_consent_is_refused(deal, seeker):
    with pytest.raises(ValidationError, match="opens once both sides agree"):
        conversations.post_message(user=seeker, deal=deal, body="Hi")
    assert Message.objects.count() == 0


@pytest.mark.django_db
def test_post_message_over_limit_is_refused(introduced, seeker):
    with pytest.raises(ValidationError, match="5000"):
        conversations.post_message(user=seeker, deal=introduced, body="x" * 5001)
    assert Message.objects.count() == 0


@pytest.mark.django_db
def test_post_message_with_wrong_file_type_is_refused(introduced, seeker):
    upload = SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="Only PDF"):
        conversations.post_message(user=seeker, deal=introduced, body="See file", upload=upload)
    assert Message.objects.count() == 0


@pytest.mark.django_db
def test_post_message_with_too_large_file_is_refused(introduced, seeker, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 2048, content_type="application/pdf")
    with pytest.raises(ValidationError, match="limit"):
        conversations.post_message(user=seeker, deal=introduced, body="Big", upload=upload)
    assert Message.objects.count() == 0


@pytest.mark.django_db
def test_post_message_with_pdf_notifies_by_choice(introduced, seeker, provider, broker):
    provider.notify_messages = False
    provider.save()
    mail.outbox.clear()
    upload = SimpleUploadedFile("terms.pdf", PDF, content_type="application/pdf")
    message = conversations.post_message(
        user=seeker, deal=introduced, body="Draft terms attached", upload=upload
    )
    assert message.attachment_type == "application/pdf"
    assert [m.to for m in mail.outbox] == [[broker.email]]
    assert (
        Notification.objects.filter(recipient=provider, text__contains="New message").count() == 1
    )


@pytest.mark.django_db
def test_read_state_counts_unread_messages(introduced, seeker, provider):
    conversations.post_message(user=seeker, deal=introduced, body="One")
    conversations.post_message(user=seeker, deal=introduced, body="Two")
    assert conversations.unread_count(user=provider, deal=introduced) == 2
    assert conversations.unread_count(user=seeker, deal=introduced) == 0
    conversations.mark_read(user=provider, deal=introduced)
    assert conversations.unread_count(user=provider, deal=introduced) == 0
