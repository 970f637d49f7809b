"""Browse filters, sort orders and per-value counts, shared by the list pages and the API."""

from __future__ import annotations

import hashlib
from collections import Counter

import django_filters
from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from lintas.catalogue import hooks
from lintas.catalogue.enums import TRL_CHOICES, ContentLanguage, CooperationMode, IPRStatus
from lintas.catalogue.forms import country_choices
from lintas.catalogue.models import Profile
from lintas.core.models import Sector

ANY = _("Any")
SORTS = (
    ("relevance", _("Best match")),
    ("newest", _("Newest")),
    ("expiring", _("Expiring soon")),
)


class ProfileFilter(django_filters.FilterSet):
    """Browse filters, shared by the pages and the API.

    Every select starts on an empty "Any" choice, so a browser submitting the whole form with
    its defaults filters nothing. ``q`` asks the cross-lingual engine that the matching app
    installs (``catalogue.hooks.words_search``) and keeps literal title/summary matches too;
    ``sort`` orders by relevance (default when there are words), newest (default otherwise)
    or expiry date.
    """

    q = django_filters.CharFilter(label=_("Words"), method="filter_words")
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"),
        field_name="sectors",
        queryset=Sector.objects.all(),
        to_field_name="slug",
        empty_label=ANY,
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        field_name="organisation__country",
        choices=country_choices,
        empty_label=ANY,
    )
    trl_min = django_filters.ChoiceFilter(
        label=_("TRL from"),
        field_name="trl",
        lookup_expr="gte",
        choices=TRL_CHOICES,
        empty_label=ANY,
    )
    trl_max = django_filters.ChoiceFilter(
        label=_("TRL to"), field_name="trl", lookup_expr="lte", choices=TRL_CHOICES, empty_label=ANY
    )
    ipr = django_filters.ChoiceFilter(
        label=_("IPR status"), field_name="ipr_status", choices=IPRStatus.choices, empty_label=ANY
    )
    mode = django_filters.ChoiceFilter(
        label=_("Cooperation mode"),
        choices=CooperationMode.choices,
        method="filter_mode",
        empty_label=ANY,
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        field_name="content_language",
        choices=ContentLanguage.choices,
        empty_label=ANY,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORTS, method="filter_sort", empty_label=None
    )

    class Meta:
        model = Profile
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ranking: list | None = None  # ids best first when the words box asked the engine
        self._words: tuple | None = None

    # --- filtering -------------------------------------------------------------------------

    def filter_words(self, queryset, name, value):
        value = " ".join(value.split())[:1000]
        if not value:
            return queryset
        if self._words is None or self._words[0] != value:
            # The engine ranks the whole list (all published offers, say) once; the other
            # filters and each facet count then intersect with that ranking.
            ranked = hooks.words_search(value, list(self.queryset.values_list("id", flat=True)))
            self._words = (value, ranked)
        ranked = self._words[1]
        literal = Q()
        for word in value.split()[:8]:
            literal &= Q(title__icontains=word) | Q(summary__icontains=word)
        if ranked is None:
            return queryset.filter(literal)
        self.ranking = ranked
        return queryset.filter(Q(id__in=ranked) | literal)

    def filter_mode(self, queryset, name, value):
        # JSON list stored as text on SQLite and jsonb on PostgreSQL: a quoted match works on both.
        return queryset.filter(cooperation_modes__icontains=f'"{value}"')

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, by filter_queryset, once the words ranking is known

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return self.ordered(queryset, self.form.cleaned_data.get("sort") or "")

    def ordered(self, queryset, sort: str):
        if sort not in ("relevance", "newest", "expiring"):
            sort = "relevance" if self.ranking is not None else "newest"
        if sort == "relevance" and self.ranking:
            position = Case(
                *[When(id=pk, then=Value(i)) for i, pk in enumerate(self.ranking)],
                default=Value(len(self.ranking)),
                output_field=IntegerField(),
            )
            return queryset.order_by(position, F("published_at").desc(nulls_last=True), "-id")
        if sort == "expiring":
            return queryset.order_by(
                F("expires_on").asc(nulls_last=True), F("published_at").desc(nulls_last=True), "-id"
            )
        return queryset.order_by(F("published_at").desc(nulls_last=True), "-id")

    # --- counts per filter value ----------------------------------------------------------

    def _without(self, *names):
        """The list with every active filter applied except ``names`` (for that facet's counts:
        what choosing each of its values would return, given the other choices)."""
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name in names or name == "sort" or value in (None, ""):
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset.order_by().prefetch_related(None)

    @staticmethod
    def _group(queryset, field) -> dict:
        rows = queryset.values(field).annotate(n=Count("id", distinct=True)).order_by()
        return {str(row[field]): row["n"] for row in rows if row[field] not in (None, "")}

    def facet_counts(self) -> dict[str, dict[str, int]]:
        """{filter name: {value: number of results if that value were chosen}}.

        Six grouped queries, whatever the number of results (and every row's cooperation
        modes), so they are cached: keyed by the list's own query and the chosen filters, and
        by ``queries.lists_version()``, which every change to a public profile moves on (five
        minutes at most, for changes that do not, e.g. an organisation's country). Call on a
        valid filterset."""
        from django.core.cache import cache

        from lintas.catalogue.domain.queries import lists_version

        chosen = sorted(
            (k, str(v)) for k, v in self.form.cleaned_data.items() if v not in (None, "")
        )
        try:
            sql = str(self.queryset.query)
        except Exception:  # noqa: BLE001 - a query that cannot be printed is simply not cached
            return self._facet_counts()
        key = (
            "catalogue:facets:"
            + hashlib.sha256(f"{lists_version()}|{sql}|{chosen}".encode()).hexdigest()
        )
        counts = cache.get(key)
        if counts is None:
            counts = self._facet_counts()
            cache.set(key, counts, 300)
        return counts

    def _facet_counts(self) -> dict[str, dict[str, int]]:
        counts = {
            "sector": self._group(self._without("sector"), "sectors__slug"),
            "country": self._group(self._without("country"), "organisation__country"),
            "ipr": self._group(self._without("ipr"), "ipr_status"),
            "language": self._group(self._without("language"), "content_language"),
        }
        modes = Counter()
        for value in self._without("mode").values_list("cooperation_modes", flat=True):
            modes.update(set(value or []))
        counts["mode"] = dict(modes)
        # TRL: one query per level without either bound, then each bound is counted with the
        # other bound applied (choosing "from 4" while "to 7" is set gives levels 4..7).
        per_level = {
            int(k): n for k, n in self._group(self._without("trl_min", "trl_max"), "trl").items()
        }
        low = int(self.form.cleaned_data.get("trl_min") or 1)
        high = int(self.form.cleaned_data.get("trl_max") or 9)
        counts["trl_min"] = {
            str(v): sum(n for lvl, n in per_level.items() if v <= lvl <= high) for v in range(1, 10)
        }
        counts["trl_max"] = {
            str(v): sum(n for lvl, n in per_level.items() if low <= lvl <= v) for v in range(1, 10)
        }
        return counts

    def show_counts(self) -> dict[str, dict[str, int]]:
        """Put the counts into the form's option labels ("Indonesia (4)"); countries without
        results are left out of the list (unless chosen). Returns the counts."""
        counts = self.facet_counts()
        form = self.form
        for name in ("country", "trl_min", "trl_max", "ipr", "mode", "language"):
            field = form.fields[name]
            chosen = str(form.cleaned_data.get(name) or "")
            choices = []
            for value, label in field.choices:
                if value in ("", None):
                    choices.append((value, label))
                    continue
                n = counts[name].get(str(value), 0)
                if name == "country" and not n and str(value) != chosen:
                    continue
                choices.append((value, f"{label} ({n})"))
            field.choices = choices
        sectors = counts["sector"]
        form.fields["sector"].label_from_instance = lambda s: f"{s.name} ({sectors.get(s.slug, 0)})"
        return counts
