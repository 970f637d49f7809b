"""Posting in a deal whose parties have CR/LF in their names succeeds and the e-mail goes out."""

import pytest
from django.core import mail as outbox
from django.urls import reverse

from lintas.brokerage.models import Message
from tests.conftest import login
from tests.core.test_mail import EVIL


@pytest.mark.django_db
def test_message_post_with_newlines_in_party_names_is_sent(introduced, seeker, provider):
    """Used to be a 500 (BadHeaderError) that rolled the message back."""
    seeker.first_name, seeker.last_name = EVIL, "\r\n"
    seeker.save()
    provider.organisation.name = "Guangxi\r\nUniversity"
    provider.organisation.save()
    outbox.outbox.clear()
    response = login(seeker).post(
        reverse("brokerage:message_post", args=[introduced.pk]), {"body": "Can we meet?"}
    )
    assert response.status_code == 302
    assert list(Message.objects.values_list("body", flat=True)) == ["Can we meet?"]
    to_provider = [m for m in outbox.outbox if m.to == [provider.email]]
    assert len(to_provider) == 1
    assert "\n" not in to_provider[0].subject and "\r" not in to_provider[0].subject
    assert "Mallory Bcc: victim@example.org" in to_provider[0].subject
    assert to_provider[0].bcc == []
