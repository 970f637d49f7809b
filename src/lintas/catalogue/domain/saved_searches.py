"""Saved searches, their alerts, and starred profiles.

A member saves the words and filters of the offer or need list; the daily or weekly alert
(``lintas.catalogue.send_search_alerts``, on the beat schedule) runs each saved search over
the profiles published since the last run, with the list's own filter
(:class:`lintas.catalogue.filters.ProfileFilter`, words through the cross-lingual engine), and
tells the member in the bell and by e-mail, in their language, with public fields only (the
reader's translation of the title and summary, organisation, country, TRL, sectors, link).
Every alert carries a signed unsubscribe link that works without signing in
(:func:`unsubscribe_token`; ``django.core.signing`` with this module's salt).
"""

from __future__ import annotations

import rules
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lintas.catalogue.enums import ProfileKind
from lintas.catalogue.models import AlertFrequency, Profile, SavedSearch, Star
from lintas.core import mail, readable
from lintas.core.domain.notifications import notify

# What a saved search keeps: the list's filter fields, nothing else (no sort, no page).
SEARCH_PARAMS = ("q", "sector", "country", "trl_min", "trl_max", "ipr", "mode", "language")
MAX_SEARCHES = 50  # per member: alerts stay a reading list, not a crawler
ALERT_PROFILES = 20  # profiles named in one alert; the link shows the rest
UNSUBSCRIBE_SALT = "lintas.catalogue.saved-search.unsubscribe"


def _filter(params: dict, queryset):
    from lintas.catalogue.filters import ProfileFilter

    return ProfileFilter(params, queryset=queryset)


def clean_params(params) -> dict:
    """The filter fields of ``params`` (a dict or a QueryDict), checked by the list's filter
    form; raises ValidationError naming the field, like the list page's 400."""
    raw = {key: str(params.get(key) or "").strip() for key in SEARCH_PARAMS}
    raw = {key: value for key, value in raw.items() if value}
    filterset = _filter(raw, Profile.objects.none())
    if not filterset.form.is_valid():
        raise ValidationError(
            {field: [str(e) for e in errors] for field, errors in filterset.form.errors.items()}
        )
    return raw


def describe(params: dict) -> list[str]:
    """The words and filters as the reader reads them ("Country: Indonesia", "TRL from 4")."""
    from lintas.core.models import Sector

    out = []
    if params.get("q"):
        out.append(_("Words: %(words)s") % {"words": params["q"]})
    if params.get("sector"):
        sector = Sector.objects.filter(slug=params["sector"]).first()
        out.append(_("Sector: %(name)s") % {"name": sector.name if sector else params["sector"]})
    if params.get("country"):
        out.append(_("Country: %(name)s") % {"name": readable.country(params["country"])})
    if params.get("trl_min"):
        out.append(_("From %(trl)s") % {"trl": readable.trl(params["trl_min"])})
    if params.get("trl_max"):
        out.append(_("Up to %(trl)s") % {"trl": readable.trl(params["trl_max"])})
    if params.get("ipr"):
        out.append(_("IPR status: %(name)s") % {"name": readable.ipr(params["ipr"])})
    if params.get("mode"):
        out.append(_("Cooperation mode: %(name)s") % {"name": readable.modes([params["mode"]])})
    if params.get("language"):
        out.append(_("Language: %(name)s") % {"name": readable.language_name(params["language"])})
    return out


def default_name(kind: str, params: dict) -> str:
    kind_label = _("Offers") if kind == ProfileKind.OFFER else _("Needs")
    parts = describe(params)
    return Truncator(" · ".join([str(kind_label), *parts])).chars(120)


def searches_for(user):
    if not user.is_authenticated:
        return SavedSearch.objects.none()
    return SavedSearch.objects.filter(user=user)


