"""Entries: submission with checked files and team members, and the eligibility check of a
competition's entries against their group's rules (the programmes app's evaluator)."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from lintas.catalogue.domain.attachments import check_upload
from lintas.competitions.domain import final
from lintas.competitions.enums import CompetitionStatus, EntryStatus, StageStatus
from lintas.competitions.models import Assignment, Entry, TeamMember
from lintas.core.domain import audit
from lintas.core.domain.refresh import schedule_refresh
from lintas.core.enums import AuditAction
from lintas.programmes.domain import eligibility


def _clean_members(members) -> list[dict]:
    clean = []
    for m in members or []:
        name = str(m.get("name", "")).strip()[:120]
        if not name:
            continue
        nationality = str(m.get("nationality", "")).upper()
        if not countries.name(nationality):
            raise ValidationError(_("Give the nationality of %(name)s.") % {"name": name})
        clean.append(
            {
                "name": name,
                "role": str(m.get("role", "")).strip()[:120],
                "nationality": nationality,
                "talent": m.get("talent"),
            }
        )
    if not clean:
        raise ValidationError(_("Name at least one team member."))
    return clean


@transaction.atomic
def submit_entry(
    *,
    user,
    competition,
    group,
    track,
    project_name: str,
    country: str,
    members,
    summary: str = "",
    organisation_name: str = "",
    founded_year=None,
    capital_usd=None,
    revenue_usd=None,
    pitch_deck=None,
    business_plan=None,
    offer=None,
) -> Entry:
    """Enter a project in one group and field (``track``: ``field`` is the pages' error-routing
    keyword of ``domain_call``). Files are checked by content like catalogue
    attachments; an offer may be linked only when it is published or the entrant's own.
    Team members are matched to their talent profiles when one is given."""
    if not rules.has_perm("competitions.enter_competition", user, competition):
        raise PermissionDenied(_("This competition is not open for entries."))
    if group.competition_id != competition.pk or track.competition_id != competition.pk:
        raise ValidationError(_("Choose a group and a field of this competition."))
    if not project_name.strip():
        raise ValidationError({"project_name": _("Give the project a name.")})
    if not countries.name(country):
        raise ValidationError({"country": _("Choose the country of registration.")})
    for upload in (pitch_deck, business_plan):
        if upload:
            check_upload(upload)
    if offer is not None and not (
        offer.is_published or offer.organisation_id == getattr(user, "organisation_id", None)
    ):
        raise ValidationError({"offer": _("Link a published offer or one of your own.")})
    clean = _clean_members(members)
    number = (competition.entries.aggregate(n=Max("number"))["n"] or 0) + 1
    entry = Entry.objects.create(
        competition=competition,
        number=number,
        project_name=project_name.strip()[:200],
        summary=summary.strip()[:3000],
        group=group,
        field=track,
        country=country,
        organisation=getattr(user, "organisation", None),
        organisation_name=organisation_name.strip()[:200],
        founded_year=founded_year,
        capital_usd=capital_usd,
        revenue_usd=revenue_usd,
        pitch_deck=pitch_deck or "",
        business_plan=business_plan or "",
        offer=offer,
        submitted_by=user,
    )
    TeamMember.objects.bulk_create([TeamMember(entry=entry, **m) for m in clean])
    audit.record(actor=user, target=entry, action=AuditAction.CREATE, summary="entry submitted")
    schedule_refresh("competitions")
    return entry


# What an entrant may change until the deadline; group, field, country and team decide where
# the entry competes and who may judge it, so they stay as entered.
EDITABLE = (
    "project_name",
    "summary",
    "organisation_name",
    "founded_year",
    "capital_usd",
    "revenue_usd",
    "offer",
)


def current_stage(entry: Entry):
    """The stage the entry competes in: the one it reached, or the first before the
    eligibility check."""
    if entry.stage_id:
        return entry.stage
    return entry.competition.stages.order_by("position").first()


def edit_deadline(entry: Entry):
    """The last day the entrant may edit the entry: the end of its current stage (None when
    the competition has no stages yet or that stage is decided)."""
    stage = current_stage(entry)
    if stage is None or stage.status == StageStatus.DONE:
        return None
    return stage.ends_on


def editable(entry: Entry, *, today=None) -> bool:
    deadline = edit_deadline(entry)
    return (
        entry.status != EntryStatus.WITHDRAWN
        and entry.competition.status != CompetitionStatus.CLOSED
        and deadline is not None
        and (today or timezone.localdate()) <= deadline
    )


@transaction.atomic
def edit_entry(*, user, entry: Entry, pitch_deck=None, business_plan=None, **changes) -> Entry:
    """The entrant changes their entry until the end of its current stage. Files given
    replace the old ones (checked by content); fields not given stay. Every change is audited;
    an entry already checked is checked again against its group's rules."""
    if not rules.has_perm("competitions.edit_entry", user, entry):
        raise PermissionDenied(_("This entry can no longer be changed."))
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(_("Only the project's details and files can be changed."))
    if "project_name" in changes:
        changes["project_name"] = (changes["project_name"] or "").strip()[:200]
        if not changes["project_name"]:
            raise ValidationError({"project_name": _("Give the project a name.")})
    for key, size in (("summary", 3000), ("organisation_name", 200)):
        if key in changes:
            changes[key] = (changes[key] or "").strip()[:size]
    offer = changes.get("offer")
    if (
        offer is not None
        and offer.pk != entry.offer_id
        and not (
            offer.is_published or offer.organisation_id == getattr(user, "organisation_id", None)
        )
    ):
        raise ValidationError({"offer": _("Link a published offer or one of your own.")})
    diff = {}
    for key, value in changes.items():
        old = getattr(entry, key)
        if old != value:
            diff[key] = [
                str(old) if old is not None else None,
                str(value) if value is not None else None,
            ]
            setattr(entry, key, value)
    for name, upload in (("pitch_deck", pitch_deck), ("business_plan", business_plan)):
        if upload:
            check_upload(upload)
            setattr(entry, name, upload)
            diff[name] = [None, "replaced"]
    if not diff:
        return entry
    if entry.status in (EntryStatus.ELIGIBLE, EntryStatus.INELIGIBLE):
        first = entry.competition.stages.order_by("position").first()
        if entry.stage_id is None or (first and entry.stage_id == first.pk):
            found = reasons(entry)
            entry.eligibility_reasons = found
            entry.status = EntryStatus.INELIGIBLE if found else EntryStatus.ELIGIBLE
            entry.stage = None if found else first
    entry.save()
    audit.record(
        actor=user, target=entry, action=AuditAction.UPDATE, summary="entry edited", changes=diff
    )
    schedule_refresh("competitions")
    return entry


