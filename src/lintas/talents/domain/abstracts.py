"""Forum calls for abstracts: an event opens a call, people submit abstracts (title, text,
authors, topic, language), talents of the directory review them, organisers accept or reject
(the author is told by e-mail in their language), and the accepted abstracts are published as
the forum's programme — one session per topic, each talk with its speaker — on the event page
(``talents/receivers.py`` answers the events' ``event_panels`` signal).

Reviewing reuses the programmes' machinery, not a copy: ``programmes.domain.reviewing`` builds
the assignment problem from the reviewers' own texts (publications, biography) and the
abstracts, leaves conflicted pairs out and solves it with the assignment engine; scores follow
the same 1–5 rule. Conflicts here: the reviewer is the author or one of the listed authors, of
the same organisation, has a publication with the abstract's title, or declared one.
"""

from __future__ import annotations

import re

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from lintas.catalogue.enums import ContentLanguage
from lintas.core import calendar, mail, readable
from lintas.programmes.domain import reviewing
from lintas.talents.enums import AbstractStatus
from lintas.talents.models import (
    Abstract,
    AbstractCall,
    AbstractConflict,
    AbstractReview,
    AbstractReviewer,
    AbstractSession,
    Talent,
)
from lintas.talents.models.abstract import ABSTRACT_TEXT_MAX

_NORMAL = re.compile(r"[\W_]+", re.UNICODE)


def _norm(text: str) -> str:
    return _NORMAL.sub(" ", (text or "").casefold()).strip()


def _organiser(user) -> None:
    if not rules.has_perm("talents.manage_abstract_calls", user):
        raise PermissionDenied(_("Only the event's organisers (brokers) may do this."))


@transaction.atomic
def open_call(*, user, event, data: dict) -> AbstractCall:
    """An organiser opens a call for abstracts for ``event`` (topics: comma-separated)."""
    _organiser(user)
    topics = [t.strip() for t in (data.get("topics") or "").split(",") if t.strip()]
    if not topics:
        raise ValidationError(_("Name at least one topic."))
    if not (data.get("title") or "").strip():
        raise ValidationError(_("Give the call a title."))
    if data.get("deadline") is None:
        raise ValidationError(_("Give the submission deadline."))
    k = int(data.get("reviews_per_abstract") or 2)
    if not 1 <= k <= 5:
        raise ValidationError(_("Each abstract gets 1 to 5 reviews."))
    return AbstractCall.objects.create(
        event=event,
        title=data["title"].strip()[:200],
        description=(data.get("description") or "").strip()[:3000],
        topics=", ".join(topics)[:600],
        deadline=data["deadline"],
        reviews_per_abstract=k,
        criteria=(data.get("criteria") or "").strip()[:300] or AbstractCall.criteria.field.default,
        created_by=user,
    )


@transaction.atomic
def submit_abstract(
    *, user, call: AbstractCall, title: str, text: str, authors: str, topic: str, language: str
) -> Abstract:
    """Submit an abstract before the deadline, on one of the call's topics."""
    if not rules.has_perm("talents.submit_abstract", user):
        raise PermissionDenied(_("Sign in to submit an abstract."))
    if timezone.now() > call.deadline:
        raise ValidationError(_("The deadline of this call has passed."))
    title, text, authors = (title or "").strip(), (text or "").strip(), (authors or "").strip()
    if not title or not text or not authors:
        raise ValidationError(_("Give the title, the abstract and the authors."))
    if len(text) > ABSTRACT_TEXT_MAX or len(title) > 300 or len(authors) > 500:
        raise ValidationError(
            _("The abstract is limited to %(max)d characters.") % {"max": ABSTRACT_TEXT_MAX}
        )
    if topic not in call.topic_list:
        raise ValidationError(_("Choose one of the call's topics."))
    if language not in ContentLanguage.values:
        raise ValidationError(_("Choose the language the abstract is written in."))
    if Abstract.objects.filter(call=call, author=user, title__iexact=title).exists():
        raise ValidationError(_("You already submitted an abstract with this title."))
    return Abstract.objects.create(
        call=call, author=user, title=title, text=text, authors=authors, topic=topic,
        language=language,
    )  # fmt: skip


