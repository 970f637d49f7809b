from django import forms
from django.apps import apps
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from lintas.core.models import Sector
from lintas.insights.domain import dashboard, engine
from lintas.network.forms import country_choices


def _events():
    if apps.is_installed("lintas.events"):
        from lintas.events.models import Event

        return Event.objects.all()
    return Sector.objects.none()


# The country list in each language, built once per process (about 250 names sorted in the
# reader's language: ~40 ms a page when rebuilt on every request).
_COUNTRIES: dict[str, list] = {}


def _country_choices() -> list:
    language = get_language() or ""
    if language not in _COUNTRIES:
        _COUNTRIES[language] = [(code, str(name)) for code, name in country_choices()]
    return _COUNTRIES[language]


class PlainSelect(forms.Select):
    """A ``<select>`` written in Python: the same markup as Django's template-rendered select
    (no option groups here), without one template render per option (the country list alone
    took ~40 ms a page that way). Labels and values are escaped."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        options = []
        for option_value, label in self.choices:
            text = "" if option_value is None else str(option_value)
            selected = " selected" if text in chosen else ""
            options.append(
                f'<option value="{escape(text)}"{selected}>{conditional_escape(label)}</option>'
            )
        attrs = self.build_attrs(self.attrs, attrs)
        return format_html(
            '<select name="{}"{}>\n  {}\n</select>',
            name,
            flatatt(attrs),
            mark_safe("\n  ".join(options)),  # noqa: S308  (each option escaped above)
        )


class DashboardFilter(forms.Form):
    by = forms.ChoiceField(
        label=_("Break down by"),
        required=False,
        choices=list(dashboard.DIMENSION_LABELS.items()),
        widget=PlainSelect,
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=_country_choices, widget=PlainSelect
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        required=False,
        queryset=Sector.objects.all(),
        to_field_name="slug",
        widget=PlainSelect,
    )
    event = forms.ModelChoiceField(
        label=pgettext_lazy("dimension", "Event"),
        required=False,
        queryset=Sector.objects.none(),
        widget=PlainSelect,
    )
    broker = forms.ModelChoiceField(
        label=_("Broker"), required=False, queryset=None, widget=PlainSelect
    )

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
