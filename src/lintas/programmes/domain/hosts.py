"""Host assignment: accepted researchers to host labs within capacity, by affinity.

Preferred hosts get a bonus (``call.preferred_host_bonus``); conflicts (the researcher's
own organisation) are forbidden. Each placement stores why: the host research-area
sentence and the applicant text that matched best.
"""

from __future__ import annotations

import datetime as dt

import rules
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lintas.core.domain import audit
from lintas.core.enums import AuditAction
from lintas.programmes import assignment
from lintas.programmes.domain import affinity
from lintas.programmes.domain.review import readable
from lintas.programmes.enums import ApplicationStatus
from lintas.programmes.models import Placement


def _to_place(call):
    return list(
        call.applications.filter(status=ApplicationStatus.ACCEPTED, placement__isnull=True)
        .select_related("applicant")
        .prefetch_related("preferred_hosts")
        .order_by("pk")
    )


def _free_places(call, hosts) -> dict[int, int]:
    taken = {}
    for p in Placement.objects.filter(application__call=call).exclude(status="cancelled"):
        taken[p.host_id] = taken.get(p.host_id, 0) + 1
    return {h.pk: max(h.capacity - taken.get(h.pk, 0), 0) for h in hosts}


def _no_progress(percent: int, stage: str) -> None:
    """Default progress callback: the synchronous API call has no one to tell."""


def match_hosts(*, user, call, start: dt.date | None = None) -> list[Placement]:
    """Place every accepted, unplaced researcher of the call; all or nothing."""
    return match_hosts_report(user=user, call=call, start=start)["placements"]


def _unplaced_reasons(apps, hosts, free, message) -> list[dict]:
    rows = []
    for a in apps:
        open_hosts = [
            h
            for h in hosts
            if free[h.pk] > 0
            and not (
                a.applicant.organisation_id and a.applicant.organisation_id == h.organisation_id
            )
        ]
        reason = (
            message
            if open_hosts
            else _("no host with a free place outside the researcher's own organisation")
        )
        rows.append({"application": a.pk, "applicant": a.full_name, "reason": reason})
    return rows


@transaction.atomic
def match_hosts_report(*, user, call, start: dt.date | None = None, progress=_no_progress) -> dict:
    """Place every accepted, unplaced researcher of the call (all or nothing) and say what
    was placed, where and why; the placements themselves under ``"placements"``."""
    if not rules.has_perm("programmes.manage_programmes", user):
        raise PermissionDenied(_("Only programme officers can match researchers to hosts."))
    progress(10, _("Reading the accepted researchers and the host laboratories"))
    apps = _to_place(call)
    if not apps:
        raise ValidationError(_("There are no accepted researchers waiting for a host."))
    hosts = list(call.programme.hosts.select_related("organisation").order_by("pk"))
    if not hosts:
        raise ValidationError(_("This programme has no host laboratories."))
    free = _free_places(call, hosts)
    progress(30, _("Comparing the hosts' research areas with the applications"))
    matrix = affinity.affinity_matrix([h.research_areas for h in hosts], [a.texts() for a in apps])
    agents = [assignment.Agent(id=f"application-{a.pk}", min=1, max=1) for a in apps]
    targets = [assignment.Target(id=f"host-{h.pk}", max=free[h.pk]) for h in hosts]
    scores, forbidden = [], []
    bonus = call.preferred_host_bonus
    for j, a in enumerate(apps):
        preferred = {h.pk for h in a.preferred_hosts.all()}
        for i, h in enumerate(hosts):
            if a.applicant.organisation_id and a.applicant.organisation_id == h.organisation_id:
                forbidden.append(
                    assignment.Pair(agent=f"application-{a.pk}", target=f"host-{h.pk}")
                )
            value = float(matrix[i, j]) + (bonus if h.pk in preferred else 0.0)
            scores.append(
                assignment.Score(agent=f"application-{a.pk}", target=f"host-{h.pk}", score=value)
            )
    progress(60, _("Choosing hosts"))
    result = assignment.solve(agents=agents, targets=targets, scores=scores, forbidden=forbidden)
    if result.status != "optimal":
        names = {f"application-{a.pk}": a.full_name for a in apps}
        names.update({f"host-{h.pk}": h.name for h in hosts})
        message = readable(result.message, names, "researcher", "host")
        error = ValidationError(_("No host assignment is possible: %(why)s") % {"why": message})
        error.unassigned = _unplaced_reasons(apps, hosts, free, message)
        raise error
    progress(80, _("Saving the placements"))
    by_id_app = {f"application-{a.pk}": a for a in apps}
    by_id_host = {f"host-{h.pk}": h for h in hosts}
    start = start or (timezone.localdate() + relativedelta(months=1)).replace(day=1)
    placements = []
    for pair in result.assignments:
        a, h = by_id_app[pair.agent], by_id_host[pair.target]
        why = affinity.explain(h.research_areas, a.texts())
        why["preferred"] = h in a.preferred_hosts.all()
        placements.append(
            Placement(
                application=a,
                host=h,
                start=start,
                end=start + relativedelta(months=a.months) - dt.timedelta(days=1),
                affinity=float(matrix[hosts.index(h), apps.index(a)]),
                explanation=why,
            )
        )
    Placement.objects.bulk_create(placements)
    audit.record(
        actor=user,
        target=call,
        action=AuditAction.UPDATE,
        summary=f"{len(placements)} researchers matched to hosts",
    )
    taken = {}
    for p in placements:
        taken[p.host_id] = taken.get(p.host_id, 0) + 1
    progress(100, _("Finished"))
    return {
        "placements": placements,
        "assigned": [
            {
                "application": p.application_id,
                "applicant": p.application.full_name,
                "placement": p.pk,
                "host": p.host.name,
                "organisation": p.host.organisation.name,
                "affinity": round(p.affinity, 4),
                "host_text": p.explanation.get("host_text", ""),
                "applicant_text": p.explanation.get("applicant_text", ""),
                "preferred": bool(p.explanation.get("preferred")),
            }
            for p in placements
        ],
        "unassigned": [],
        "loads": [
            {
                "host": h.pk,
                "name": h.name,
                "load": h.capacity - free[h.pk] + taken.get(h.pk, 0),
                "max": h.capacity,
            }
            for h in hosts
        ],  # fmt: skip
        "objective": round(result.objective, 4),
    }