@transaction.atomic
def add_reviewer(*, user, call: AbstractCall, talent: Talent, max_load: int = 5):
    """Put a listed talent of the directory in the call's reviewer pool."""
    _organiser(user)
    if not talent.listed:
        raise ValidationError(_("This talent is not listed in the directory."))
    if not 1 <= int(max_load) <= 50:
        raise ValidationError(_("A reviewer takes 1 to 50 abstracts."))
    seat, _created = AbstractReviewer.objects.update_or_create(
        call=call, talent=talent, defaults={"max_load": int(max_load)}
    )
    return seat


@transaction.atomic
def remove_reviewer(*, user, seat: AbstractReviewer) -> None:
    """Out of the pool; their reviews not yet submitted go too."""
    _organiser(user)
    AbstractReview.objects.filter(
        abstract__call=seat.call_id, reviewer=seat.talent_id, submitted_at__isnull=True
    ).delete()
    seat.delete()


def conflict_reasons(*, talent: Talent, abstract: Abstract, declared=()) -> list[str]:
    """Why this talent may not review this abstract (empty: no conflict)."""
    reasons = []
    author = abstract.author
    if talent.user_id == author.pk:
        reasons.append(_("the reviewer is the author"))
    names = {_norm(n) for n in abstract.author_names}
    if _norm(talent.name) in names and talent.user_id != author.pk:
        reasons.append(_("the reviewer is one of the authors"))
    mine = talent.user.organisation_id or talent.organisation_id
    if mine and mine == author.organisation_id:
        reasons.append(_("same organisation"))
    titles = {_norm(p.title) for p in talent.publications.all()}
    if _norm(abstract.title) in titles:
        reasons.append(_("the reviewer published this work"))
    reasons.extend(declared)
    return reasons


def _expert_texts(talent: Talent) -> tuple[str, ...]:
    texts = [f"{p.title}. {p.abstract}".strip() for p in talent.publications.all()]
    if talent.bio:
        texts.append(talent.bio)
    if talent.keywords:
        texts.append(", ".join(talent.keywords))
    return tuple(t for t in texts if t.strip()) or (talent.name,)


def waiting(call: AbstractCall):
    return call.abstracts.filter(status=AbstractStatus.SUBMITTED).select_related("author")


@transaction.atomic
def assign_reviewers(*, user, call: AbstractCall) -> list[AbstractReview]:
    """Give every submitted abstract the call's number of reviewers from its pool, within
    their loads, avoiding conflicts and maximising expertise affinity (the programmes' review
    machinery). All or nothing: when no assignment exists the reason is raised in words and
    the assignments stay as they were. Reviews already submitted are kept."""
    _organiser(user)
    abstracts = list(waiting(call))
    pool = list(call.pool.select_related("talent__user").prefetch_related("talent__publications"))
    if not abstracts:
        raise ValidationError(_("There are no submitted abstracts to assign."))
    if not pool:
        raise ValidationError(_("The reviewer pool of this call is empty."))
    declared = {}
    for c in AbstractConflict.objects.filter(abstract__call=call):
        declared.setdefault((c.abstract_id, c.reviewer_id), []).append(c.reason)
    conflicts = {
        (a.pk, seat.talent_id): conflict_reasons(
            talent=seat.talent, abstract=a, declared=declared.get((a.pk, seat.talent_id), ())
        )
        for a in abstracts
        for seat in pool
    }
    chosen = reviewing.choose(
        items=[reviewing.Item(key=a.pk, name=a.title, texts=tuple(a.texts())) for a in abstracts],
        experts=[
            reviewing.Expert(key=s.talent_id, name=s.talent.name,
                             texts=_expert_texts(s.talent), max_load=s.max_load)
            for s in pool
        ],
        k=call.reviews_per_abstract,
        conflicts=conflicts,
        item_word=_("abstract"),
    )  # fmt: skip
    pairs = {(c.item, c.expert): c for c in chosen}
    existing = AbstractReview.objects.filter(abstract__in=abstracts)
    existing.filter(submitted_at__isnull=True).exclude(
        pk__in=[r.pk for r in existing if (r.abstract_id, r.reviewer_id) in pairs]
    ).delete()
    kept = set(
        AbstractReview.objects.filter(abstract__in=abstracts).values_list(
            "abstract_id", "reviewer_id"
        )
    )
    AbstractReview.objects.bulk_create(
        [
            AbstractReview(abstract_id=a, reviewer_id=t, affinity=c.affinity,
                           explanation=c.explanation)
            for (a, t), c in sorted(pairs.items())
            if (a, t) not in kept
        ]
    )  # fmt: skip
    return list(
        AbstractReview.objects.filter(abstract__in=abstracts).select_related("reviewer", "abstract")
    )


