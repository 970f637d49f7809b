from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from lintas.core.enums import FOCUS_COUNTRIES, MemberType, OrganisationType
from lintas.core.models import Sector
from lintas.network.domain.queries import LAYERS
from lintas.network.enums import PlatformKind, SiteStatus

ANY = ("", pgettext_lazy("filter", "Any"))


def country_choices():
    focus = [(code, countries.name(code)) for code in FOCUS_COUNTRIES]
    rest = sorted(
        ((code, name) for code, name in countries if code not in FOCUS_COUNTRIES),
        key=lambda c: str(c[1]),
    )
    return [ANY, *focus, *rest]


class CountryFilter(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False, choices=country_choices)


class MemberFilter(CountryFilter):
    member_type = forms.ChoiceField(
        label=_("Membership"), required=False, choices=[ANY, *MemberType.choices[1:]]
    )
    org_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[ANY, *OrganisationType.choices]
    )


class LabFilter(CountryFilter):
    sector = forms.ModelChoiceField(
        label=_("Sector"), required=False, queryset=Sector.objects.all(), to_field_name="slug"
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[ANY, *SiteStatus.choices]
    )


class ParkFilter(CountryFilter):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[ANY, *SiteStatus.choices]
    )


class PlatformFilter(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[ANY, *PlatformKind.choices])


class LayerForm(forms.Form):
    layer = forms.ChoiceField(
        required=False,
        choices=[
            (LAYERS[0], _("Members")),
            (LAYERS[1], _("Joint laboratories")),
            (LAYERS[2], _("Science parks")),
            (LAYERS[3], _("Bilateral mechanisms")),
        ],
    )