@transaction.atomic
def save_search(
    *, user, kind: str, params, name: str = "", frequency: str = AlertFrequency.WEEKLY
) -> SavedSearch:
    """Keep the words and filters of a list for ``user``; new results are reported from now."""
    if not rules.has_perm("catalogue.save_search", user):
        raise PermissionDenied(_("Sign in to save a search."))
    if kind not in ProfileKind.values:
        raise ValidationError({"kind": [_("Choose offers or needs.")]})
    if frequency not in AlertFrequency.values:
        raise ValidationError({"frequency": [_("Choose how often to hear about new results.")]})
    cleaned = clean_params(params)
    if searches_for(user).count() >= MAX_SEARCHES:
        raise ValidationError(
            _("You have %(n)d saved searches; delete one before saving another.")
            % {"n": MAX_SEARCHES}
        )
    name = " ".join((name or "").split())[:120] or default_name(kind, cleaned)
    return SavedSearch.objects.create(
        user=user,
        kind=kind,
        params=cleaned,
        name=name,
        frequency=frequency,
        checked_until=timezone.now(),
    )


def update_search(*, user, search: SavedSearch, name=None, frequency=None) -> SavedSearch:
    if not rules.has_perm("catalogue.change_saved_search", user, search):
        raise PermissionDenied(_("This is not your saved search."))
    if frequency is not None and frequency not in AlertFrequency.values:
        raise ValidationError({"frequency": [_("Choose how often to hear about new results.")]})
    fields = []
    if name is not None:
        name = " ".join(name.split())[:120]
        if not name:
            raise ValidationError({"name": [_("Give the search a name.")]})
        search.name = name
        fields.append("name")
    if frequency is not None:
        search.frequency = frequency
        fields.append("frequency")
    if fields:
        search.save(update_fields=fields)
    return search


def delete_search(*, user, search: SavedSearch) -> None:
    if not rules.has_perm("catalogue.change_saved_search", user, search):
        raise PermissionDenied(_("This is not your saved search."))
    search.delete()


# --- results and alerts ---------------------------------------------------------------------


def new_results(search: SavedSearch, *, until=None) -> list[Profile]:
    """Published profiles matching the search, published after ``checked_until`` and up to
    ``until``, best first (the list's order: relevance with words, else newest)."""
    from lintas.catalogue.domain import queries

    base = queries.for_list().filter(kind=search.kind, published_at__gt=search.checked_until)
    if until is not None:
        base = base.filter(published_at__lte=until)
    filterset = _filter(search.params, base)
    if not filterset.is_valid():  # a sector deleted since, say: report nothing, keep the search
        return []
    return list(filterset.qs)


