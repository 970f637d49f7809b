"""Deals: from an expression of interest, through a consent-based introduction, to an agreement.

Rules kept here, for pages, API and other apps alike:
- interest is expressed in someone else's *published* profile, with a message;
- contact details are revealed only when the owner accepted and, where the network requires
  it (``LINTAS["BROKER_APPROVAL_REQUIRED"]``), a broker approved: that moment is
  ``introduced_at``;
- no stage after *introduced* can be reached without that consent;
- edits carry the version the editor loaded, so a second broker's stale save is refused.
"""

from __future__ import annotations

import datetime as dt

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.brokerage.enums import ACTIVE_STAGES, CONSENTED_STAGES, Consent, Source, Stage
from lintas.brokerage.models import Deal, DealNote, DealStageChange
from lintas.brokerage.models.deal import MESSAGE_MAX
from lintas.brokerage.rules import is_owner_side, is_requester_side, may_move_to
from lintas.brokerage.signals import interest_expressed, introduction_made
from lintas.catalogue.domain.translations import display_text
from lintas.catalogue.enums import ProfileKind, ProfileStatus
from lintas.core.domain import audit
from lintas.core.domain.notifications import notify
from lintas.core.domain.refresh import schedule_refresh
from lintas.core.enums import AuditAction, Role
from lintas.core.models import User

ALLOWED = {
    Stage.INTEREST: {Stage.DECLINED, Stage.STALLED},
    Stage.INTRODUCED: {Stage.MEETING, Stage.NEGOTIATING, Stage.AGREEMENT, Stage.DECLINED,
                       Stage.STALLED},
    Stage.MEETING: {Stage.NEGOTIATING, Stage.AGREEMENT, Stage.DECLINED, Stage.STALLED},
    Stage.NEGOTIATING: {Stage.MEETING, Stage.AGREEMENT, Stage.DECLINED, Stage.STALLED},
    Stage.STALLED: {Stage.INTEREST, Stage.INTRODUCED, Stage.MEETING, Stage.NEGOTIATING,
                    Stage.AGREEMENT, Stage.DECLINED},
    Stage.AGREEMENT: set(),
    Stage.DECLINED: set(),
}  # fmt: skip


class StaleDeal(ValidationError):
    """Someone saved the deal after this editor loaded it."""


def responsible_broker(profile):
    """The profile's broker, else the network's first active broker."""
    if profile.broker_id and profile.broker.is_active:
        return profile.broker
    return User.objects.filter(role=Role.BROKER, is_active=True).order_by("id").first()


def owner_people(deal):
    """Who answers for the profile owner: its author if still there, else the organisation."""
    author = deal.profile.created_by
    if author and author.is_active and author.organisation_id == deal.owner_org_id:
        return [author]
    return list(
        User.objects.filter(
            organisation_id=deal.owner_org_id,
            is_active=True,
            role__in=(Role.PROVIDER, Role.SEEKER),
        )
    )


def party_people(deal, org_id):
    return list(User.objects.filter(organisation_id=org_id, is_active=True))


def _log_stage(deal, *, actor, before: str, note: str = "") -> None:
    DealStageChange.objects.create(
        deal=deal, from_stage=before, to_stage=deal.stage, actor=actor, note=note[:500]
    )
    audit.record(
        actor=actor,
        target=deal,
        action=AuditAction.STATUS,
        summary=f"{before or '-'} → {deal.stage}" + (f": {note}" if note else ""),
        changes={"stage": [before, deal.stage]},
    )
    schedule_refresh(
        "deals", ids=[deal.pk]
    )  # interests, introductions, enterprises served, the funnel


def check_event(event_id: int | None) -> None:
    """A deal or an agreement names its event by number; the number must name an event.

    The event is looked up through the foreign key's model, not imported: brokerage sits on
    the events' floor and events import brokerage, so brokerage must not import events."""
    if event_id is None:
        return
    event_model = Deal._meta.get_field("event").related_model
    if not event_model.objects.filter(pk=event_id).exists():
        raise ValidationError(_("There is no event number %(number)s.") % {"number": event_id})


