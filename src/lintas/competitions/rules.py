"""Who may do what in competitions (django-rules). Programme officers (and administrators) run
competitions: stages, eligibility, judges, assignment, advancement, the final, awards and
camps. A judge is the user of a talent in a stage's judge pool; they see and score the entries
assigned to them, unless they declared a conflict. Entrants see their own entries. Everyone
sees published competitions and, once published, the results.

Pages ask ``request.user.has_perm("competitions.score_assignment", assignment)``; the API names
the same permissions; the domain functions check them again with ``rules.has_perm``.
"""

from __future__ import annotations

import rules

from lintas.competitions.enums import CompetitionStatus, StageStatus


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


@rules.predicate
def is_officer(user) -> bool:
    return _signed_in(user) and user.is_officer


@rules.predicate
def is_entrant(user, entry) -> bool:
    return entry is not None and _signed_in(user) and entry.submitted_by_id == user.pk


@rules.predicate
def judges_entry(user, entry) -> bool:
    """Assigned to judge it in some stage and no conflict declared."""
    if entry is None or not _signed_in(user):
        return False
    return (
        entry.assignments.filter(judge__talent__user=user).exists()
        and not entry.conflicts.filter(talent__user=user).exists()
    )


@rules.predicate
def is_assigned_judge(user, assignment) -> bool:
    return bool(
        assignment is not None
        and _signed_in(user)
        and assignment.judge.talent.user_id == user.pk
        and not assignment.entry.conflicts.filter(talent__user=user).exists()
    )


@rules.predicate
def stage_is_judging(user, assignment) -> bool:
    return assignment is not None and assignment.stage.status == StageStatus.JUDGING


@rules.predicate
def is_stage_judge(user, stage) -> bool:
    return (
        stage is not None and _signed_in(user) and stage.judges.filter(talent__user=user).exists()
    )


@rules.predicate
def is_public(user, competition) -> bool:
    return competition is not None and competition.status != CompetitionStatus.DRAFT


@rules.predicate
def results_out(user, competition) -> bool:
    return competition is not None and competition.results_published


@rules.predicate
def open_for_entries(user, competition) -> bool:
    return (
        competition is not None
        and _signed_in(user)
        and competition.status == CompetitionStatus.OPEN
    )


@rules.predicate
def entry_editable(user, entry) -> bool:
    from lintas.competitions.domain.entries import editable

    return entry is not None and editable(entry)


@rules.predicate
def entry_withdrawable(user, entry) -> bool:
    from lintas.competitions.enums import EntryStatus

    return (
        entry is not None
        and entry.status != EntryStatus.WITHDRAWN
        and entry.competition.status != CompetitionStatus.CLOSED
    )


# The officers' workspace: every competition (drafts too), entries, eligibility, judge pools,
# assignment, rankings, advancement, the final's schedule, awards, camps and the figures.
rules.add_perm("competitions.manage_competitions", is_officer)
# A competition's public page (object: the Competition).
rules.add_perm("competitions.view_competition", is_public | is_officer)
# Enter a project while the competition is open for entries (object: the Competition).
rules.add_perm("competitions.enter_competition", open_for_entries)
# One entry with its files: its entrant, officers, and its judges without a conflict.
rules.add_perm("competitions.view_entry", is_officer | is_entrant | judges_entry)
# Change one's entry until the end of its current stage (object: the Entry).
rules.add_perm("competitions.edit_entry", is_entrant & entry_editable)
# Withdraw one's entry, with a reason, until the competition closes (object: the Entry).
rules.add_perm("competitions.withdraw_entry", is_entrant & entry_withdrawable)
# Declare a conflict with an entry one is assigned to judge (object: the Entry).
rules.add_perm("competitions.declare_conflict", judges_entry)
# Score an assigned entry while its stage is being judged (object: the Assignment).
rules.add_perm("competitions.score_assignment", is_assigned_judge & stage_is_judging)
# A stage's judging page (the judge's list of entries; object: the Stage).
rules.add_perm("competitions.judge_stage", is_stage_judge | is_officer)
# The results (awards, finalists); object: the Competition.
rules.add_perm("competitions.view_results", results_out | is_officer)
