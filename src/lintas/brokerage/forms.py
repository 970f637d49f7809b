from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lintas.brokerage.enums import CURRENCIES, AgreementType, DeclineCode, Stage
from lintas.brokerage.models import Agreement, Deal
from lintas.brokerage.models.deal import MESSAGE_MAX
from lintas.catalogue.enums import ContentLanguage
from lintas.catalogue.forms import country_choices
from lintas.catalogue.models import Profile
from lintas.core.enums import Role
from lintas.core.models import Organisation, Sector, User


class InterestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the owner"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say who you are and what you would like to do together. Your contact "
                    "details are shared only if the owner accepts."),
    )  # fmt: skip
    counterpart = forms.ModelChoiceField(
        label=_("Your related profile"), queryset=Profile.objects.none(), required=False
    )

    def __init__(self, *args, user=None, profile=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and profile is not None and user.organisation_id:
            self.fields["counterpart"].queryset = Profile.objects.filter(
                organisation_id=user.organisation_id
            ).exclude(kind=profile.kind)


class MessageForm(forms.Form):
    # No max_length here: the domain refuses long messages with its own clear message.
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}))
    attachment = forms.FileField(
        label=_("Attachment (PDF or image)"), required=False, allow_empty_file=False
    )


class DealForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    note = forms.CharField(
        label=_("Add a note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Notes are kept with your name and the date; earlier ones stay below."),
    )
    broker = forms.ModelChoiceField(
        label=_("Broker"),
        queryset=User.objects.filter(role__in=(Role.BROKER, Role.ADMIN), is_active=True),
        required=False,
    )
    event = forms.CharField(
        label=_("Event"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"list": "event-choices", "autocomplete": "off"}),
        help_text=_("Type or pick the event's title; leave empty for none."),
    )

    def __init__(self, *args, broker_fields=True, stages=None, **kwargs):
        super().__init__(*args, **kwargs)
        if stages is not None:  # only what this person may choose (deals.stage_choices)
            labels = dict(Stage.choices)
            self.fields["stage"].choices = [(s, labels[s]) for s in stages]
        if not broker_fields:
            for name in ("note", "broker", "event"):
                del self.fields[name]

    def event_titles(self) -> list[str]:
        return list(_events().order_by("-starts_on").values_list("title", flat=True)[:200])

    def clean_event(self) -> int | None:
        """The event's number from its title (None when empty)."""
        value = " ".join(self.cleaned_data["event"].split())
        if not value:
            return None
        found = _events().filter(title__iexact=value).values_list("pk", flat=True).first()
        if found is None:
            raise forms.ValidationError(_("No event is called “%(name)s”.") % {"name": value})
        return found


