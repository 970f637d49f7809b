from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from lintas.catalogue.enums import ContentLanguage
from lintas.core.enums import FOCUS_COUNTRIES
from lintas.core.models import Sector
from lintas.talents.enums import MemberField, PublicationKind, TalentRole
from lintas.talents.models import Talent

ANY = ("", pgettext_lazy("filter", "Any"))


def country_choices(blank=ANY):
    focus = [(code, countries.name(code)) for code in FOCUS_COUNTRIES]
    rest = sorted(
        ((code, name) for code, name in countries if code not in FOCUS_COUNTRIES),
        key=lambda c: str(c[1]),
    )
    return [blank, *focus, *rest]


class DirectoryFilter(forms.Form):
    expertise = forms.CharField(
        label=_("Expertise you are looking for"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In any language: a few words, or paste a whole need, offer or call."),
    )
    q = forms.CharField(label=_("Name or keyword"), required=False, max_length=200)
    country = forms.ChoiceField(label=_("Country"), required=False, choices=country_choices)
    field = forms.ModelChoiceField(
        label=pgettext_lazy("field of expertise", "Field"),
        required=False,
        queryset=Sector.objects.all(),
        to_field_name="slug",
        empty_label=ANY[1],
    )
    language = forms.ChoiceField(
        label=_("Language spoken"), required=False, choices=[ANY, *ContentLanguage.choices]
    )
    role = forms.ChoiceField(
        label=_("Role offered"), required=False, choices=[ANY, *TalentRole.choices]
    )
    alumni = forms.BooleanField(label=_("Programme alumni only"), required=False)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and data.get("country"):
            data = data.copy()
            data["country"] = data["country"].upper()  # ?country=cn works as in the network API
        super().__init__(data, *args, **kwargs)

    def expertise_text(self) -> str:
        return (self.cleaned_data.get("expertise") or "").strip() if self.is_bound else ""

    def query_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "q": data.get("q") or "",
            "country": data.get("country") or "",
            "field": data["field"].slug if data.get("field") else "",
            "language": data.get("language") or "",
            "role": data.get("role") or "",
            "alumni": bool(data.get("alumni")),
        }


class TalentForm(forms.ModelForm):
    country = forms.ChoiceField(label=_("Country"), choices=lambda: country_choices(("", "—")))
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=ContentLanguage.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles offered"),
        choices=TalentRole.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    members_only = forms.MultipleChoiceField(
        label=_("Show to signed-in members only"),
        choices=MemberField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Everything else on your profile is public. Your contact details are never "
            "public: people reach you through the platform until you accept a "
            "consultation."
        ),  # fmt: skip
    )
    keywords = forms.CharField(
        label=_("Expertise keywords"),
        required=False,
        help_text=_("Separate them with commas."),
        max_length=1000,
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Fields"),
        queryset=Sector.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Talent
        fields = [
            "name",
            "position",
            "organisation_name",
            "country",
            "languages",
            "sectors",
            "keywords",
            "bio",
            "bio_language",
            "roles",
            "availability",
            "availability_note",
            "members_only",
            "contact_email",
            "contact_phone",
            "listed",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["keywords"] = ", ".join(self.instance.keywords or [])
            self.initial["country"] = self.instance.country.code

    def clean_keywords(self):
        return [w.strip() for w in self.cleaned_data["keywords"].split(",") if w.strip()]


class PublicationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=PublicationKind.choices)
    authors = forms.CharField(label=_("Authors"), max_length=1000, required=False)
    venue = forms.CharField(
        label=_("Journal, conference or office"), max_length=300, required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100, required=False)
    doi = forms.CharField(label=_("DOI"), max_length=200, required=False)
    url = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    abstract = forms.CharField(
        label=_("Abstract"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Publication list"),
        help_text=_("A BibTeX (.bib), RIS (.ris) or ORCID record (JSON or XML) export."),
    )


class ConsultationForm(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=200)
    message = forms.CharField(
        label=_("Message"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5})
    )
    profile = forms.CharField(
        label=_("About an offer or need (reference, optional)"),
        max_length=20,
        required=False,
        help_text=_("For example OF-2027-0001; it lets the consultation turn into a deal later."),
    )

    def clean_profile(self):
        from lintas.catalogue.models import Profile

        ref = (self.cleaned_data.get("profile") or "").strip().upper()
        if not ref:
            return None
        profile = Profile.objects.filter(ref=ref).first()
        if profile is None:
            raise forms.ValidationError(_("No offer or need has this reference."))
        return profile


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you decline: say briefly why."),
    )


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"), coerce=int, choices=[(i, str(i)) for i in range(5, 0, -1)]
    )
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False)


class BioTranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=ContentLanguage.choices)
    text = forms.CharField(
        label=_("Biography in that language"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    machine = forms.BooleanField(required=False, widget=forms.HiddenInput)


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Photo"), help_text=_("PNG, JPEG or WebP."))