def _check_message(message: str) -> str:
    message = (message or "").strip()
    if not message:
        raise ValidationError(_("Write a short message to go with your interest."))
    if len(message) > MESSAGE_MAX:
        raise ValidationError(
            _("Messages are limited to %(max)d characters; this one has %(n)d.")
            % {"max": MESSAGE_MAX, "n": len(message)}
        )
    return message


def _create(*, user, profile, requester_org, counterpart, message, source, event_id) -> Deal:
    now = timezone.now()
    approval = settings.LINTAS.get("BROKER_APPROVAL_REQUIRED")
    deal = Deal.objects.create(
        profile=profile,
        counterpart_profile=counterpart,
        requester=user,
        requester_org=requester_org,
        owner_org=profile.organisation,
        broker=responsible_broker(profile),
        message=message,
        source=source,
        event_id=event_id,
        broker_consent=Consent.PENDING if approval else Consent.NOT_REQUIRED,
        last_activity_at=now,
    )
    _log_stage(deal, actor=user, before="")
    url = deal.get_absolute_url()

    def to_owner(person):
        return (
            _("%(org)s is interested in your profile %(ref)s")
            % {"org": requester_org.name, "ref": profile.ref},
            _(
                "%(org)s (%(country)s) is interested in “%(title)s”.\n\nTheir message:\n"
                "%(message)s\n\nAccept or decline the introduction on Lintas. Your contact "
                "details stay hidden until you accept."
            )
            % {
                "org": requester_org.name,
                "country": requester_org.country.name,
                "title": profile.title,
                "message": message,
            },
        )

    def to_broker(person):
        return (
            _("New interest: %(org)s → %(ref)s") % {"org": requester_org.name, "ref": profile.ref},
            _("%(org)s expressed interest in “%(title)s” (%(owner)s).")
            % {
                "org": requester_org.name,
                "title": display_text(profile).title,  # in the broker's language
                "owner": profile.organisation,
            },
        )

    notify(users=owner_people(deal), target=deal, compose=to_owner, url=url)
    notify(users=[deal.broker], target=deal, compose=to_broker, url=url)
    transaction.on_commit(lambda pk=deal.pk: interest_expressed.send(sender=Deal, deal_id=pk))
    return deal


@transaction.atomic
def express_interest(
    *,
    user,
    profile,
    message: str,
    counterpart=None,
    source: str = Source.SEARCH,
    event_id: int | None = None,
) -> Deal:
    """A seeker or provider asks to be introduced to the owner of a published profile."""
    if not rules.has_perm("brokerage.express_interest", user):
        raise PermissionDenied(_("Only technology providers and seekers express interest."))
    if profile.status != ProfileStatus.PUBLISHED:
        raise ValidationError(_("You can express interest only in a published profile."))
    if profile.organisation_id == user.organisation_id:
        raise ValidationError(_("This profile belongs to your own organisation."))
    message = _check_message(message)
    check_event(event_id)
    if counterpart is not None and (
        counterpart.organisation_id != user.organisation_id or counterpart.kind == profile.kind
    ):
        raise ValidationError(
            _("The related profile must be one of your organisation's %(kind)s.")
            % {"kind": _("needs") if profile.kind == ProfileKind.OFFER else _("offers")}
        )
    if Deal.objects.filter(
        profile=profile, requester_org_id=user.organisation_id, stage__in=ACTIVE_STAGES
    ).exists():
        raise ValidationError(_("Your organisation already has an open interest in this profile."))
    return _create(
        user=user,
        profile=profile,
        requester_org=user.organisation,
        counterpart=counterpart,
        message=message,
        source=source,
        event_id=event_id,
    )


