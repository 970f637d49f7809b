"""Who may do what in programmes. Roles: officer (and admin) run everything; a reviewer
is a user in the call's pool; an applicant is any signed-in user acting on their own
application; brokers and the public see only public programme and call pages."""

from __future__ import annotations


def is_officer(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_officer)


def is_reviewer(user, call) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return call.pool.filter(user=user).exists()


def can_view_application(user, application) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if is_officer(user) or application.applicant_id == user.pk:
        return True
    # A reviewer who declared a conflict loses access even if a review row were left behind.
    return (
        application.reviews.filter(reviewer=user).exists()
        and not application.conflicts.filter(reviewer=user).exists()
    )


def can_edit_application(user, application) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and application.applicant_id == user.pk
        and application.status == "draft"
    )


def can_view_placement(user, placement) -> bool:
    return is_officer(user) or placement.application.applicant_id == getattr(user, "pk", None)