def unsubscribe_token(search: SavedSearch) -> str:
    return signing.dumps({"s": search.pk, "u": search.user_id}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(search: SavedSearch) -> str:
    return mail.site_link(
        reverse("catalogue:unsubscribe", kwargs={"token": unsubscribe_token(search)})
    )


def search_for_token(token: str) -> SavedSearch | None:
    """The saved search a signed unsubscribe link names, or None (tampered, deleted)."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return SavedSearch.objects.filter(pk=data.get("s"), user_id=data.get("u")).first()


def unsubscribe(*, token: str) -> SavedSearch:
    """Stop the e-mails of the saved search a signed link names (no sign-in: the signature is
    the proof). The search stays saved and still shows its results in the bell's page."""
    search = search_for_token(token)
    if search is None:
        raise ValidationError(_("This link is not valid any more."))
    if search.frequency != AlertFrequency.OFF:
        search.frequency = AlertFrequency.OFF
        search.save(update_fields=["frequency"])
    return search


def _profile_lines(profile: Profile) -> str:
    """One result in an alert: public fields only, in the active (recipient's) language."""
    from lintas.catalogue.domain.translations import display_text

    text = display_text(profile)
    facts = [
        profile.organisation.name,
        readable.country(profile.organisation.country),
    ]
    if profile.trl:
        facts.append(readable.trl(profile.trl))
    sectors = readable.sector_list(profile.sectors.all())
    if sectors:
        facts.append(readable.join(sectors))
    return "\n".join(
        [
            f"• {text.title}",
            f"  {' · '.join(facts)}",
            f"  {Truncator(text.summary).chars(200)}",
            f"  {mail.site_link(profile.get_absolute_url())}",
        ]
    )


def _compose(search: SavedSearch, found: list[Profile]):
    def compose(user):
        n = len(found)
        subject = ngettext(
            "%(n)d new result for your saved search “%(name)s”",
            "%(n)d new results for your saved search “%(name)s”",
            n,
        ) % {"n": n, "name": search.name}
        shown = found[:ALERT_PROFILES]
        lines = [subject + ":", ""]
        lines += [_profile_lines(p) for p in shown]
        if n > len(shown):
            lines.append(_("…and %(n)d more.") % {"n": n - len(shown)})
        lines += [
            "",
            _("All results: %(url)s") % {"url": mail.site_link(search.get_results_url())},
            _("Your saved searches: %(url)s")
            % {"url": mail.site_link(reverse("catalogue:saved_searches"))},
            _("Stop these e-mails (no sign-in needed): %(url)s") % {"url": unsubscribe_url(search)},
        ]
        return subject, "\n".join(lines)

    return compose


def send_alert(search: SavedSearch, *, now=None, email: bool = True) -> int:
    """Report the new results of one saved search (bell and, unless off, e-mail); returns how
    many profiles it named. Moves ``checked_until`` on either way, so nothing is told twice."""
    now = now or timezone.now()
    found = new_results(search, until=now)
    user = search.user
    if found and user.is_active:
        compose = _compose(search, found)
        notify(
            users=[user], compose=compose, target=search, url=search.get_results_url(), email=False
        )
        if email and search.frequency != AlertFrequency.OFF and user.email:
            with translation.override(user.language or settings.LANGUAGE_CODE):
                subject, body = compose(user)
                mail.send(subject=subject, body=body, to=[user.email])
        search.last_alert_at = now
    search.checked_until = now
    search.save(update_fields=["checked_until", "last_alert_at"])
    return len(found) if user.is_active else 0


def send_alerts(*, frequency: str, now=None) -> dict:
    """Run every saved search of this frequency (the beat's daily and weekly runs)."""
    now = now or timezone.now()
    searches = SavedSearch.objects.filter(frequency=frequency, checked_until__lt=now)
    run = told = profiles = 0
    for search in searches.select_related("user").order_by("pk").iterator(chunk_size=200):
        n = send_alert(search, now=now)
        run += 1
        told += bool(n)
        profiles += n
    return {"searches": run, "alerted": told, "profiles": profiles}


# --- stars ----------------------------------------------------------------------------------


def star(*, user, profile: Profile) -> Star:
    if not rules.has_perm("catalogue.star_profile", user, profile):
        raise PermissionDenied(_("Sign in to star profiles you can see."))
    try:
        with transaction.atomic():
            return Star.objects.get_or_create(user=user, profile=profile)[0]
    except IntegrityError:  # a double click raced the first one
        return Star.objects.get(user=user, profile=profile)


def unstar(*, user, profile: Profile) -> bool:
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to star profiles you can see."))
    deleted, _rows = Star.objects.filter(user=user, profile=profile).delete()
    return bool(deleted)


def starred(user):
    """The profiles ``user`` starred that they may still see, latest star first."""
    from lintas.catalogue.domain import queries

    if not user.is_authenticated:
        return Profile.objects.none()
    visible = queries.visible_to(user)
    return (
        visible.filter(stars__user=user)
        .select_related("organisation")
        .prefetch_related("sectors", "translations")
        .order_by("-stars__created_at", "-id")
    )


def is_starred(user, profile: Profile) -> bool:
    return bool(user.is_authenticated and Star.objects.filter(user=user, profile=profile).exists())
