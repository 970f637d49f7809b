"""Meeting requests between participants of one event. A request nobody answers expires
after ``LINTAS["EVENT_REQUEST_EXPIRY_HOURS"]``; the person asked is reminded once before
(:func:`expire_and_remind`, run hourly by ``lintas beat``)."""

from __future__ import annotations

import datetime as dt

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lintas.core.domain.notifications import notify
from lintas.events.enums import ParticipantStatus, RequestStatus
from lintas.events.models import Event, MeetingRequest, Participant, Slot
from lintas.events.rules import require_organiser

OPEN = (RequestStatus.REQUESTED, RequestStatus.ACCEPTED)


def _check_pair(event: Event, sender: Participant, receiver, preferred_slot) -> None:
    if event.is_cancelled:
        raise ValidationError(_("This event was cancelled."))
    if receiver is None or receiver.event_id != event.pk:
        raise ValidationError(_("This person is not a participant of this event."))
    if sender.event_id != event.pk:
        raise ValidationError(_("You are not a participant of this event."))
    if receiver.pk == sender.pk:
        raise ValidationError(_("You cannot request a meeting with yourself."))
    if receiver.status != ParticipantStatus.VALIDATED:
        raise ValidationError(_("This participant is not validated yet."))
    if sender.status != ParticipantStatus.VALIDATED:
        raise ValidationError(_("Your registration is not validated yet."))
    if (
        preferred_slot is not None
        and not Slot.objects.filter(
            pk=getattr(preferred_slot, "pk", preferred_slot), session__event=event
        ).exists()
    ):
        raise ValidationError(_("This slot is not part of this event's sessions."))
    if MeetingRequest.objects.filter(
        Q(sender=sender, receiver=receiver) | Q(sender=receiver, receiver=sender), event=event
    ).exists():
        raise ValidationError(_("A meeting request between you two already exists."))


def _slot(event: Event, preferred_slot):
    if preferred_slot in (None, ""):
        return None
    if isinstance(preferred_slot, Slot):
        return preferred_slot
    try:
        return Slot.objects.get(pk=int(preferred_slot), session__event=event)
    except (Slot.DoesNotExist, ValueError, TypeError):
        raise ValidationError(_("This slot is not part of this event's sessions.")) from None


@transaction.atomic
def send_request(
    *, user, event: Event, receiver: Participant | None, message: str = "", preferred_slot=None
) -> MeetingRequest:
    """A validated participant asks another for a meeting, within the event's limit."""
    sender = (
        Participant.objects.select_for_update()
        .filter(event=event, user=user)
        .order_by("pk")
        .first()
    )
    if sender is None:
        raise PermissionDenied(_("Register for this event before requesting meetings."))
    slot = _slot(event, preferred_slot)
    _check_pair(event, sender, receiver, slot)
    sent = MeetingRequest.objects.filter(
        event=event, sender=sender, status__in=OPEN, added_by_organiser=False
    ).count()
    if sent >= event.max_requests_sent:
        raise ValidationError(
            _("You have reached this event's limit of %(n)s meeting requests.")
            % {"n": event.max_requests_sent}
        )
    return MeetingRequest.objects.create(
        event=event,
        sender=sender,
        receiver=receiver,
        message=message[:1000],
        preferred_slot=slot,
        created_by=user,
    )


@transaction.atomic
def organiser_add_request(
    *,
    user,
    event: Event,
    sender: Participant | None,
    receiver: Participant | None,
    priority: float = 1.0,
    message: str = "",
    accepted: bool = True,
) -> MeetingRequest:
    """Organisers add meetings they know both sides want (no limit; accepted by default)."""
    require_organiser(user, event)
    if sender is None:
        raise ValidationError(_("This person is not a participant of this event."))
    if priority is None or priority < 0:
        raise ValidationError(_("The priority must be zero or more."))
    _check_pair(event, sender, receiver, None)
    return MeetingRequest.objects.create(
        event=event,
        sender=sender,
        receiver=receiver,
        message=message[:1000],
        priority=priority,
        status=RequestStatus.ACCEPTED if accepted else RequestStatus.REQUESTED,
        added_by_organiser=True,
        created_by=user,
        decided_at=timezone.now() if accepted else None,
    )


