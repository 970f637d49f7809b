"""Who sees what of a talent: the one visibility rule that pages, the API and search call.

Three layers, from the outside in:

* public: name, country, languages, fields, keywords, roles, and every field the talent did
  not mark as members-only;
* members: signed-in people with a verified organisation (and brokers, officers), who also see
  the fields marked members-only;
* contacts (e-mail, phone): only the talent, brokers, and people whose consultation the talent
  accepted. Everyone else reaches a talent through the platform.
"""

from __future__ import annotations

from dataclasses import dataclass

from lintas.talents.enums import MemberField


def is_own(user, talent) -> bool:
    return bool(user.is_authenticated and talent is not None and talent.user_id == user.pk)


def is_member(user) -> bool:
    """A signed-in, active person whose organisation membership was approved (or staff)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.organisation_id or user.is_broker or user.is_officer)
    )


def can_view(user, talent) -> bool:
    if talent.listed:
        return True
    return bool(is_own(user, talent) or (user.is_authenticated and user.is_broker))


def contact_granted(user, talent) -> bool:
    """True when ``talent`` accepted a consultation that ``user`` asked for."""
    if not user.is_authenticated:
        return False
    consultations = getattr(talent, "consultations", None)
    if consultations is None:  # before consultations exist
        return False
    return consultations.filter(requester=user, status="accepted").exists()


def can_see_contacts(user, talent) -> bool:
    if not user.is_authenticated:
        return False
    return bool(is_own(user, talent) or user.is_broker or contact_granted(user, talent))


@dataclass(frozen=True)
class View:
    """What one person may see of one talent; templates and serializers read it."""

    member_fields: bool
    contacts: bool
    hidden: frozenset

    def shows(self, field: str) -> bool:
        return field not in self.hidden


def view_for(user, talent) -> View:
    member = is_member(user) or is_own(user, talent)
    hidden = frozenset() if member else frozenset(talent.members_only or [])
    return View(member_fields=member, contacts=can_see_contacts(user, talent), hidden=hidden)


def visible_texts(user, talent) -> list[tuple[str, str]]:
    """(kind, text) of the talent's bio and publications that ``user`` may read.

    The expertise search ranks and explains with these only, so a members-only publication
    never shapes a visitor's results nor appears in an explanation."""
    view = view_for(user, talent)
    out = []
    if talent.bio and view.shows(MemberField.BIO):
        out.append(("bio", talent.bio))
    if view.shows(MemberField.PUBLICATIONS):
        out.extend(("publication", p.text()) for p in talent.publications.all())
    return out
