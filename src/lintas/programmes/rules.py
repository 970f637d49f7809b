"""Who may do what in programmes (django-rules). Roles: officers (and administrators) run
everything; a reviewer is a user in the call's pool; an applicant is any signed-in user acting
on their own application; brokers and the public see only public programme and call pages.

Pages ask ``request.user.has_perm("programmes.view_application", application)``; the API
names the same permissions; the domain functions check them again with ``rules.has_perm``
before they change anything.
"""

from __future__ import annotations

import rules


@rules.predicate
def is_officer(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_officer)


@rules.predicate
def is_reviewer(user, call) -> bool:
    """In the call's reviewer pool."""
    if call is None or not getattr(user, "is_authenticated", False):
        return False
    return call.pool.filter(user=user).exists()


@rules.predicate
def is_reviewer_of_applications_call(user, application) -> bool:
    return application is not None and is_reviewer(user, application.call)


@rules.predicate
def is_applicant(user, application) -> bool:
    return bool(
        application is not None
        and getattr(user, "is_authenticated", False)
        and application.applicant_id == user.pk
    )


@rules.predicate
def is_draft(user, application) -> bool:
    return application is not None and application.status == "draft"


@rules.predicate
def reviews_without_conflict(user, application) -> bool:
    """Assigned to review it, and no conflict declared (a conflict withdraws the access even if
    a review row were left behind)."""
    if application is None or not getattr(user, "is_authenticated", False):
        return False
    return (
        application.reviews.filter(reviewer=user).exists()
        and not application.conflicts.filter(reviewer=user).exists()
    )


@rules.predicate
def is_placed_researcher(user, placement) -> bool:
    return placement is not None and placement.application.applicant_id == getattr(user, "pk", None)


@rules.predicate
def is_trained_participant(user, participant) -> bool:
    return bool(
        participant is not None
        and getattr(user, "is_authenticated", False)
        and participant.user_id == user.pk
    )


# The officers' workspace: calls (drafts too), reviewer assignment, ranking, decisions, host
# matching, placements, extensions, training attendance; every application, review, placement.
rules.add_perm("programmes.manage_programmes", is_officer)
# One application: its applicant, officers, and its reviewers without a conflict.
rules.add_perm("programmes.view_application", is_officer | is_applicant | reviews_without_conflict)
# Edit, add documents to and submit an application: its applicant, while it is a draft.
rules.add_perm("programmes.change_application", is_applicant & is_draft)
# Declare a conflict on (and so stop reviewing) an application of a call one reviews for.
rules.add_perm("programmes.declare_conflict", is_reviewer_of_applications_call)
# A placement, its reports and extension requests: the researcher and officers.
rules.add_perm("programmes.view_placement", is_officer | is_placed_researcher)
# A training certificate: its participant and officers.
rules.add_perm("programmes.view_certificate", is_officer | is_trained_participant)
# Add a report to a placement: the researcher and officers (extensions: the researcher asks,
# officers decide).
rules.add_perm("programmes.report_placement", is_officer | is_placed_researcher)
# Review applications of a call: the call's reviewer pool. Object: the Call.
rules.add_perm("programmes.review_call", is_reviewer)
