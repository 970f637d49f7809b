"""The main menu: every entry, in the order shown, and who sees it.

One list, read top to bottom, instead of entries appended by each app at start-up (their order
then followed ``INSTALLED_APPS``). An app that needs a menu entry adds it here; the entry names
its URL, its label and who may see it. The account links (signed-in name, sign in/out, sign up)
stay in ``base.html`` beside the language switcher.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


def anyone(user) -> bool:
    return True


def signed_in(user) -> bool:
    return user.is_authenticated


def board_reader(user) -> bool:
    return user.has_perm("brokerage.view_board")


def dashboard_reader(user) -> bool:
    return user.has_perm("insights.view_dashboard")


def profile_reviewer(user) -> bool:
    return user.has_perm("catalogue.review_profile")


def inbox_reader(user) -> bool:
    return user.has_perm("brokerage.view_inbox")


def match_broker(user) -> bool:
    return user.has_perm("brokerage.act_on_matches")


def revision_reviewer(user) -> bool:
    return user.has_perm("catalogue.review_revision")


def importer(user) -> bool:
    return user.has_perm("catalogue.import_profiles") or user.has_perm("core.import_users")


def translation_gaps(user) -> bool:
    return user.has_perm("catalogue.list_missing_translations")


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: str | Promise
    visible: Callable[[object], bool] = anyone


MENU: tuple[Entry, ...] = (
    Entry("catalogue:offers", _("Offers")),
    Entry("catalogue:needs", _("Needs")),
    Entry("core:organisations", _("Organisations")),
    Entry("matching:search", _("Search")),
    Entry("matching:for_you", _("Matches for you"), signed_in),
    Entry("catalogue:saved_searches", _("Saved searches"), signed_in),
    Entry("brokerage:inbox", _("Inbox"), inbox_reader),
    Entry("brokerage:matches", _("Network matches"), match_broker),
    Entry("brokerage:deals", _("Deals"), signed_in),
    Entry("brokerage:board", _("Deal board"), board_reader),
    Entry("brokerage:agreements", _("Agreements"), signed_in),
    Entry("events:list", _("Events")),
    Entry("programmes:index", _("Programmes")),
    Entry("talents:directory", _("Talents")),
    Entry("campaigns:list", _("Campaigns")),
    Entry("competitions:index", _("Competitions")),
    Entry("network:index", _("Network")),
    Entry("insights:impact", _("Impact")),
    Entry("insights:dashboard", _("Dashboard"), dashboard_reader),
    Entry("catalogue:queue", _("Validation queue"), profile_reviewer),
    Entry("catalogue:revisions", _("Changes to review"), revision_reviewer),
    Entry("catalogue:translations_missing", _("Translations to add"), translation_gaps),
    Entry("ops:transfer", _("Import and export"), importer),
    Entry("pages:dashboard", _("My workspace"), signed_in),
)


def entries_for(user, path: str = "") -> list[dict]:
    """The entries ``user`` may see, as {url, label, current}; ``current`` marks the entry whose
    address is the longest prefix of ``path`` (the page being shown, or the section it is in)."""
    shown = [
        {"url": reverse(entry.url_name), "label": entry.label, "current": False}
        for entry in MENU
        if entry.visible(user)
    ]
    matching = [item for item in shown if path.startswith(item["url"])]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["current"] = True
    return shown


def menu(request) -> dict:
    """Context processor: ``MENU`` for base.html."""
    user = getattr(request, "user", None) or AnonymousUser()
    return {"MENU": entries_for(user, request.path)}
