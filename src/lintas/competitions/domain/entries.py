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
from lintas.competitions.enums import EntryStatus
from lintas.competitions.models import Entry, TeamMember
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