@transaction.atomic
def open_deal(*, user, offer, need, note: str = "", event_id: int | None = None) -> Deal:
    """Open a deal between an offer and a need, e.g. when both partners of an event meeting say
    "we want to continue". The user's own profile is the counterpart; a broker opens it for the
    seeker. Idempotent: an open deal between the same two profiles is returned as it is."""
    if offer.kind != ProfileKind.OFFER or need.kind != ProfileKind.NEED:
        raise ValidationError(_("A deal links one technology offer and one technology need."))
    if offer.organisation_id == need.organisation_id:
        raise ValidationError(_("The offer and the need belong to the same organisation."))
    if user.is_authenticated and user.organisation_id == offer.organisation_id:
        target, own = need, offer
    elif user.is_authenticated and (user.organisation_id == need.organisation_id or user.is_broker):
        target, own = offer, need
    else:
        raise PermissionDenied(_("You may open deals only for your own organisation's profiles."))
    if target.status != ProfileStatus.PUBLISHED:
        raise ValidationError(_("You can express interest only in a published profile."))
    existing = (
        Deal.objects.filter(stage__in=ACTIVE_STAGES)
        .filter(
            Q(profile=target, counterpart_profile=own) | Q(profile=own, counterpart_profile=target)
        )
        .first()
    )
    if existing:
        return existing
    check_event(event_id)
    message = (note or "").strip() or _("We met and want to continue.")
    return _create(
        user=user,
        profile=target,
        requester_org=own.organisation,
        counterpart=own,
        message=_check_message(message),
        source=Source.EVENT if event_id else Source.MATCH,
        event_id=event_id,
    )


def _introduce(deal: Deal, *, actor) -> None:
    """Both sides consented: reveal contact details to the two parties (and their brokers)."""
    before = deal.stage
    deal.introduced_at = timezone.now()
    deal.stage = Stage.INTRODUCED
    deal.last_activity_at = deal.introduced_at
    deal.version += 1
    deal.save()
    _log_stage(deal, actor=actor, before=before, note="consent")
    url = deal.get_absolute_url()
    profile, counterpart = deal.profile, deal.counterpart_profile
    requester = deal.requester

    def contact_lines(prof, person=None):
        lines = []
        if prof is not None:
            lines.append(f"{prof.contact_name} {prof.contact_email} {prof.contact_phone}".strip())
        if person is not None:
            lines.append(f"{person.get_full_name() or person.username} <{person.email}>")
        return "\n".join(line for line in lines if line)

    def to_requester(person):
        return (
            _("Introduction made: %(ref)s") % {"ref": profile.ref},
            _("%(org)s agreed to be introduced. Contact:\n%(contact)s")
            % {"org": deal.owner_org.name, "contact": contact_lines(profile)},
        )

    def to_owner(person):
        return (
            _("Introduction made: %(ref)s") % {"ref": profile.ref},
            _("You are introduced to %(org)s. Contact:\n%(contact)s")
            % {"org": deal.requester_org.name, "contact": contact_lines(counterpart, requester)},
        )

    def to_broker(person):
        return (
            _("Introduction made: %(ref)s") % {"ref": profile.ref},
            _("%(a)s and %(b)s agreed to be introduced.")
            % {"a": deal.requester_org.name, "b": deal.owner_org.name},
        )

    notify(
        users=party_people(deal, deal.requester_org_id), target=deal, compose=to_requester, url=url
    )
    notify(users=party_people(deal, deal.owner_org_id), target=deal, compose=to_owner, url=url)
    notify(users=[deal.broker], target=deal, compose=to_broker, url=url)
    transaction.on_commit(lambda pk=deal.pk: introduction_made.send(sender=Deal, deal_id=pk))


def _locked(deal: Deal, version: int | None) -> Deal:
    locked = Deal.objects.select_for_update().select_related("profile").get(pk=deal.pk)
    if version is not None and locked.version != version:
        raise StaleDeal(
            _(
                "Someone else saved this deal while you were editing it. Reload to see their changes."
            )
        )
    return locked


def _declined(deal: Deal, *, actor, note: str) -> None:
    before = deal.stage
    deal.stage = Stage.DECLINED
    deal.last_activity_at = timezone.now()
    deal.version += 1
    deal.save()
    _log_stage(deal, actor=actor, before=before, note=note)

    def to_requester(person):
        return (
            _("Your interest in %(ref)s was declined") % {"ref": deal.profile.ref},
            _("The introduction to “%(title)s” will not go ahead.")
            % {"title": display_text(deal.profile).title},
        )

    notify(
        users=party_people(deal, deal.requester_org_id),
        target=deal,
        compose=to_requester,
        url=deal.get_absolute_url(),
    )


