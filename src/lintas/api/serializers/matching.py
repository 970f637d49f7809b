"""Serializers of search and matches: public profile fields only."""

from rest_framework import serializers

from lintas.api.serializers.catalogue import ProfilePublicSerializer
from lintas.matching.models import Match


class SearchHitSerializer(serializers.Serializer):
    profile = ProfilePublicSerializer()
    band = serializers.ChoiceField(
        choices=["strong", "good", "possible"],
        allow_null=True,
        help_text="Relevance band; null for a below-floor 'related' result.",
    )
    ranks = serializers.DictField(child=serializers.IntegerField())
    matched_terms = serializers.ListField(child=serializers.CharField())


class SearchResultSerializer(serializers.Serializer):
    language = serializers.CharField(
        allow_null=True, help_text="The language the query was identified as, if any."
    )
    total = serializers.IntegerField()
    no_close_match = serializers.BooleanField()
    results = SearchHitSerializer(many=True)
    related = SearchHitSerializer(many=True)


class MatchSerializer(serializers.ModelSerializer):
    offer = ProfilePublicSerializer()
    need = ProfilePublicSerializer()
    band = serializers.ChoiceField(
        choices=["strong", "good", "possible"], allow_null=True, read_only=True
    )
    explanation = serializers.SerializerMethodField()

    class Meta:
        model = Match
        fields = (
            "id",
            "offer",
            "need",
            "band",
            "explanation",
            "source",
            "pinned",
            "dismissed",
            "created_at",
        )

    def get_explanation(self, match) -> dict:
        """The explanation a person can check, without the engine's raw numbers."""
        why = {k: v for k, v in (match.explanation or {}).items() if k not in ("dense", "csls")}
        if "terms" in why:
            why["terms"] = [{"need": t["need"], "offer": t["offer"]} for t in why["terms"]]
        return why


class FeedbackSerializer(serializers.Serializer):
    relevant = serializers.BooleanField()
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True)
