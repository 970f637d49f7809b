"""Who may do what with profiles, their attachments and revisions (django-rules).

Pages check these with ``user.has_perm(...)`` and the API with
:class:`lintas.api.permissions.RulePermission`, so both refuse the same things. The predicates
call :mod:`lintas.catalogue.domain.access` and the lifecycle, which remain the single source of
each rule (the domain functions check them too).
"""

from __future__ import annotations

import rules

from lintas.catalogue.domain import access


@rules.predicate
def can_view_profile(user, profile) -> bool:
    return profile is not None and access.can_view(user, profile)


@rules.predicate
def can_change_profile(user, profile) -> bool:
    from lintas.catalogue.domain.lifecycle import can_edit

    return profile is not None and can_edit(user, profile)


@rules.predicate
def can_view_attachment(user, attachment) -> bool:
    return attachment is not None and access.can_view_attachment(user, attachment)


@rules.predicate
def is_broker(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_broker)


@rules.predicate
def is_revision_author(user, revision) -> bool:
    return bool(
        revision is not None
        and getattr(user, "is_authenticated", False)
        and revision.author_id == user.pk
    )


@rules.predicate
def can_translate_profile(user, profile) -> bool:
    from lintas.catalogue.domain.translations import can_translate

    return profile is not None and can_translate(user, profile)


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def is_active_member(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


@rules.predicate
def owns_saved_search(user, search) -> bool:
    return bool(search is not None and user.is_authenticated and search.user_id == user.pk)


rules.add_perm("catalogue.view_profile", can_view_profile)
rules.add_perm("catalogue.change_profile", can_change_profile)
rules.add_perm("catalogue.view_attachment", can_view_attachment)
# The author's organisation or a broker writes translations of a profile.
rules.add_perm("catalogue.translate_profile", can_translate_profile)
# Brokers see which published profiles lack a translation for their target countries.
rules.add_perm("catalogue.list_missing_translations", is_broker)
# Brokers validate submitted profiles: the queue, publish, return to the author.
rules.add_perm("catalogue.review_profile", is_broker)
# Brokers review every edit of a published profile; authors follow their own.
rules.add_perm("catalogue.review_revision", is_broker)
rules.add_perm("catalogue.view_revision", is_broker | is_revision_author)
rules.add_perm("catalogue.list_revisions", is_signed_in)
# Brokers bring offers and needs in from files (CSV, XLSX, JSON) and take every profile out with
# every field; everyone else exports the published profiles without confidential fields.
rules.add_perm("catalogue.import_profiles", is_broker)
rules.add_perm("catalogue.export_all_profiles", is_broker)
# Members save searches (alerts by e-mail and in the bell) and star profiles they can see;
# a saved search is its owner's alone (reading, changing, deleting).
rules.add_perm("catalogue.save_search", is_active_member)
rules.add_perm("catalogue.change_saved_search", is_active_member & owns_saved_search)
rules.add_perm("catalogue.star_profile", is_active_member & can_view_profile)


@rules.predicate
def is_import_owner(user, job) -> bool:
    return bool(
        job is not None and getattr(user, "is_authenticated", False) and job.user_id == user.pk
    )


# An import's report and its commit belong to the person who uploaded the file.
rules.add_perm("catalogue.view_import_job", is_import_owner)