def _all_consented(deal: Deal) -> bool:
    done = (Consent.ACCEPTED, Consent.NOT_REQUIRED)
    return (
        deal.owner_consent == Consent.ACCEPTED
        and deal.broker_consent in done
        and deal.requester_consent in done
    )


def _waiting(deal: Deal) -> bool:
    return not deal.is_introduced and deal.stage in (Stage.INTEREST, Stage.STALLED)


def _decline_reason(deal: Deal, *, user, reason: str, reason_text: str, profile) -> None:
    """Every decline is kept, without a reason as "no reason given" (counted in insights)."""
    from lintas.brokerage.domain.declines import record_reason

    record_reason(user=user, code=reason, text=reason_text, profile=profile, deal=deal)


@transaction.atomic
def respond(
    *,
    user,
    deal: Deal,
    accept: bool,
    version: int | None = None,
    reason: str = "",
    reason_text: str = "",
) -> Deal:
    """The profile owner accepts or declines an introduction; when a broker introduced the
    pair, the requesting organisation answers too. A decline may carry a coded reason (about
    the other side's profile), counted in insights and shown to that profile's author."""
    if not rules.has_perm("brokerage.respond_deal", user, deal):
        raise PermissionDenied(_("Only the profile owner answers this interest."))
    deal = _locked(deal, version)
    owner_side = is_owner_side(user, deal) and deal.owner_consent == Consent.PENDING
    requester_side = (
        not owner_side
        and is_requester_side(user, deal)
        and deal.requester_consent == Consent.PENDING
    )
    if not _waiting(deal) or not (owner_side or requester_side):
        raise ValidationError(_("This interest has already been answered."))
    if not accept:
        from lintas.brokerage.domain.declines import check_reason

        check_reason(reason, reason_text)
    answer = Consent.ACCEPTED if accept else Consent.DECLINED
    if owner_side:
        deal.owner_consent = answer
        deal.save(update_fields=["owner_consent"])
    else:
        deal.requester_consent = answer
        deal.save(update_fields=["requester_consent"])
    if not accept:
        turned_down = deal.counterpart_profile if owner_side else deal.profile
        _decline_reason(deal, user=user, reason=reason, reason_text=reason_text,
                        profile=turned_down)  # fmt: skip
        _declined(deal, actor=user, note="owner declined" if owner_side else "requester declined")
    elif _all_consented(deal):
        _introduce(deal, actor=user)
    else:
        deal.version += 1
        deal.last_activity_at = timezone.now()
        deal.save(update_fields=["version", "last_activity_at"])
    return deal


@transaction.atomic
def broker_decide(
    *,
    user,
    deal: Deal,
    approve: bool,
    version: int | None = None,
    reason: str = "",
    reason_text: str = "",
) -> Deal:
    """Where the network requires it, a broker approves an introduction too."""
    if not rules.has_perm("brokerage.approve_deal", user, deal):
        raise PermissionDenied(_("Only brokers approve introductions."))
    deal = _locked(deal, version)
    if deal.broker_consent != Consent.PENDING or deal.stage not in (Stage.INTEREST, Stage.STALLED):
        raise ValidationError(_("This introduction does not wait for a broker."))
    if not approve:
        from lintas.brokerage.domain.declines import check_reason

        check_reason(reason, reason_text)
    deal.broker_consent = Consent.ACCEPTED if approve else Consent.DECLINED
    deal.save(update_fields=["broker_consent"])
    if not approve:
        _decline_reason(deal, user=user, reason=reason, reason_text=reason_text,
                        profile=deal.profile)  # fmt: skip
        _declined(deal, actor=user, note="broker declined")
    elif _all_consented(deal):
        _introduce(deal, actor=user)
    else:
        deal.version += 1
        deal.save(update_fields=["version"])
    return deal


