"""Who may hold API tokens and webhooks: every signed-in, active account manages its own."""

import rules


@rules.predicate
def is_owner(user, obj) -> bool:
    owner_id = getattr(obj, "user_id", None) or getattr(obj, "owner_id", None)
    return bool(user.is_authenticated and owner_id == user.pk)


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


rules.add_perm("integrations.manage_tokens", is_signed_in)
rules.add_perm("integrations.change_token", is_signed_in & is_owner)
rules.add_perm("integrations.manage_webhooks", is_signed_in)
rules.add_perm("integrations.change_webhook", is_signed_in & is_owner)