@transaction.atomic
def withdraw_entry(*, user, entry: Entry, reason: str) -> Entry:
    """The entrant withdraws their entry, saying why. Its judges' assignments in stages not
    yet decided are dropped (scores kept in the audit log); its slot on a built final agenda
    is freed (``final.free_slots``); organisers list it apart and the public results leave it
    out."""
    if not rules.has_perm("competitions.withdraw_entry", user, entry):
        raise PermissionDenied(_("This entry can no longer be withdrawn."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say briefly why you withdraw the entry.")})
    dropped = Assignment.objects.filter(entry=entry).exclude(stage__status=StageStatus.DONE)
    scores = [
        {"judge": a.judge.talent.name, "values": a.score.values}
        for a in dropped.select_related("judge__talent", "score")
        if getattr(a, "score", None) is not None
    ]
    count = dropped.count()
    dropped.delete()
    old = entry.status
    entry.status = EntryStatus.WITHDRAWN
    entry.withdrawal_reason = reason[:300]
    entry.withdrawn_at = timezone.now()
    entry.save(update_fields=["status", "withdrawal_reason", "withdrawn_at"])
    freed = final.free_slots(entry=entry)
    slots = f", {freed} pitch slot(s) freed" if freed else ""
    audit.record(
        actor=user,
        target=entry,
        action=AuditAction.UPDATE,
        summary=f"entry withdrawn: {reason[:200]} ({count} judge assignment(s) dropped{slots})",
        changes={"status": [old, EntryStatus.WITHDRAWN], "scores": [scores, None]},
    )
    schedule_refresh("competitions")
    return entry


def reasons(entry: Entry, *, today=None) -> list[str]:
    """Why an entry is not eligible for its group (empty: eligible)."""
    return eligibility.check(
        rules=entry.group.eligibility or {},
        today=today or timezone.localdate(),
        nationalities=[m.nationality.code for m in entry.members.all()],
        founded_year=entry.founded_year,
        capital_usd=entry.capital_usd,
        revenue_usd=entry.revenue_usd,
        country=entry.country.code,
        team_size=entry.members.count(),
    )


@transaction.atomic
def check_eligibility(*, user, competition) -> dict:
    """Check every submitted or already-checked entry against its group's rules. Eligible
    entries enter the first stage; the others keep the reasons, shown to the officer and to
    the entrant. Entries that already advanced past the first stage are left alone."""
    if not rules.has_perm("competitions.manage_competitions", user):
        raise PermissionDenied(_("Only programme officers check eligibility."))
    first = competition.stages.order_by("position").first()
    if first is None:
        raise ValidationError(_("Add the competition's stages first."))
    counts = {"eligible": 0, "ineligible": 0}
    today = timezone.localdate()
    todo = competition.entries.filter(
        status__in=[EntryStatus.SUBMITTED, EntryStatus.ELIGIBLE, EntryStatus.INELIGIBLE]
    ).select_related("group", "stage")
    for entry in todo.prefetch_related("members"):
        if entry.stage_id and entry.stage.position > first.position:
            continue
        found = reasons(entry, today=today)
        entry.eligibility_reasons = found
        entry.status = EntryStatus.INELIGIBLE if found else EntryStatus.ELIGIBLE
        entry.stage = None if found else first
        entry.save(update_fields=["eligibility_reasons", "status", "stage"])
        counts["ineligible" if found else "eligible"] += 1
    audit.record(
        actor=user,
        target=competition,
        action=AuditAction.UPDATE,
        summary=f"eligibility checked: {counts['eligible']} eligible, "
        f"{counts['ineligible']} not eligible",
    )
    schedule_refresh("competitions")
    return counts