@transaction.atomic
def broker_introduction(*, user, offer, need, message: str) -> Deal:
    """A broker starts an interest in ``offer`` for ``need``'s organisation, which must consent
    as well as the offer's owner (callers: :func:`lintas.brokerage.domain.matches.introduce`)."""
    if not rules.has_perm("brokerage.act_on_matches", user):
        raise PermissionDenied(_("Only brokers introduce two profiles."))
    requester = (
        need.created_by
        if need.created_by_id and need.created_by.organisation_id == need.organisation_id
        else User.objects.filter(organisation_id=need.organisation_id, is_active=True)
        .order_by("id")
        .first()
    )
    if requester is None:
        raise ValidationError(_("Nobody can answer for the need's organisation yet."))
    now = timezone.now()
    deal = Deal.objects.create(
        profile=offer,
        counterpart_profile=need,
        requester=requester,
        requester_org=need.organisation,
        owner_org=offer.organisation,
        broker=user,
        message=_check_message(message),
        source=Source.MATCH,
        broker_consent=Consent.ACCEPTED,
        requester_consent=Consent.PENDING,
        last_activity_at=now,
    )
    _log_stage(deal, actor=user, before="", note="broker introduction")
    return deal


def requester_people(deal):
    """Who answers for the requesting organisation: the need's author, else its people."""
    need = deal.counterpart_profile
    author = need.created_by if need is not None else None
    if author and author.is_active and author.organisation_id == deal.requester_org_id:
        return [author]
    return list(
        User.objects.filter(
            organisation_id=deal.requester_org_id,
            is_active=True,
            role__in=(Role.PROVIDER, Role.SEEKER),
        )
    )


def stage_choices(*, user, deal: Deal) -> list[str]:
    """The stages this person may move the deal to from where it is, the current one first:
    what the deal page offers, so nobody picks a stage only to be refused. The same three
    checks as :func:`update_deal`: the role (:func:`~lintas.brokerage.rules.may_move_to`),
    consent before the consented stages, and the moves allowed from the current stage."""
    if not rules.has_perm("brokerage.move_deal", user, deal):
        return [deal.stage]
    reachable = [
        stage
        for stage in Stage.values
        if stage in ALLOWED[deal.stage]
        and may_move_to(user, deal, stage)
        and not (stage in CONSENTED_STAGES and not deal.is_introduced)
        and not (stage == Stage.INTEREST and deal.is_introduced)
    ]
    return [deal.stage, *reachable]


@transaction.atomic
def update_deal(
    *,
    user,
    deal: Deal,
    version: int | None,
    stage: str | None = None,
    note: str | None = None,
    broker=None,
    event_id=...,
) -> Deal:
    """Move a deal to another stage and/or (brokers) change its note, broker or event.

    Refuses a stage that skips consent, a move the role may not make, and a stale edit."""
    if not rules.has_perm("brokerage.move_deal", user, deal):
        raise PermissionDenied(_("You may not change this deal."))
    details = note is not None or broker is not None or event_id is not ...
    if details and not rules.has_perm("brokerage.change_deal_details", user, deal):
        raise PermissionDenied(_("Only brokers change a deal's note, broker or event."))
    deal = _locked(deal, version)
    changed = False
    if stage and stage != deal.stage:
        if stage not in Stage.values:
            raise ValidationError(_("Unknown stage."))
        if not may_move_to(user, deal, stage):
            raise PermissionDenied(_("Only brokers move a deal to this stage."))
        label = Stage(stage).label
        if stage in CONSENTED_STAGES and not deal.is_introduced:
            raise ValidationError(
                _(
                    "This deal cannot move to “%(stage)s” before both sides agree to the introduction."
                )
                % {"stage": label}
            )
        if stage not in ALLOWED[deal.stage] or (stage == Stage.INTEREST and deal.is_introduced):
            raise ValidationError(
                _("A deal at “%(from)s” cannot move to “%(to)s”.")
                % {"from": deal.get_stage_display(), "to": label}
            )
        before = deal.stage
        deal.stage = stage
        _log_stage(deal, actor=user, before=before, note=(note or "")[:500])
        changed = True
    if note is not None and note.strip():
        _add_note(deal, user=user, text=note)
        changed = True
    if broker is not None and broker.pk != deal.broker_id:
        if not broker.is_broker:
            raise ValidationError(_("Choose a broker."))
        deal.broker = broker
        changed = True
    if event_id is not ... and event_id != deal.event_id:
        check_event(event_id)
        deal.event_id = event_id
        changed = True
    if changed:
        deal.version += 1
        deal.last_activity_at = timezone.now()
        deal.save()
        schedule_refresh("deals", ids=[deal.pk])  # broker or event: the figures' dimensions
    return deal