class BoardFilter(forms.Form):
    """Filters of the deal board and the deals list, typed or picked by name (each field has a
    list to search in): a country's name, a sector's name, an event's title, a broker's name.
    A name that matches nothing is an error shown beside the field, never a silently
    unfiltered board."""

    country = forms.CharField(label=_("Country"), required=False, max_length=100)
    sector = forms.CharField(label=_("Sector"), required=False, max_length=100)
    event = forms.CharField(label=_("Event"), required=False, max_length=200)
    broker = forms.CharField(label=_("Broker"), required=False, max_length=150)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].widget.attrs.update(
                {"list": f"{name}-choices", "autocomplete": "off", "type": "search"}
            )

    # What the pickers offer (the same names the fields accept).
    def country_names(self) -> list[str]:
        return [name for _code, name in country_choices()]

    def sector_names(self) -> list[str]:
        return [sector.name for sector in Sector.objects.all()]

    def event_titles(self) -> list[str]:
        return list(_events().order_by("-starts_on").values_list("title", flat=True)[:200])

    def broker_names(self) -> list[str]:
        return [_person_name(u) for u in _brokers()]

    def clean_country(self) -> str:
        value = " ".join(self.cleaned_data["country"].split())
        if not value:
            return ""
        for code, name in country_choices():
            if value.casefold() in (code.casefold(), str(name).casefold()):
                return code
        raise forms.ValidationError(_("No country is called “%(name)s”.") % {"name": value})

    def clean_sector(self):
        value = " ".join(self.cleaned_data["sector"].split())
        if not value:
            return None
        for sector in Sector.objects.all():
            names = {sector.slug, sector.name, *sector.names.values()}
            if value.casefold() in {str(n).casefold() for n in names}:
                return sector
        raise forms.ValidationError(_("No sector is called “%(name)s”.") % {"name": value})

    def clean_event(self):
        value = " ".join(self.cleaned_data["event"].split())
        if not value:
            return None
        found = list(_events().filter(title__iexact=value)[:2])
        if not found:
            raise forms.ValidationError(_("No event is called “%(name)s”.") % {"name": value})
        return found[0]

    def clean_broker(self):
        value = " ".join(self.cleaned_data["broker"].split())
        if not value:
            return None
        for user in _brokers():
            if value.casefold() in {user.username.casefold(), _person_name(user).casefold(),
                                    user.get_full_name().casefold()}:  # fmt: skip
                return user
        raise forms.ValidationError(_("No broker is called “%(name)s”.") % {"name": value})

    def filters(self) -> dict:
        """Keyword arguments of :func:`lintas.brokerage.domain.queries.board` ({} unbound)."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "country": data.get("country") or None,
            "sector": data["sector"].slug if data.get("sector") else None,
            "event": data["event"].pk if data.get("event") else None,
            "broker": data["broker"].pk if data.get("broker") else None,
        }


def _events():
    # Through the foreign key's model: brokerage must not import the events app.
    return Deal._meta.get_field("event").related_model.objects.all()


def _brokers():
    return User.objects.filter(role__in=(Role.BROKER, Role.ADMIN), is_active=True).order_by(
        "first_name", "last_name", "username"
    )


def _person_name(user) -> str:
    full = user.get_full_name()
    return f"{full} ({user.username})" if full else user.username


class PickerWidget(forms.MultiWidget):
    """Several search boxes sharing one list of names (``<datalist id="<list>">``): the deal
    board's picker for a field that takes more than one value. Type a few letters, pick a
    name; no 180-line multi-select to scroll on a phone."""

    def __init__(self, boxes: int, datalist: str, attrs=None):
        box = {"list": datalist, "autocomplete": "off", "type": "search"}
        super().__init__([forms.TextInput(attrs=dict(box)) for _ in range(boxes)], attrs)

    def decompress(self, value):
        return list(value or [])


class PickListField(forms.MultiValueField):
    """The names typed or picked in a :class:`PickerWidget`, blanks dropped (the form turns
    them into objects and says which name matches nothing)."""

    def __init__(self, *, boxes: int, datalist: str, **kwargs):
        fields = [forms.CharField(required=False, max_length=300) for _ in range(boxes)]
        kwargs.setdefault("require_all_fields", False)
        super().__init__(fields=fields, widget=PickerWidget(boxes, datalist), **kwargs)

    def compress(self, data_list):
        return [" ".join(v.split()) for v in data_list or [] if v and v.strip()]


PICKER_SIZE = 300  # names offered per list; anything else can still be typed


def organisation_label(org) -> str:
    country = org.country.name if org.country else ""
    return f"{org.name} ({country})" if country else org.name


def profile_label(profile) -> str:
    return f"{profile.ref} — {profile.title}"


class AgreementForm(forms.ModelForm):
    """Parties and linked offers and needs are picked by name or reference from searchable
    lists (as on the deal board), the event by its title."""

    parties = PickListField(
        label=_("Parties"),
        boxes=4,
        datalist="organisation-choices",
        help_text=_("Type part of an organisation's name and pick it from the list; at least two."),
    )
    profiles = PickListField(
        label=_("Offers and needs"),
        boxes=4,
        datalist="profile-choices",
        required=False,
        help_text=_("Type a reference (e.g. OF-CN-00012) or part of a title and pick it."),
    )
    event = forms.CharField(
        label=_("Event"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"list": "event-choices", "autocomplete": "off", "type": "search"}
        ),
        help_text=_("Type or pick the event's title; leave empty for none."),
    )
    currency = forms.ChoiceField(
        label=_("Currency"),
        choices=[("", "—")] + [(c, c) for c in CURRENCIES],
        required=False,
    )

    class Meta:
        model = Agreement
        fields = (
            "title", "type", "parties", "signed_on", "value", "currency", "profiles",
            "document", "notes",
        )  # fmt: skip
        widgets = {"signed_on": forms.DateInput(attrs={"type": "date"})}

    field_order = (
        "title", "type", "parties", "signed_on", "value", "currency", "profiles", "event",
        "document", "notes",
    )  # fmt: skip

    def __init__(self, *args, deal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.deal = deal
        self.fields["type"].choices = AgreementType.choices
        if deal is not None and not self.is_bound:
            orgs = [o for o in (deal.requester_org, deal.owner_org) if o is not None]
            self.initial.update(
                parties=[organisation_label(o) for o in orgs],
                profiles=[profile_label(p) for p in (deal.profile, deal.counterpart_profile) if p],
                title=deal.profile.title[:200],
                event=deal.event.title if deal.event_id else "",
            )

    # What the pickers offer (the same labels the fields accept).
    def organisation_labels(self) -> list[str]:
        return [organisation_label(o) for o in Organisation.objects.order_by("name")[:PICKER_SIZE]]

    def profile_labels(self) -> list[str]:
        """The deal's parties' profiles first, then the latest published ones."""
        out, seen = [], set()
        if self.deal is not None:
            mine = Profile.objects.filter(
                organisation_id__in=[self.deal.requester_org_id, self.deal.owner_org_id]
            ).order_by("ref")
            for profile in mine[:PICKER_SIZE]:
                out.append(profile_label(profile))
                seen.add(profile.pk)
        latest = Profile.objects.filter(published_at__isnull=False).order_by("-published_at")
        for profile in latest.exclude(pk__in=seen)[: max(PICKER_SIZE - len(out), 0)]:
            out.append(profile_label(profile))
        return out

    def event_titles(self) -> list[str]:
        return list(_events().order_by("-starts_on").values_list("title", flat=True)[:200])

    def clean_parties(self) -> list:
        found, unknown = [], []
        for name in self.cleaned_data["parties"]:
            org = _organisation_named(name)
            if org is None:
                unknown.append(name)
            elif org not in found:
                found.append(org)
        if unknown:
            raise forms.ValidationError(
                _("No organisation is called “%(name)s”.") % {"name": "”, “".join(unknown)}
            )
        return found

    def clean_profiles(self) -> list:
        found, unknown = [], []
        for name in self.cleaned_data["profiles"]:
            ref = name.split(" — ", 1)[0].strip()
            profile = Profile.objects.filter(ref__iexact=ref).first()
            if profile is None:
                matches = list(Profile.objects.filter(title__iexact=name)[:2])
                profile = matches[0] if len(matches) == 1 else None
            if profile is None:
                unknown.append(name)
            elif profile not in found:
                found.append(profile)
        if unknown:
            raise forms.ValidationError(
                _("No offer or need has the reference or title “%(name)s”.")
                % {"name": "”, “".join(unknown)}
            )
        return found

    def clean_event(self) -> int | None:
        """The event's number from its title (None when empty); kept as ``event_id``."""
        value = " ".join(self.cleaned_data["event"].split())
        if not value:
            return None
        found = _events().filter(title__iexact=value).values_list("pk", flat=True).first()
        if found is None:
            raise forms.ValidationError(_("No event is called “%(name)s”.") % {"name": value})
        return found

    def clean(self):
        data = super().clean()
        data["event_id"] = data.get("event")
        return data


