""" "Experts for this" on an entry (#15's panel, for officers choosing judges): talents whose
own words cover the entry, best first, without people who may not judge it (its team, its
organisation)."""

from __future__ import annotations

from lintas.talents.domain import expertise
from lintas.talents.domain import queries as talent_queries

PANEL_SIZE = 5


def experts_for(*, user, entry, limit: int = PANEL_SIZE):
    talents = talent_queries.listed().select_related("user")
    member_ids = [m.talent_id for m in entry.members.all() if m.talent_id]
    talents = talents.exclude(pk__in=member_ids)
    if entry.organisation_id:
        talents = talents.exclude(organisation_id=entry.organisation_id).exclude(
            user__organisation_id=entry.organisation_id
        )
    text = "\n".join(p for p in (entry.project_name, entry.summary, str(entry.field)) if p)
    return expertise.rank(user=user, text=text, talents=talents, limit=limit)
