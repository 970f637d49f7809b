"""Matches brokers act on: the network-wide view, introductions, pins, dismissals (with undo and
a coded reason), notes, and manual matches a broker makes between any published offer and need.

The engine's matches live in :mod:`lintas.matching`; what a broker does with them starts deals,
so it lives here, above both.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from lintas.brokerage.domain import deals
from lintas.brokerage.domain.declines import record_reason
from lintas.brokerage.enums import ACTIVE_STAGES
from lintas.brokerage.models import Deal, MatchNote
from lintas.catalogue.enums import ProfileKind, ProfileStatus
from lintas.core.domain.notifications import notify
from lintas.matching.domain import decisions
from lintas.matching.models import Match
from lintas.matching.retrieval import MATCH_BANDS

BANDS = dict(MATCH_BANDS)
NOTE_MAX = 2000


def _check_broker(user) -> None:
    if not (user.is_authenticated and user.has_perm("brokerage.act_on_matches")):
        raise PermissionDenied(_("Only brokers act on matches across the network."))


def network_matches(
    *,
    offer_country: str = "",
    need_country: str = "",
    sector: str = "",
    offer_language: str = "",
    need_language: str = "",
    band: str = "",
    dismissed: bool = False,
):
    """The best current matches across the catalogue, best first (pinned on top), narrowed by
    country pair, sector, language pair and score band. Dismissed ones only when asked for."""
    qs = Match.objects.filter(
        offer__status=ProfileStatus.PUBLISHED,
        need__status=ProfileStatus.PUBLISHED,
        dismissed=dismissed,
    )
    if offer_country:
        qs = qs.filter(offer__organisation__country=offer_country)
    if need_country:
        qs = qs.filter(need__organisation__country=need_country)
    if sector:
        qs = qs.filter(Q(offer__sectors__slug=sector) | Q(need__sectors__slug=sector))
    if offer_language:
        qs = qs.filter(offer__content_language=offer_language)
    if need_language:
        qs = qs.filter(need__content_language=need_language)
    if band in BANDS:
        names = [name for name, _floor in MATCH_BANDS]
        above = names.index(band)
        qs = qs.filter(score__gte=BANDS[band])
        if above > 0:
            qs = qs.filter(score__lt=BANDS[names[above - 1]])
    open_deal = Deal.objects.filter(stage__in=ACTIVE_STAGES).filter(
        Q(profile=OuterRef("offer"), counterpart_profile=OuterRef("need"))
        | Q(profile=OuterRef("need"), counterpart_profile=OuterRef("offer"))
    )
    return (
        qs.annotate(open_deal_id=Subquery(open_deal.values("pk")[:1]))
        .select_related("offer__organisation", "need__organisation", "decided_by")
        .prefetch_related("offer__sectors", "need__sectors", "notes__author")
        .distinct()
        .order_by("-pinned", "-score", "id")
    )


def open_deal_between(match: Match) -> Deal | None:
    return (
        Deal.objects.filter(stage__in=ACTIVE_STAGES)
        .filter(
            Q(profile=match.offer, counterpart_profile=match.need)
            | Q(profile=match.need, counterpart_profile=match.offer)
        )
        .first()
    )


@transaction.atomic
def introduce(*, user, match: Match, message: str = "") -> Deal:
    """A broker introduces the two sides of a match on their behalf: an interest in the offer
    for the need's organisation, which both organisations are asked to accept (each told in
    their own language). Contacts are revealed only when both accepted."""
    _check_broker(user)
    existing = open_deal_between(match)
    if existing is not None:
        raise ValidationError(_("These two profiles already have an open deal."))
    offer, need = match.offer, match.need
    if offer.status != ProfileStatus.PUBLISHED or need.status != ProfileStatus.PUBLISHED:
        raise ValidationError(_("Both profiles must be published."))
    if offer.organisation_id == need.organisation_id:
        raise ValidationError(_("The offer and the need belong to the same organisation."))
    text = (message or "").strip() or _(
        "A broker of the network thinks these two profiles fit and suggests an introduction."
    )
    deal = deals.broker_introduction(user=user, offer=offer, need=need, message=text)
    match.decided_by = user
    match.save(update_fields=["decided_by", "updated_at"])
    url = deal.get_absolute_url()

    def compose_for(own, other):
        def compose(person):
            return (
                _("A broker suggests an introduction: %(ref)s") % {"ref": other.ref},
                _(
                    "A broker of the network suggests introducing your profile “%(own)s” to "
                    "%(org)s (%(country)s) for “%(other)s”.\n\n%(message)s\n\nAccept or "
                    "decline on Lintas. Contact details are shared only if both sides accept."
                )
                % {
                    "own": own.title,
                    "org": other.organisation.name,
                    "country": other.organisation.country.name,
                    "other": other.title,
                    "message": text,
                },
            )

        return compose

    notify(users=deals.owner_people(deal), target=deal, url=url, compose=compose_for(offer, need))
    notify(users=deals.requester_people(deal), target=deal, url=url,
           compose=compose_for(need, offer))  # fmt: skip
    return deal


@transaction.atomic
def pin(*, user, match: Match, pinned: bool = True) -> Match:
    _check_broker(user)
    return decisions.pin(user=user, match=match, pinned=pinned)


@transaction.atomic
def dismiss(*, user, match: Match, code: str = "", text: str = "") -> Match:
    """Dismiss a match, with a coded reason or none ("no reason given"); either way it is
    counted in insights, and a coded one is shown to authors as advice. Undo with
    :func:`restore`."""
    _check_broker(user)
    record_reason(user=user, code=code, text=text, profile=match.offer, match=match)
    return decisions.dismiss(user=user, match=match)


@transaction.atomic
def restore(*, user, match: Match) -> Match:
    """Undo a dismissal: the match shows again (its reason stays counted)."""
    _check_broker(user)
    match.dismissed, match.decided_by = False, user
    match.save(update_fields=["dismissed", "decided_by", "updated_at"])
    return match


@transaction.atomic
def add_note(*, user, match: Match, text: str) -> MatchNote:
    _check_broker(user)
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the note."))
    if len(text) > NOTE_MAX:
        raise ValidationError(
            _("A note may have at most %(max)d characters; this one has %(n)d.")
            % {"max": NOTE_MAX, "n": len(text)}
        )
    return MatchNote.objects.create(match=match, author=user, text=text)


@transaction.atomic
def manual_match(*, user, offer, need, note: str) -> Match:
    """A broker pairs a published offer with a published need. The match shows in both owners'
    match panels marked "suggested by a broker", with the note; the engine never removes it."""
    _check_broker(user)
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Say why these two fit: the owners read it."))
    if offer.kind != ProfileKind.OFFER or need.kind != ProfileKind.NEED:
        raise ValidationError(_("A match pairs one technology offer and one technology need."))
    if offer.status != ProfileStatus.PUBLISHED or need.status != ProfileStatus.PUBLISHED:
        raise ValidationError(_("Both profiles must be published."))
    if offer.organisation_id == need.organisation_id:
        raise ValidationError(_("The offer and the need belong to the same organisation."))
    match, created = Match.objects.get_or_create(
        offer=offer, need=need,
        defaults={"score": 0.0, "source": Match.Source.BROKER},  # no engine score: none shown
    )  # fmt: skip
    match.source = Match.Source.BROKER
    match.explanation = {**(match.explanation or {}), "broker_note": note[:NOTE_MAX]}
    match.pinned, match.dismissed, match.decided_by = True, False, user
    match.save()
    MatchNote.objects.create(match=match, author=user, text=note[:NOTE_MAX])
    return match
