import django_filters
from django.utils.translation import gettext_lazy as _

from lintas.catalogue.enums import TRL_CHOICES, ContentLanguage, CooperationMode, IPRStatus
from lintas.catalogue.forms import country_choices
from lintas.catalogue.models import Profile
from lintas.core.models import Sector


class ProfileFilter(django_filters.FilterSet):
    """Browse filters, shared by the pages and the API."""

    q = django_filters.CharFilter(label=_("Words"), method="filter_words")
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), field_name="sectors", queryset=Sector.objects.all(), to_field_name="slug"
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), field_name="organisation__country", choices=country_choices
    )
    trl_min = django_filters.TypedChoiceFilter(
        label=_("TRL from"), field_name="trl", lookup_expr="gte", choices=TRL_CHOICES, coerce=int
    )
    trl_max = django_filters.TypedChoiceFilter(
        label=_("TRL to"), field_name="trl", lookup_expr="lte", choices=TRL_CHOICES, coerce=int
    )
    ipr = django_filters.ChoiceFilter(
        label=_("IPR status"), field_name="ipr_status", choices=IPRStatus.choices
    )
    mode = django_filters.ChoiceFilter(
        label=_("Cooperation mode"), choices=CooperationMode.choices, method="filter_mode"
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), field_name="content_language", choices=ContentLanguage.choices
    )

    class Meta:
        model = Profile
        fields = []

    def filter_words(self, queryset, name, value):
        for word in value.split()[:8]:
            queryset = queryset.filter(title__icontains=word) | queryset.filter(
                summary__icontains=word
            )
        return queryset.distinct()

    def filter_mode(self, queryset, name, value):
        # JSON list stored as text on SQLite and jsonb on PostgreSQL: a quoted match works on both.
        return queryset.filter(cooperation_modes__icontains=f'"{value}"')
