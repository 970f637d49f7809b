"""Conversations: the thread between the two parties and their broker on a deal, and threads
apps above the brokerage open for something of their own (a talents consultation).

A deal's thread opens with the introduction, so nothing typed there can reach a party before
both sides consented. Another app opens a :class:`~lintas.brokerage.models.Conversation` itself,
once its own consent is given (a consultation the talent accepted), naming the people in it
and its page: :func:`open_conversation`, :func:`post`, :func:`close_conversation`. Both kinds
share the same messages, attachment rules (PDF and images, checked by content), read marks,
notifications and machine translation.
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.brokerage.domain.deals import party_people, touch
from lintas.brokerage.enums import Stage
from lintas.brokerage.models import Conversation, Message, ReadMark
from lintas.brokerage.models.deal import MESSAGE_MAX
from lintas.catalogue.domain.attachments import check_upload
from lintas.core.domain.notifications import notify
from lintas.core.files import display_name


def participants(deal) -> list:
    people = party_people(deal, deal.requester_org_id) + party_people(deal, deal.owner_org_id)
    if deal.broker_id:
        people.append(deal.broker)
    return people


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a message."))
    if len(body) > MESSAGE_MAX:
        raise ValidationError(
            _("Messages are limited to %(max)d characters; this one has %(n)d.")
            % {"max": MESSAGE_MAX, "n": len(body)}
        )
    return body


def _store(*, user, body: str, upload, **thread) -> Message:
    """Check the attachment and keep the message in its thread (``deal=`` or
    ``conversation=``)."""
    mime = check_upload(upload) if upload else ""
    return Message.objects.create(
        author=user,
        body=body,
        attachment=upload or "",
        attachment_name=display_name(upload.name) if upload else "",
        attachment_type=mime,
        attachment_size=upload.size if upload else 0,
        **thread,
    )


def _author(user) -> str:
    return user.get_full_name() or user.username


@transaction.atomic
def post_message(*, user, deal, body: str, upload=None) -> Message:
    """Add a message to a deal's thread; the others are told in-app, and by e-mail if they
    chose so."""
    if not rules.has_perm("brokerage.post_message", user, deal):
        raise PermissionDenied(_("You are not part of this conversation."))
    if not deal.is_introduced:
        raise ValidationError(
            _("The conversation opens once both sides agree to the introduction.")
        )
    if deal.stage == Stage.DECLINED:
        raise ValidationError(_("This deal was declined; its conversation is closed."))
    body = _clean_body(body)
    message = _store(user=user, body=body, upload=upload, deal=deal)
    touch(deal)
    mark_read(user=user, deal=deal)
    author = _author(user)

    def compose(person):
        return (
            _("New message on deal #%(id)s from %(author)s") % {"id": deal.pk, "author": author},
            body,
        )

    others = [p for p in participants(deal) if p.pk != user.pk]
    notify(
        users=others,
        target=deal,
        compose=compose,
        url=deal.get_absolute_url(),
        email_if=lambda person: person.notify_messages,
    )
    return message


def open_conversation(*, people, title: str, url: str) -> Conversation:
    """A new thread between ``people`` (the only ones who may read and write in it) about
    ``title``, shown on the owner's page ``url``. The caller has checked that these people
    agreed to talk (the brokerage cannot: it does not know the owner)."""
    people = [p for p in people if p is not None]
    if len({p.pk for p in people}) < 2:
        raise ValidationError(_("A conversation needs two people."))
    conversation = Conversation.objects.create(title=title[:200], url=url[:300])
    conversation.people.set(people)
    return conversation


def close_conversation(*, conversation: Conversation) -> Conversation:
    """No more messages (the owner ended what it was about); what was written stays readable."""
    if conversation.closed_at is None:
        conversation.closed_at = timezone.now()
        conversation.save(update_fields=["closed_at"])
    return conversation


@transaction.atomic
def post(*, user, conversation: Conversation, body: str, upload=None) -> Message:
    """Add a message to a conversation of another app; the other people in it are told
    in-app, and by e-mail if they chose so, with a link to the owner's page."""
    if not rules.has_perm("brokerage.post_in_conversation", user, conversation):
        raise PermissionDenied(_("You are not part of this conversation."))
    if conversation.closed_at is not None:
        raise ValidationError(_("This conversation is closed."))
    body = _clean_body(body)
    message = _store(user=user, body=body, upload=upload, conversation=conversation)
    mark_read(user=user, conversation=conversation)
    author, title = _author(user), conversation.title

    def compose(person):
        return (
            _("New message about “%(title)s” from %(author)s") % {"title": title, "author": author},
            body,
        )

    notify(
        users=conversation.people.exclude(pk=user.pk),
        target=conversation,
        compose=compose,
        url=conversation.url,
        email_if=lambda person: person.notify_messages,
    )
    return message


def thread(conversation: Conversation):
    """The messages of a conversation, oldest first, with their authors."""
    return conversation.messages.select_related("author")


def read(*, user, conversation: Conversation) -> list[Message]:
    """The messages for one of the conversation's people, who has now read them."""
    if not rules.has_perm("brokerage.view_conversation", user, conversation):
        raise PermissionDenied(_("You are not part of this conversation."))
    mark_read(user=user, conversation=conversation)
    return list(thread(conversation))


def may_read(user, message: Message) -> bool:
    """Whether ``user`` may read ``message`` (and its attachment and translation): the deal's
    people, or the conversation's."""
    if message.deal_id:
        return user.has_perm("brokerage.view_deal", message.deal)
    return user.has_perm("brokerage.view_conversation", message.conversation)


def _thread(deal, conversation) -> dict:
    if (deal is None) == (conversation is None):
        raise ValueError("give a deal or a conversation")
    return {"deal": deal} if deal is not None else {"conversation": conversation}


def mark_read(*, user, deal=None, conversation=None) -> None:
    ReadMark.objects.update_or_create(
        **_thread(deal, conversation), user=user, defaults={"read_at": timezone.now()}
    )


def unread_count(*, user, deal=None, conversation=None) -> int:
    where = _thread(deal, conversation)
    mark = ReadMark.objects.filter(**where, user=user).values_list("read_at", flat=True).first()
    messages = Message.objects.filter(**where).exclude(author=user)
    if mark:
        messages = messages.filter(created_at__gt=mark)
    return messages.count()