@transaction.atomic
def decide_request(*, user, request: MeetingRequest, accept: bool) -> MeetingRequest:
    """The receiver (or an organiser) accepts or declines a pending request."""
    if request.receiver.user_id != getattr(user, "pk", None) and not rules.has_perm(
        "events.organise_event", user, request.event
    ):
        raise PermissionDenied(_("Only the person asked may answer this request."))
    if request.status == RequestStatus.EXPIRED:
        raise ValidationError(_("This request expired without an answer."))
    if request.status != RequestStatus.REQUESTED:
        raise ValidationError(_("This request was already answered."))
    request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    return request


@transaction.atomic
def cancel_request(*, user, request: MeetingRequest) -> MeetingRequest:
    """The sender (or an organiser) withdraws a request; its meeting, if any, is removed."""
    if request.sender.user_id != getattr(user, "pk", None) and not rules.has_perm(
        "events.organise_event", user, request.event
    ):
        raise PermissionDenied(_("Only the sender may cancel this request."))
    if request.status in (RequestStatus.DECLINED, RequestStatus.CANCELLED, RequestStatus.EXPIRED):
        raise ValidationError(_("This request is already closed."))
    request.status = RequestStatus.CANCELLED
    request.save(update_fields=["status"])
    from lintas.events.models import Meeting

    Meeting.objects.filter(request=request).delete()
    return request


@transaction.atomic
def set_priority(*, user, request: MeetingRequest, priority: float) -> MeetingRequest:
    require_organiser(user, request.event)
    if priority is None or priority < 0:
        raise ValidationError(_("The priority must be zero or more."))
    request.priority = priority
    request.save(update_fields=["priority"])
    return request


def expires_at(request: MeetingRequest) -> dt.datetime:
    """When an unanswered request expires."""
    return request.created_at + dt.timedelta(hours=settings.LINTAS["EVENT_REQUEST_EXPIRY_HOURS"])


def expire_and_remind(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Expire unanswered requests past their time and tell the sender; remind the person asked,
    once, when ``EVENT_REQUEST_REMINDER_HOURS`` or fewer remain. Each in their language.
    Requests of cancelled events are left alone (they were cancelled with the event)."""
    now = now or timezone.now()
    hours = settings.LINTAS["EVENT_REQUEST_EXPIRY_HOURS"]
    remind = settings.LINTAS["EVENT_REQUEST_REMINDER_HOURS"]
    expiry = dt.timedelta(hours=hours)
    base = MeetingRequest.objects.filter(
        status=RequestStatus.REQUESTED, event__cancelled_at__isnull=True
    ).select_related("event", "sender__user", "receiver__user", "sender__organisation")
    expired = 0
    for r in base.filter(created_at__lte=now - expiry):
        with transaction.atomic():
            changed = MeetingRequest.objects.filter(pk=r.pk, status=RequestStatus.REQUESTED).update(
                status=RequestStatus.EXPIRED, decided_at=now
            )
            if not changed:
                continue
            expired += 1
            event, receiver = r.event, r.receiver

            def to_sender(_user, event=event, receiver=receiver):
                return (
                    _("Your meeting request at %(event)s expired") % {"event": event.title},
                    _("%(other)s did not answer your meeting request in time.")
                    % {"other": receiver},
                )

            notify(
                users=[r.sender.user],
                compose=to_sender,
                target=event,
                url=reverse("events:requests", kwargs={"slug": event.slug}),
            )
    reminded = 0
    if remind > 0:
        due = base.filter(
            reminded_at__isnull=True,
            created_at__lte=now - expiry + dt.timedelta(hours=remind),
            created_at__gt=now - expiry,
        )
        for r in due:
            with transaction.atomic():
                if not MeetingRequest.objects.filter(pk=r.pk, reminded_at__isnull=True).update(
                    reminded_at=now
                ):
                    continue
                reminded += 1
                event, sender, ends = r.event, r.sender, expires_at(r)

                def to_receiver(_user, event=event, sender=sender, ends=ends):
                    return (
                        _("%(other)s is waiting for your answer (%(event)s)")
                        % {"other": sender, "event": event.title},
                        _(
                            "%(other)s asked you for a meeting at %(event)s. Accept or decline "
                            "before %(when)s; after that the request expires."
                        )
                        % {
                            "other": sender,
                            "event": event.title,
                            "when": date_format(timezone.localtime(ends), "DATETIME_FORMAT"),
                        },
                    )

                notify(
                    users=[r.receiver.user],
                    compose=to_receiver,
                    target=event,
                    url=reverse("events:requests", kwargs={"slug": event.slug}),
                )
    return {"expired": expired, "reminded": reminded}
