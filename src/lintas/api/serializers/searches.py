"""Serializers of saved searches and starred profiles (members' own lists)."""

from rest_framework import serializers

from lintas.api.serializers.catalogue import ProfilePublicSerializer
from lintas.catalogue.domain import saved_searches
from lintas.catalogue.enums import ProfileKind
from lintas.catalogue.models import AlertFrequency, SavedSearch, Star


class SearchParamsSerializer(serializers.Serializer):
    """The offer/need list's filters, as ``GET /api/v1/profiles/`` takes them."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    sector = serializers.CharField(required=False, allow_blank=True)
    country = serializers.CharField(required=False, allow_blank=True)
    trl_min = serializers.CharField(required=False, allow_blank=True)
    trl_max = serializers.CharField(required=False, allow_blank=True)
    ipr = serializers.CharField(required=False, allow_blank=True)
    mode = serializers.CharField(required=False, allow_blank=True)
    language = serializers.CharField(required=False, allow_blank=True)


class SavedSearchSerializer(serializers.ModelSerializer):
    params = SearchParamsSerializer()
    description = serializers.SerializerMethodField()
    results_url = serializers.CharField(source="get_results_url", read_only=True)

    class Meta:
        model = SavedSearch
        fields = ("id", "name", "kind", "params", "description", "frequency", "results_url",
                  "created_at", "last_alert_at")  # fmt: skip
        read_only_fields = fields

    def get_description(self, search) -> list[str]:
        """The words and filters in the reader's language ("Country: Indonesia")."""
        return saved_searches.describe(search.params)


class SavedSearchCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ProfileKind.choices)
    params = SearchParamsSerializer(required=False)
    name = serializers.CharField(required=False, allow_blank=True, max_length=120)
    frequency = serializers.ChoiceField(
        choices=AlertFrequency.choices, required=False, default=AlertFrequency.WEEKLY
    )


class SavedSearchUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(required=False, max_length=120)
    frequency = serializers.ChoiceField(choices=AlertFrequency.choices, required=False)


class StarSerializer(serializers.ModelSerializer):
    profile = ProfilePublicSerializer(read_only=True)

    class Meta:
        model = Star
        fields = ("profile", "created_at")
        read_only_fields = fields


class StarCreateSerializer(serializers.Serializer):
    profile = serializers.CharField(help_text="The profile's reference, e.g. OF-0001.")