def _organisation_named(name: str):
    """The organisation a picker label or a plain name (or short name) designates, if exactly
    one does."""
    folded = name.casefold()
    candidates = Organisation.objects.filter(name__iexact=name.rsplit(" (", 1)[0].strip())
    for org in candidates:
        if folded in {organisation_label(org).casefold(), org.name.casefold()}:
            return org
    by_slug = Organisation.objects.filter(slug__iexact=name).first()
    if by_slug is not None:
        return by_slug
    exact = list(Organisation.objects.filter(name__iexact=name)[:2])
    return exact[0] if len(exact) == 1 else None


class InboxFilter(forms.Form):
    """The inbox's filters: scope, a party's country, sector and the profile's language, each
    offered by name."""

    scope = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("all", _("All")),
            ("mine", _("Mine")),
            ("countries", _("My countries")),
        ],
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("All"),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All"))] + list(ContentLanguage.choices),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All"))] + country_choices()

    def filters(self) -> dict:
        """Keyword arguments of :func:`lintas.brokerage.domain.inbox.build` ({} when invalid)."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "scope": data.get("scope") or "all",
            "country": data.get("country") or "",
            "sector": data["sector"].slug if data.get("sector") else "",
            "language": data.get("language") or "",
        }


BAND_CHOICES = [
    ("", _("All")),
    ("strong", pgettext_lazy("relevance band", "Strong match")),
    ("good", pgettext_lazy("relevance band", "Good match")),
    ("possible", pgettext_lazy("relevance band", "Possible match")),
]


class MatchFilter(forms.Form):
    """Filters of the network-wide match view: country pair, sector, language pair, band."""

    offer_country = forms.ChoiceField(label=_("Offer from"), required=False)
    need_country = forms.ChoiceField(label=_("Need from"), required=False)
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), required=False,
        to_field_name="slug", empty_label=_("All"),
    )  # fmt: skip
    offer_language = forms.ChoiceField(label=_("Offer language"), required=False)
    need_language = forms.ChoiceField(label=_("Need language"), required=False)
    band = forms.ChoiceField(label=_("Match"), required=False, choices=BAND_CHOICES)
    dismissed = forms.BooleanField(label=_("Dismissed matches"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        countries = [("", _("All"))] + country_choices()
        languages = [("", _("All"))] + list(ContentLanguage.choices)
        self.fields["offer_country"].choices = countries
        self.fields["need_country"].choices = countries
        self.fields["offer_language"].choices = languages
        self.fields["need_language"].choices = languages

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        data = dict(self.cleaned_data)
        data["sector"] = data["sector"].slug if data.get("sector") else ""
        return {k: v for k, v in data.items() if v}


class DeclineForm(forms.Form):
    """A coded reason for turning down a match or an interest (optional: no choice is
    counted as "no reason given")."""

    reason = forms.ChoiceField(
        label=_("Why? (optional)"),
        choices=[("", DeclineCode.NONE.label)]
        + [c for c in DeclineCode.choices if c[0] != DeclineCode.NONE],
        required=False,
    )
    reason_text = forms.CharField(
        label=_("In your words (needed for “Other”)"), required=False, max_length=500
    )


class ManualMatchForm(forms.Form):
    """A broker pairs a published offer with a published need, picked by reference or title."""

    offer = forms.CharField(
        label=_("Offer"), max_length=300,
        widget=forms.TextInput(attrs={"list": "offer-choices", "autocomplete": "off"}),
    )  # fmt: skip
    need = forms.CharField(
        label=_("Need"), max_length=300,
        widget=forms.TextInput(attrs={"list": "need-choices", "autocomplete": "off"}),
    )  # fmt: skip
    note = forms.CharField(
        label=_("Why do they fit? (the owners read this)"),
        widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
    )  # fmt: skip

    @staticmethod
    def choices(kind) -> list[str]:
        return [
            f"{ref} — {title}"
            for ref, title in Profile.objects.filter(kind=kind, status="published")
            .order_by("ref")
            .values_list("ref", "title")
        ]

    def offer_choices(self):
        return self.choices("offer")

    def need_choices(self):
        return self.choices("need")

    def _profile(self, name, kind):
        value = self.cleaned_data[name].strip()
        ref = value.split(" — ")[0].strip()
        found = Profile.objects.filter(kind=kind, status="published", ref__iexact=ref).first()
        if found is None:
            found = Profile.objects.filter(kind=kind, status="published",
                                           title__iexact=value).first()  # fmt: skip
        if found is None:
            raise forms.ValidationError(
                _("No published profile is called “%(name)s”.") % {"name": value}
            )
        return found

    def clean_offer(self):
        return self._profile("offer", "offer")

    def clean_need(self):
        return self._profile("need", "need")


__all__ = ["MESSAGE_MAX"]
