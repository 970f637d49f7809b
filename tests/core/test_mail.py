"""A CR or LF in a name never breaks or injects an e-mail header (lintas.core.mail)."""

import pytest
from django.core import mail as outbox

from lintas.core import mail

EVIL = "Mallory\r\nBcc: victim@example.org\nX-Injected: yes"


def test_flat_subject_joins_lines_and_spaces():
    assert mail.flat_subject("New message\r\nBcc: x@example.org\u2028end") == (
        "New message Bcc: x@example.org end"
    )


def test_flat_subject_is_capped():
    assert len(mail.flat_subject("x" * 500)) == mail.SUBJECT_MAX


@pytest.mark.django_db
def test_send_with_newline_in_subject_is_sent_on_one_line():
    assert mail.send(subject=f"Hello {EVIL}", body="Line 1\nLine 2", to=["a@example.org"]) == 1
    sent = outbox.outbox[0]
    assert sent.subject == "Hello Mallory Bcc: victim@example.org X-Injected: yes"
    assert sent.bcc == []
    assert sent.to == ["a@example.org"]
    assert "X-Injected" not in sent.extra_headers
    assert sent.body == "Line 1\nLine 2"
