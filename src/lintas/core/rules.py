"""Who may do what with organisations and their members (django-rules).

The first rules module of the project, and the pattern for the others: predicates are small,
named after the person they describe, and combined into permissions named ``app.verb_noun``.
Pages ask ``request.user.has_perm("core.manage_members", organisation)``; the API names the
same permission in ``permission_rules`` (see :mod:`lintas.api.permissions`); domain functions
check it again before they change anything, so no front end can skip it.

Membership itself is ``User.organisation``: it is set only by an approved request, so a person
whose request is pending has no organisation and none of the rights that come with one.
"""

from __future__ import annotations

import rules


@rules.predicate
def is_broker(user) -> bool:
    """Brokers and administrators (``User.is_broker`` covers the admin role)."""
    return bool(user.is_authenticated and user.is_active and user.is_broker)


@rules.predicate
def is_administrator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_administrator)


@rules.predicate
def is_organisation_admin(user, organisation) -> bool:
    """An admin of this very organisation (an admin of another one is not)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_organisation_admin
        and organisation is not None
        and user.organisation_id is not None
        and user.organisation_id == organisation.pk
    )


@rules.predicate
def is_admin_of_request_organisation(user, membership_request) -> bool:
    return membership_request is not None and is_organisation_admin(
        user, membership_request.organisation
    )


@rules.predicate
def is_admin_of_members_organisation(user, member) -> bool:
    return member is not None and is_organisation_admin(user, member.organisation)


@rules.predicate
def is_proposal(user, membership_request) -> bool:
    return membership_request is not None and membership_request.is_proposal


@rules.predicate
def is_own_request(user, membership_request) -> bool:
    return (
        membership_request is not None
        and user.is_authenticated
        and membership_request.user_id == user.pk
    )


@rules.predicate
def has_no_organisation(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.organisation_id is None)


can_manage_members = is_organisation_admin | is_broker | is_administrator

# Organisation admins, brokers and administrators; object: the Organisation.
rules.add_perm("core.manage_members", can_manage_members)
# Approve or refuse a request to join an existing organisation; object: the MembershipRequest.
# A proposed organisation is decided only by brokers (core.validate_organisation).
rules.add_perm(
    "core.decide_membership",
    (~is_proposal & (is_admin_of_request_organisation | is_broker | is_administrator))
    | (is_proposal & (is_broker | is_administrator)),
)
# Remove a member or hand them the admin role; object: the member (a User).
rules.add_perm(
    "core.manage_member",
    is_admin_of_members_organisation | is_broker | is_administrator,
)
# Validate (create) or refuse a proposed organisation; the broker queue of every request.
rules.add_perm("core.validate_organisation", is_broker | is_administrator)
rules.add_perm("core.view_membership_queue", is_broker | is_administrator)
# Editing an organisation's details (name, type, size, country, website, description): its own
# organisation admins, brokers and administrators; object: the Organisation. Its network
# membership (member type and date) is the network's record: brokers and administrators only.
rules.add_perm("core.change_organisation", can_manage_members)
rules.add_perm("core.change_organisation_membership", is_broker | is_administrator)
# Deleting an organisation (page and admin); the domain also refuses while records name it.
rules.add_perm("core.remove_organisation", is_administrator)
# A person's own requests: ask to join or propose while belonging nowhere, cancel while pending.
rules.add_perm("core.request_membership", has_no_organisation)
rules.add_perm("core.cancel_membership_request", is_own_request)
# Brokers and administrators import organisations and people from files; people imported by a
# broker become members of the organisation their row names (the import is the broker's
# decision, recorded as an approved membership request). Exports of people are for them too.
rules.add_perm("core.import_organisations", is_broker | is_administrator)
rules.add_perm("core.import_users", is_broker | is_administrator)
rules.add_perm("core.export_users", is_broker | is_administrator)
# Only administrators appoint brokers and programme officers, by import as in the admin.
rules.add_perm("core.appoint_staff", is_administrator)
