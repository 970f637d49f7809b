from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries

from lintas.campaigns.models.campaign import INTRODUCTION_MAX, NAME_MAX
from lintas.catalogue.domain.translations import country_languages, language_label
from lintas.core.enums import FOCUS_COUNTRIES, Role
from lintas.core.models import Sector, User


def focus_country_choices():
    names = dict(all_countries)
    return [(code, names[code]) for code in FOCUS_COUNTRIES]


class DateInput(forms.DateInput):
    input_type = "date"


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    slug = forms.SlugField(
        label=_("Campaign tag"),
        max_length=40,
        help_text=_("Short, lower-case; every campaign link carries it (for example asean-1000)."),
    )
    goal = forms.IntegerField(label=_("Goal (number of technologies)"), min_value=1)
    countries = forms.MultipleChoiceField(
        label=_("Target countries"),
        choices=focus_country_choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"}),
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"),
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Suggestions keep to these sectors; none: every sector."),
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput)
    brokers = forms.ModelMultipleChoiceField(
        label=_("Brokers who run it"),
        queryset=User.objects.filter(role__in=(Role.BROKER, Role.ADMIN), is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    published = forms.BooleanField(
        label=_("Public"),
        required=False,
        help_text=_("Public campaigns have a page per country that anyone can open."),
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["slug"]


class BriefForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=NAME_MAX)
    introduction = forms.CharField(
        label=_("Introduction"),
        max_length=INTRODUCTION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


def brief_forms(country: str, briefs: dict, data=None) -> list[tuple[str, str, BriefForm]]:
    """One form per language of the country: (code, name, form), prefixed by the code."""
    out = []
    for code in country_languages(country):
        brief = briefs.get(code)
        initial = {"title": brief.title, "introduction": brief.introduction} if brief else None
        out.append((code, language_label(code), BriefForm(data, prefix=code, initial=initial)))
    return out


class AddOfferForm(forms.Form):
    countries = forms.MultipleChoiceField(
        label=_("For"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(all_countries)
        self.fields["countries"].choices = [(c, names.get(c, c)) for c in campaign.countries]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=300)
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), required=False, to_field_name="slug"
    )
