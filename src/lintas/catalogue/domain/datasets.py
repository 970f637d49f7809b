"""The datasets that can be imported and exported, in the order the page shows them.

Each dataset's rules live with its data (:mod:`lintas.catalogue.domain.transfer` for offers and
needs, :mod:`lintas.core.domain.transfer_core` for organisations and people); the engine is
:mod:`lintas.core.domain.transfer`. This module lists them and says what each export gives
whom. It sits in the catalogue, the lowest floor that sees every dataset, because its users are
side by side on the top floor (the page and the commands in ``ops``, the API in ``api``) and may
not import each other. A dataset of a higher app would be listed by a module on its floor.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from lintas.catalogue.domain import transfer as profiles
from lintas.core.domain import transfer, transfer_core

DATASETS: dict[str, transfer.Dataset] = {
    "profiles": profiles.PROFILES,
    "organisations": transfer_core.ORGANISATIONS,
    "users": transfer_core.USERS,
}


def can_export(user, name: str) -> bool:
    """Offers and needs (published ones, without confidential fields) and organisations are
    public; the list of people is for brokers and administrators."""
    if name == "users":
        return user is None or user.has_perm("core.export_users")
    return name in DATASETS


def export(*, user, name: str, fmt: str, kind: str | None = None) -> bytes:
    """The file of dataset ``name`` that ``user`` may take out (``None``: the command line,
    which runs with the operator's full access)."""
    if not can_export(user, name):
        raise PermissionDenied(_("Only brokers export the list of people."))
    if name == "profiles":
        return profiles.export(user=user, fmt=fmt, kind=kind, everything=user is None)
    if name == "organisations":
        return transfer_core.export_organisations(fmt=fmt)
    return transfer_core.export_users(fmt=fmt)


def filename(name: str, fmt: str, *, template: bool = False) -> str:
    return f"lintas-{name}{'-template' if template else ''}.{fmt}"
