from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lintas.core.models import Sector
from lintas.insights.domain import dashboard, engine
from lintas.network.forms import country_choices


def _events():
    if apps.is_installed("lintas.events"):
        from lintas.events.models import Event

        return Event.objects.all()
    return Sector.objects.none()


class DashboardFilter(forms.Form):
    by = forms.ChoiceField(
        label=_("Break down by"), required=False, choices=list(dashboard.DIMENSION_LABELS.items())
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    country = forms.ChoiceField(label=_("Country"), required=False, choices=country_choices)
    sector = forms.ModelChoiceField(
        label=_("Sector"), required=False, queryset=Sector.objects.all(), to_field_name="slug"
    )
    event = forms.ModelChoiceField(
        label=pgettext_lazy("dimension", "Event"), required=False, queryset=Sector.objects.none()
    )
    broker = forms.ModelChoiceField(label=_("Broker"), required=False, queryset=None)

    def __init__(self, *args, public=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = _events()
        self.fields["broker"].queryset = dashboard.broker_choices()
        if public:
            # No broker names on public pages.
            del self.fields["broker"]
            self.fields["by"].choices = [c for c in self.fields["by"].choices if c[0] != "broker"]

    def filters(self) -> engine.Filters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return engine.Filters(
            year=data.get("year"),
            country=data.get("country") or "",
            sector=data["sector"].slug if data.get("sector") else "",
            event=data["event"].pk if data.get("event") else None,
            broker=data["broker"].pk if data.get("broker") else None,
        )

    def dimension(self) -> str:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("by") or "year"