@transaction.atomic
def declare_conflict(*, user, abstract: Abstract, reason: str) -> AbstractConflict:
    """An assigned reviewer declares a conflict: their review of it goes (scores too) and the
    pair is never assigned again."""
    review = AbstractReview.objects.filter(abstract=abstract, reviewer__user=user).first()
    if review is None:
        raise PermissionDenied(_("Only this abstract's reviewers can declare a conflict."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say briefly why there is a conflict."))
    conflict, _created = AbstractConflict.objects.update_or_create(
        abstract=abstract, reviewer=review.reviewer, defaults={"reason": reason[:300]}
    )
    review.delete()
    return conflict


@transaction.atomic
def submit_review(*, user, review: AbstractReview, scores: dict, comment: str = ""):
    """The assigned reviewer scores every criterion 1–5 (again to change it, until decided)."""
    if not rules.has_perm("talents.review_abstract", user, review):
        raise PermissionDenied(_("This review is assigned to someone else."))
    if review.abstract.status != AbstractStatus.SUBMITTED:
        raise ValidationError(_("A decision has been made; reviews are closed."))
    review.scores = reviewing.check_scores(review.abstract.call.criteria_list, scores)
    review.comment = (comment or "").strip()[:3000]
    review.submitted_at = timezone.now()
    review.save(update_fields=["scores", "comment", "submitted_at"])
    return review


def ranking(call: AbstractCall) -> list[dict]:
    """Every abstract with its mean score (abstracts without reviews last)."""
    rows = []
    for a in call.abstracts.select_related("author").prefetch_related("reviews__reviewer"):
        done = [r.total for r in a.reviews.all() if r.submitted_at]
        rows.append({"abstract": a, "mean": reviewing.mean(done), "reviews_done": len(done),
                     "reviews": len(a.reviews.all())})  # fmt: skip
    rows.sort(key=lambda r: (r["mean"] is None, -(r["mean"] or 0), r["abstract"].pk))
    return rows


@transaction.atomic
def decide(*, user, abstract: Abstract, accept: bool) -> Abstract:
    """Accept or reject; the author is told by e-mail in their own language."""
    _organiser(user)
    if abstract.call.published_at and abstract.status == AbstractStatus.ACCEPTED and not accept:
        raise ValidationError(_("The programme is published; this talk is in it."))
    abstract.status = AbstractStatus.ACCEPTED if accept else AbstractStatus.REJECTED
    abstract.decided_at = timezone.now()
    abstract.save(update_fields=["status", "decided_at"])
    author = abstract.author
    values = {
        "name": author.get_full_name() or author.username,
        "title": abstract.title,
        "call": abstract.call.title,
        "event": abstract.call.event.title,
    }
    with override(author.language or "en"):
        if accept:
            subject = _("Your abstract was accepted: %(title)s") % values
            body = (
                _(
                    "Dear %(name)s,\n\nYour abstract “%(title)s” was accepted for %(event)s "
                    "(%(call)s). You will present it in the forum's programme.\n\nThe organisers"
                )
                % values
            )
        else:
            subject = _("Your abstract was not accepted: %(title)s") % values
            body = (
                _(
                    "Dear %(name)s,\n\nThank you for submitting “%(title)s” to %(event)s "
                    "(%(call)s). The reviewers and the organisers could not include it in the "
                    "programme this time.\n\nThe organisers"
                )
                % values
            )
    transaction.on_commit(
        lambda: mail.send(subject=subject, body=body, to=[author.email], fail_silently=True)
    )
    return abstract


@transaction.atomic
def publish_programme(*, user, call: AbstractCall) -> AbstractCall:
    """Show the accepted abstracts as the forum's programme on the event page."""
    _organiser(user)
    if not call.abstracts.filter(status=AbstractStatus.ACCEPTED).exists():
        raise ValidationError(_("Accept at least one abstract before publishing the programme."))
    call.published_at = timezone.now()
    call.save(update_fields=["published_at"])
    return call


def programme(call: AbstractCall) -> list[dict]:
    """[{"topic", "talks": [abstract], "starts_at", "ends_at", "room"}]: one session per topic,
    each talk with its speaker (the first author) — what the event page shows. Sessions with a
    time come first, in time order; the others follow in the call's order (times None)."""
    accepted = list(call.abstracts.filter(status=AbstractStatus.ACCEPTED).select_related("author"))
    order = {t: i for i, t in enumerate(call.topic_list)}
    sessions: dict[str, list] = {}
    for a in sorted(accepted, key=lambda a: (order.get(a.topic, len(order)), a.title.casefold())):
        sessions.setdefault(a.topic, []).append(a)
    when = {s.topic: s for s in call.sessions.all()}
    rows = []
    for topic, talks in sessions.items():
        slot = when.get(topic)
        rows.append(
            {
                "topic": topic,
                "talks": talks,
                "starts_at": slot.starts_at if slot else None,
                "ends_at": slot.ends_at if slot else None,
                "room": slot.room if slot else "",
            }
        )
    rows.sort(key=lambda r: (r["starts_at"] is None, r["starts_at"] or timezone.now()))
    return rows


@transaction.atomic
def schedule_session(
    *, user, call: AbstractCall, topic: str, starts_at, ends_at, room: str = ""
) -> AbstractSession:
    """An organiser gives a topic's session its time and room, within the event's days. Setting
    it again moves it (the calendar file keeps the session's identity, so calendars move it)."""
    _organiser(user)
    if topic not in call.topic_list:
        raise ValidationError({"topic": _("Choose one of the call's topics.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("A session ends after it starts.")})
    event = call.event
    first, last = timezone.localdate(starts_at), timezone.localdate(ends_at)
    if first < event.starts_on or last > event.ends_on:
        raise ValidationError(
            {"starts_at": _("The session must be within the event's days (%(first)s to %(last)s).")
             % {"first": readable.date(event.starts_on), "last": readable.date(event.ends_on)}}
        )  # fmt: skip
    session, _created = AbstractSession.objects.update_or_create(
        call=call,
        topic=topic,
        defaults={"starts_at": starts_at, "ends_at": ends_at, "room": room.strip()[:120]},
    )
    return session


def programme_items(call: AbstractCall) -> list[dict]:
    """The programme's sessions that have a time, as calendar items: ``uid``
    (stable: a moved session moves in calendar apps), ``starts_at``, ``ends_at``, ``title``
    (the topic), ``summary`` (the event's title and the topic),
    ``location`` (room, venue, city) and ``description`` (the talks with their speakers). The
    programme's own ICS and the participants' personal agendas (``events`` asks through
    ``core.signals.event_calendar_items``) are both built from it, with the same UIDs."""
    event = call.event
    host = calendar.site_host()
    slots = {s.topic: s for s in call.sessions.all()}
    items = []
    for row in programme(call):
        if row["starts_at"] is None:
            continue
        talks = [f"{t.title} — {(t.author_names or [''])[0]}" for t in row["talks"]]
        items.append(
            {
                "uid": f"forum-session-{slots[row['topic']].pk}@{host}",
                "starts_at": row["starts_at"],
                "ends_at": row["ends_at"],
                "title": row["topic"],
                "summary": f"{event.title}: {row['topic']}",
                "location": ", ".join(x for x in (row["room"], event.venue, event.city) if x),
                "description": "\n".join(talks),
            }
        )
    return items


def programme_ics(call: AbstractCall) -> bytes:
    """The programme as an iCalendar file (public once published): one event per session
    that has a time, with its room and talks (:func:`programme_items`), times in UTC."""
    return calendar.ics(
        name=f"{call.event.title}: {call.title}",
        prodid="-//Lintas//forum programme//EN",
        items=programme_items(call),
    )
