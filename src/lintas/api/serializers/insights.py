"""Serializers of the open-data API: public fields only."""

from rest_framework import serializers

from lintas.api import fields
from lintas.catalogue.domain.access import public_dict
from lintas.insights.domain import opendata


class OpenProfileSerializer(serializers.Serializer):
    """Exactly catalogue's public_dict: nothing confidential can be added here by mistake.
    The declared fields only describe the output for the OpenAPI schema."""

    ref = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    keywords = serializers.ListField(child=serializers.CharField(), read_only=True)
    trl = serializers.IntegerField(read_only=True, allow_null=True)
    ipr_status = serializers.CharField(read_only=True)
    patent_numbers = serializers.CharField(read_only=True)
    cooperation_modes = serializers.ListField(child=serializers.CharField(), read_only=True)
    target_countries = serializers.ListField(child=serializers.CharField(), read_only=True)
    content_language = serializers.CharField(read_only=True)
    organisation = serializers.CharField(read_only=True)
    country = serializers.CharField(read_only=True)
    sectors = serializers.ListField(child=serializers.CharField(), read_only=True)
    status = serializers.CharField(read_only=True)
    published_at = fields.DateTimeField(read_only=True, allow_null=True)
    expires_on = serializers.DateField(read_only=True, allow_null=True)

    def to_representation(self, instance):
        return public_dict(instance)


class OpenEventSerializer(serializers.Serializer):
    """Public event fields (declared for the OpenAPI schema; output from opendata.event_rows)."""

    slug = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    city = serializers.CharField(read_only=True)
    country = serializers.CharField(read_only=True)
    starts_on = serializers.DateField(read_only=True)
    ends_on = serializers.DateField(read_only=True)

    def to_representation(self, instance):
        return opendata.event_rows([instance])[0]