def _add_note(deal: Deal, *, user, text: str) -> DealNote:
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the note."))
    if len(text) > MESSAGE_MAX:
        raise ValidationError(
            _("Messages are limited to %(max)d characters; this one has %(n)d.")
            % {"max": MESSAGE_MAX, "n": len(text)}
        )
    deal.note = text  # the latest note, as lists and the API have always shown it
    return DealNote.objects.create(deal=deal, author=user, text=text, stage=deal.stage)


@transaction.atomic
def add_note(*, user, deal: Deal, text: str) -> DealNote:
    """A broker writes down what happened (a meeting, a call, the next step). Notes are a
    history: each is kept with its author, time and the deal's stage, none is overwritten."""
    if not rules.has_perm("brokerage.change_deal_details", user, deal):
        raise PermissionDenied(_("Only brokers change a deal's note, broker or event."))
    deal = _locked(deal, None)
    note = _add_note(deal, user=user, text=text)
    deal.version += 1
    deal.last_activity_at = timezone.now()
    deal.save(update_fields=["note", "version", "last_activity_at"])
    return note


def move_stage(*, user, deal: Deal, to: str, version: int | None = None, note: str = "") -> Deal:
    """Convenience for callers that only move the stage."""
    return update_deal(user=user, deal=deal, version=version, stage=to, note=note or None)


def mark_stalled(*, now=None) -> int:
    """Deals with no activity for ``LINTAS["STALLED_DEAL_DAYS"]`` days become *stalled* and their
    broker gets a reminder. Run daily (Celery task ``lintas.brokerage.mark_stalled_deals``)."""
    now = now or timezone.now()
    days = settings.LINTAS["STALLED_DEAL_DAYS"]
    cutoff = now - dt.timedelta(days=days)
    count = 0
    due = Deal.objects.filter(stage__in=ACTIVE_STAGES, last_activity_at__lt=cutoff)
    for deal in due.select_related("profile", "broker", "requester_org", "owner_org"):
        with transaction.atomic():
            before = deal.stage
            deal.stage = Stage.STALLED
            deal.stalled_reminded_at = now
            deal.version += 1
            deal.save()
            _log_stage(deal, actor=None, before=before, note=f"no activity for {days} days")

            def to_broker(person, deal=deal):
                return (
                    _("Deal #%(id)s has stalled") % {"id": deal.pk},
                    _("No activity for %(days)d days between %(a)s and %(b)s on %(ref)s.")
                    % {
                        "days": days,
                        "a": deal.requester_org.name,
                        "b": deal.owner_org.name,
                        "ref": deal.profile.ref,
                    },
                )

            notify(users=[deal.broker], target=deal, compose=to_broker, url=deal.get_absolute_url())
        count += 1
    return count


def touch(deal: Deal) -> None:
    """Record activity without bumping the version (a message is not an edit of the deal)."""
    Deal.objects.filter(pk=deal.pk).update(last_activity_at=timezone.now())


@transaction.atomic
def record_follow_up(*, deal: Deal, actor, text: str, still_going: bool) -> Deal:
    """What a party said about the deal in a follow-up survey (events' survey months after the
    meeting that opened it): kept as a note; "still going" counts as activity, otherwise an
    active deal is closed as declined. The caller checked that ``actor`` is that party."""
    deal = _locked(deal, None)
    _add_note(deal, user=actor, text=text[:MESSAGE_MAX])
    if not still_going and deal.stage in ACTIVE_STAGES:
        before = deal.stage
        deal.stage = Stage.DECLINED
        _log_stage(deal, actor=actor, before=before, note=text[:500])
    deal.version += 1
    deal.last_activity_at = timezone.now()
    deal.save(update_fields=["note", "stage", "version", "last_activity_at"])
    schedule_refresh("deals", ids=[deal.pk])
    return deal
