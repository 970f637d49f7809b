"""Consultations: a member asks a talent for advice; the talent accepts or declines (saying
why); on acceptance both see each other's contact details and a conversation opens between
them (the brokerage's conversation machinery, not a copy: :func:`post_message`); the asker may
rate it and, when it concerns a published offer or need, turn it into a deal (an expression of
interest through the brokerage, whose introduction opens the deal's conversation).

Every function checks who may act and the state before changing anything.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.brokerage.domain import conversations
from lintas.core.domain.notifications import notify
from lintas.core.domain.refresh import schedule_refresh
from lintas.talents.domain import access
from lintas.talents.enums import ConsultationStatus
from lintas.talents.models import Consultation
from lintas.talents.models.consultation import MESSAGE_MAX, TOPIC_MAX

OPEN = ConsultationStatus.REQUESTED


def _name(user) -> str:
    return user.get_full_name() or user.username


def _locked(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


@transaction.atomic
def request_consultation(
    *, user, talent, topic: str, message: str, profile=None, deal=None
) -> Consultation:
    """Ask ``talent`` for a consultation. Members only, not oneself, one open request per
    talent; the talent is told in-app and by e-mail (no contact details are shared yet)."""
    if not access.is_member(user):
        raise PermissionDenied(
            _("Only members (people whose organisation was approved) can ask for a consultation.")
        )
    if access.is_own(user, talent):
        raise ValidationError(_("You cannot ask yourself for a consultation."))
    if not talent.listed:
        raise ValidationError(_("This talent is not listed in the directory."))
    topic, message = (topic or "").strip(), (message or "").strip()
    if not topic or not message:
        raise ValidationError(_("Give a topic and a message."))
    if len(topic) > TOPIC_MAX or len(message) > MESSAGE_MAX:
        raise ValidationError(
            _("The topic is limited to %(topic)d characters and the message to %(message)d.")
            % {"topic": TOPIC_MAX, "message": MESSAGE_MAX}
        )
    if profile is not None and not user.has_perm("catalogue.view_profile", profile):
        raise ValidationError(_("You cannot refer to this profile."))
    if deal is not None and not user.has_perm("brokerage.view_deal", deal):
        raise ValidationError(_("You cannot refer to this deal."))
    if Consultation.objects.filter(talent=talent, requester=user, status=OPEN).exists():
        raise ValidationError(_("You already asked this talent; wait for the answer."))
    consultation = Consultation.objects.create(
        talent=talent, requester=user, topic=topic, message=message, profile=profile, deal=deal
    )

    def compose(person):
        return (
            _("%(name)s asks you for a consultation: %(topic)s")
            % {"name": _name(user), "topic": topic},
            message,
        )

    notify(users=[talent.user], compose=compose, target=consultation,
           url=consultation.get_absolute_url())  # fmt: skip
    return consultation


@transaction.atomic
def respond(*, user, consultation: Consultation, accept: bool, answer: str = "") -> Consultation:
    """The talent accepts (contacts are then shared both ways) or declines, saying why."""
    consultation = _locked(consultation)
    if not access.is_own(user, consultation.talent):
        raise PermissionDenied(_("Only the talent asked can answer this consultation."))
    if consultation.status != OPEN:
        raise ValidationError(_("This consultation was already answered or withdrawn."))
    answer = (answer or "").strip()
    if not accept and not answer:
        raise ValidationError(_("Say briefly why you decline."))
    if len(answer) > MESSAGE_MAX:
        raise ValidationError(
            _("Messages are limited to %(max)d characters.") % {"max": MESSAGE_MAX}
        )
    consultation.status = ConsultationStatus.ACCEPTED if accept else ConsultationStatus.DECLINED
    consultation.answer = answer
    consultation.answered_at = timezone.now()
    if accept:
        consultation.conversation = conversations.open_conversation(
            people=[consultation.talent.user, consultation.requester],
            title=consultation.topic,
            url=consultation.get_absolute_url(),
        )
    consultation.save(update_fields=["status", "answer", "answered_at", "conversation"])
    if accept:
        schedule_refresh("consultations")  # insights' "experts consulted"
    talent_name = consultation.talent.name

    def compose(person):
        if accept:
            subject = _("%(name)s accepted your consultation: %(topic)s")
            body = _(
                "You can now see each other's contact details and write to each other: %(url)s"
            )
        else:
            subject = _("%(name)s declined your consultation: %(topic)s")
            body = "%(answer)s"
        values = {"name": talent_name, "topic": consultation.topic, "answer": answer,
                  "url": consultation.get_absolute_url()}  # fmt: skip
        return subject % values, body % values

    notify(users=[consultation.requester], compose=compose, target=consultation,
           url=consultation.get_absolute_url())  # fmt: skip
    return consultation


@transaction.atomic
def withdraw(*, user, consultation: Consultation) -> Consultation:
    consultation = _locked(consultation)
    if consultation.requester_id != user.pk:
        raise PermissionDenied(_("Only the person who asked can withdraw a consultation."))
    if consultation.status != OPEN:
        raise ValidationError(_("This consultation was already answered or withdrawn."))
    consultation.status = ConsultationStatus.WITHDRAWN
    consultation.save(update_fields=["status"])
    return consultation


@transaction.atomic
def rate(*, user, consultation: Consultation, rating: int, comment: str = "") -> Consultation:
    """The asker rates an accepted consultation, 1 to 5 (again to change it)."""
    consultation = _locked(consultation)
    if consultation.requester_id != user.pk:
        raise PermissionDenied(_("Only the person who asked can rate a consultation."))
    if consultation.status != ConsultationStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted consultation can be rated."))
    if rating not in range(1, 6):
        raise ValidationError(_("Give a rating from 1 to 5."))
    consultation.rating = rating
    consultation.rating_comment = (comment or "").strip()[:500]
    consultation.save(update_fields=["rating", "rating_comment"])
    return consultation


@transaction.atomic
def convert_to_deal(*, user, consultation: Consultation):
    """Turn an accepted consultation about a published offer or need into a deal: the asker
    expresses interest in it through the brokerage (same rules and introduction as any
    interest), and the consultation keeps a link to the deal."""
    from lintas.brokerage.domain.deals import express_interest

    consultation = _locked(consultation)
    if consultation.requester_id != user.pk:
        raise PermissionDenied(_("Only the person who asked can turn it into a deal."))
    if consultation.status != ConsultationStatus.ACCEPTED:
        raise ValidationError(_("Only an accepted consultation can turn into a deal."))
    if consultation.deal_id:
        raise ValidationError(_("This consultation already led to a deal."))
    if consultation.profile is None:
        raise ValidationError(
            _("Link the consultation to an offer or need first: a deal is about one of them.")
        )
    deal = express_interest(
        user=user,
        profile=consultation.profile,
        message=_("After a consultation with %(name)s: %(topic)s\n\n%(message)s")
        % {"name": consultation.talent.name, "topic": consultation.topic,
           "message": consultation.message},
    )  # fmt: skip
    consultation.deal = deal
    consultation.save(update_fields=["deal"])
    return deal


def post_message(*, user, consultation: Consultation, body: str, upload=None):
    """Write in the consultation's conversation (open once the talent accepted; the two of
    them only): the brokerage's messages, attachment checks and notifications."""
    if consultation.conversation_id is None:
        raise ValidationError(_("The conversation opens once the talent accepts."))
    return conversations.post(
        user=user, conversation=consultation.conversation, body=body, upload=upload
    )


def read_messages(*, user, consultation: Consultation) -> list:
    """The conversation's messages for one of its two people (none before acceptance)."""
    if consultation.conversation_id is None:
        if not (access.is_own(user, consultation.talent) or consultation.requester_id == user.pk):
            raise PermissionDenied(_("You are not part of this conversation."))
        return []
    return conversations.read(user=user, conversation=consultation.conversation)


def other_side_contacts(*, user, consultation: Consultation) -> dict | None:
    """What ``user`` may now see of the other side: only once the talent accepted."""
    if not consultation.is_accepted:
        return None
    if access.is_own(user, consultation.talent):
        asker = consultation.requester
        return {
            "name": _name(asker),
            "email": asker.email,
            "phone": asker.phone,
            "organisation": asker.organisation.name if asker.organisation_id else "",
        }
    if consultation.requester_id == user.pk:
        talent = consultation.talent
        return {
            "name": talent.name,
            "email": talent.contact_email,
            "phone": talent.contact_phone,
            "organisation": talent.organisation_label,
        }
    return None
