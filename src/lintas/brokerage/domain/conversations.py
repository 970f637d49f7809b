"""Conversations: the thread between the two parties and their broker on a deal.

The thread opens with the introduction, so nothing typed there can reach a party before both
sides consented. Attachments follow the catalogue's rules (PDF and images, checked by content).
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.brokerage.domain.deals import party_people, touch
from lintas.brokerage.enums import Stage
from lintas.brokerage.models import Message, ReadMark
from lintas.brokerage.models.deal import MESSAGE_MAX
from lintas.catalogue.domain.attachments import check_upload
from lintas.core.domain.notifications import notify
from lintas.core.files import display_name


def participants(deal) -> list:
    people = party_people(deal, deal.requester_org_id) + party_people(deal, deal.owner_org_id)
    if deal.broker_id:
        people.append(deal.broker)
    return people


@transaction.atomic
def post_message(*, user, deal, body: str, upload=None) -> Message:
    """Add a message; the others are told in-app, and by e-mail if they chose so."""
    if not rules.has_perm("brokerage.post_message", user, deal):
        raise PermissionDenied(_("You are not part of this conversation."))
    if not deal.is_introduced:
        raise ValidationError(
            _("The conversation opens once both sides agree to the introduction.")
        )
    if deal.stage == Stage.DECLINED:
        raise ValidationError(_("This deal was declined; its conversation is closed."))
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a message."))
    if len(body) > MESSAGE_MAX:
        raise ValidationError(
            _("Messages are limited to %(max)d characters; this one has %(n)d.")
            % {"max": MESSAGE_MAX, "n": len(body)}
        )
    mime = check_upload(upload) if upload else ""
    message = Message.objects.create(
        deal=deal,
        author=user,
        body=body,
        attachment=upload or "",
        attachment_name=display_name(upload.name) if upload else "",
        attachment_type=mime,
        attachment_size=upload.size if upload else 0,
    )
    touch(deal)
    mark_read(user=user, deal=deal)
    author = user.get_full_name() or user.username

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


def mark_read(*, user, deal) -> None:
    ReadMark.objects.update_or_create(deal=deal, user=user, defaults={"read_at": timezone.now()})


def unread_count(*, user, deal) -> int:
    mark = ReadMark.objects.filter(deal=deal, user=user).values_list("read_at", flat=True).first()
    messages = Message.objects.filter(deal=deal).exclude(author=user)
    if mark:
        messages = messages.filter(created_at__gt=mark)
    return messages.count()
