from rest_framework import serializers

from lintas.catalogue.domain import access
from lintas.catalogue.enums import TRL_LABELS, ContentLanguage, CooperationMode, IPRStatus
from lintas.catalogue.models import Profile
from lintas.catalogue.models.profile import (
    CONFIDENTIAL_MAX,
    DESCRIPTION_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
)
from lintas.core.models import Organisation, Sector


class SectorSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Sector
        fields = ("slug", "name", "names", "nace_codes", "sdgs")


class OrganisationSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code")

    class Meta:
        model = Organisation
        fields = (
            "slug",
            "name",
            "name_local",
            "type",
            "size",
            "country",
            "province",
            "website",
            "member_type",
            "member_since",
        )


class ProfilePublicSerializer(serializers.ModelSerializer):
    """What anyone may see. Confidential fields are absent, not blanked."""

    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    country = serializers.CharField(source="organisation.country.code", read_only=True)
    sectors = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Profile
        fields = (
            "ref",
            "kind",
            "status",
            "title",
            "summary",
            "description",
            "sectors",
            "keywords",
            "trl",
            "ipr_status",
            "patent_numbers",
            "cooperation_modes",
            "target_countries",
            "content_language",
            "organisation",
            "country",
            "quality_score",
            "published_at",
            "expires_on",
            "url",
        )
        read_only_fields = fields

    def get_url(self, obj):
        return obj.get_absolute_url()


class ProfileEntitledSerializer(ProfilePublicSerializer):
    class Meta(ProfilePublicSerializer.Meta):
        fields = (*ProfilePublicSerializer.Meta.fields, *access.CONFIDENTIAL_FIELDS)
        read_only_fields = fields


class ProfileWriteSerializer(serializers.Serializer):
    """Input for create and update; the domain functions do the work."""

    kind = serializers.ChoiceField(choices=["offer", "need"], required=False)
    title = serializers.CharField(max_length=TITLE_MAX)
    summary = serializers.CharField(max_length=SUMMARY_MAX)
    description = serializers.CharField(
        max_length=DESCRIPTION_MAX, required=False, allow_blank=True
    )
    sectors = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Sector.objects.all()
    )
    keywords = serializers.ListField(
        child=serializers.CharField(max_length=60), max_length=15, required=False
    )
    trl = serializers.ChoiceField(choices=list(TRL_LABELS), required=False, allow_null=True)
    ipr_status = serializers.ChoiceField(
        choices=IPRStatus.choices, required=False, allow_blank=True
    )
    patent_numbers = serializers.CharField(max_length=300, required=False, allow_blank=True)
    cooperation_modes = serializers.ListField(
        child=serializers.ChoiceField(choices=CooperationMode.choices), required=False
    )
    target_countries = serializers.ListField(
        child=serializers.CharField(max_length=2), required=False
    )
    content_language = serializers.ChoiceField(choices=ContentLanguage.choices, required=False)
    confidential_details = serializers.CharField(
        max_length=CONFIDENTIAL_MAX, required=False, allow_blank=True
    )
    contact_name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    version = serializers.IntegerField(required=False)

    def validate_target_countries(self, value):
        from django_countries import countries

        unknown = [c for c in value if c.upper() not in dict(countries)]
        if unknown:
            raise serializers.ValidationError(f"Unknown country code(s): {', '.join(unknown)}")
        return [c.upper() for c in value]
