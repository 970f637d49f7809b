"""Serializers of the network registry (all of it is public information)."""

from rest_framework import serializers

from lintas.core.models import Organisation
from lintas.network.models import JointLab, Mechanism, Platform, SciencePark


class MemberSerializer(serializers.ModelSerializer):
    country = serializers.CharField()
    published_profiles = serializers.IntegerField(source="published", read_only=True)

    class Meta:
        model = Organisation
        fields = ("slug", "name", "name_local", "type", "country", "province", "website",
                  "member_type", "member_since", "published_profiles")  # fmt: skip


class JointLabSerializer(serializers.ModelSerializer):
    partners = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    sector = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = JointLab
        fields = ("id", "name", "aliases", "partners", "partner_names", "countries", "sector",
                  "launched", "status", "description", "illustrative", "note", "source")  # fmt: skip


class ScienceParkSerializer(serializers.ModelSerializer):
    country = serializers.CharField()

    class Meta:
        model = SciencePark
        fields = ("id", "name", "country", "countries", "city", "focus", "description",
                  "status", "illustrative", "note", "source")  # fmt: skip


class MechanismSerializer(serializers.ModelSerializer):
    country_a = serializers.CharField()
    country_b = serializers.CharField()

    class Meta:
        model = Mechanism
        fields = ("id", "name", "country_a", "country_b", "established", "working_group",
                  "note", "source")  # fmt: skip


class PlatformSerializer(serializers.ModelSerializer):
    country = serializers.CharField()
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Platform
        fields = ("id", "name", "kind", "organisation", "city", "country", "launched",
                  "description", "figures", "note", "source")  # fmt: skip
