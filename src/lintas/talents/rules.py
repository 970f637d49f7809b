"""Who may do what with talent profiles (django-rules); the visibility layers themselves are
:mod:`lintas.talents.domain.access`, which these predicates call."""

from __future__ import annotations

import rules

from lintas.talents.domain import access


@rules.predicate
def is_own_talent(user, talent) -> bool:
    return access.is_own(user, talent)


@rules.predicate
def may_view_talent(user, talent) -> bool:
    return talent is not None and access.can_view(user, talent)


@rules.predicate
def may_see_contacts(user, talent) -> bool:
    return talent is not None and access.can_see_contacts(user, talent)


@rules.predicate
def has_no_talent_profile(user) -> bool:
    from lintas.talents.models import Talent

    return bool(user.is_authenticated and not Talent.objects.filter(user=user).exists())


@rules.predicate
def is_active_user(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


rules.add_perm("talents.view_talent", may_view_talent)
rules.add_perm("talents.create_talent", is_active_user & has_no_talent_profile)
rules.add_perm("talents.change_talent", is_own_talent)
rules.add_perm("talents.see_talent_contacts", may_see_contacts)
# Searching the directory is open to everyone; what each person sees of a talent is still
# decided per text by access.view_for.
rules.add_perm("talents.search_talents", rules.always_allow)


@rules.predicate
def is_programme_officer(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_officer)


rules.add_perm("talents.add_reviewer", is_programme_officer)


@rules.predicate
def is_consultation_party(user, consultation) -> bool:
    return bool(
        user.is_authenticated
        and consultation is not None
        and (consultation.requester_id == user.pk or consultation.talent.user_id == user.pk)
    )


@rules.predicate
def is_broker(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_broker)


@rules.predicate
def may_ask(user, talent) -> bool:
    return bool(
        talent is not None
        and talent.listed
        and access.is_member(user)
        and not access.is_own(user, talent)
    )


rules.add_perm("talents.request_consultation", may_ask)
rules.add_perm("talents.view_consultation", is_consultation_party | is_broker)


# Forum calls for abstracts (talents.domain.abstracts). Organisers are the events' organisers:
# brokers and administrators.
@rules.predicate
def is_abstract_author(user, abstract) -> bool:
    return bool(abstract is not None and user.is_authenticated and abstract.author_id == user.pk)


@rules.predicate
def is_abstract_reviewer(user, abstract) -> bool:
    return bool(
        abstract is not None
        and user.is_authenticated
        and abstract.reviews.filter(reviewer__user=user).exists()
    )


@rules.predicate
def is_review_owner(user, review) -> bool:
    return bool(review is not None and user.is_authenticated and review.reviewer.user_id == user.pk)


rules.add_perm("talents.manage_abstract_calls", is_broker)
rules.add_perm("talents.submit_abstract", is_active_user)
rules.add_perm("talents.view_abstract", is_abstract_author | is_abstract_reviewer | is_broker)
rules.add_perm("talents.review_abstract", is_review_owner)
