from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from lintas.catalogue.enums import (
    TRL_CHOICES,
    ContentLanguage,
    CooperationMode,
    IPRStatus,
    ProfileKind,
)
from lintas.catalogue.models import Profile
from lintas.catalogue.models.profile import DESCRIPTION_MAX, SUMMARY_MAX, TITLE_MAX
from lintas.core.enums import FOCUS_COUNTRIES
from lintas.core.models import Sector

MAX_KEYWORDS = 15


def country_choices():
    """China and the ASEAN members first, then every other ISO 3166 country."""
    names = dict(countries)
    focus = [(code, names[code]) for code in FOCUS_COUNTRIES]
    rest = [(code, name) for code, name in countries if code not in FOCUS_COUNTRIES]
    return focus + rest


class ProfileForm(forms.ModelForm):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    summary = forms.CharField(
        label=_("Summary"), max_length=SUMMARY_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    keywords = forms.CharField(
        label=_("Keywords"), required=False, max_length=500, help_text=_("Separated by commas.")
    )
    trl = forms.TypedChoiceField(
        label=_("Technology readiness level (TRL)"),
        choices=[("", "—"), *TRL_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    ipr_status = forms.ChoiceField(
        label=_("IPR status"), choices=[("", "—"), *IPRStatus.choices], required=False
    )
    cooperation_modes = forms.MultipleChoiceField(
        label=_("Cooperation modes"),
        choices=CooperationMode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_countries = forms.MultipleChoiceField(
        label=_("Target countries"),
        choices=country_choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    content_language = forms.ChoiceField(
        label=_("Language of this profile"),
        required=False,
        choices=[("", _("Detect automatically")), *ContentLanguage.choices],
        help_text=_("Indonesian and Malay look alike: choose yours to be sure."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Profile
        fields = (
            "title", "summary", "description", "sectors", "keywords", "trl", "ipr_status",
            "patent_numbers", "cooperation_modes", "target_countries", "content_language",
            "confidential_details", "contact_name", "contact_email", "contact_phone", "expires_on",
        )  # fmt: skip
        widgets = {
            "confidential_details": forms.Textarea(attrs={"rows": 4}),
            "expires_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["keywords"] = ", ".join(self.instance.keywords or [])
            self.initial["version"] = self.instance.version
            if not self.instance.content_language_declared:
                self.initial["content_language"] = ""

    def show_revision(self, revision) -> None:
        """Fill the form with the author's pending revision, so editing again continues it."""
        values = revision.values
        for name in self.Meta.fields:
            if name in values and name not in ("sectors", "keywords", "content_language"):
                self.initial[name] = values[name]
        self.initial["keywords"] = ", ".join(values.get("keywords") or [])
        self.initial["sectors"] = list(
            Sector.objects.filter(slug__in=values.get("sectors") or []).values_list("pk", flat=True)
        )
        declared = values.get("content_language_declared")
        self.initial["content_language"] = values.get("content_language") if declared else ""

    def clean_keywords(self):
        raw = self.cleaned_data.get("keywords") or ""
        words = [
            w.strip() for w in raw.replace("，", ",").replace("、", ",").split(",") if w.strip()
        ]
        if len(words) > MAX_KEYWORDS:
            raise forms.ValidationError(_("At most %(n)d keywords.") % {"n": MAX_KEYWORDS})
        if any(len(w) > 60 for w in words):
            raise forms.ValidationError(_("A keyword may have at most 60 characters."))
        return words

    def domain_data(self) -> dict:
        """Cleaned values for the domain functions (everything but sectors and language)."""
        data = {
            k: v
            for k, v in self.cleaned_data.items()
            if k not in ("sectors", "version", "content_language")
        }
        data["ipr_status"] = data.get("ipr_status") or ""
        return data


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, PNG, JPEG or WebP)"))
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    confidential = forms.BooleanField(label=_("Confidential"), required=False)


class RejectRevisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are these changes not accepted?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("What should the author change?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class QueueFilter(forms.Form):
    """Filters of the brokers' validation queue: by kind, the owner's country, sector and the
    profile's language. Choices are names, never codes."""

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All"))] + list(ProfileKind.choices)
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
