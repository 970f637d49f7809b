"""Serializers of the talent directory.

One rule decides what a viewer gets (:func:`lintas.talents.domain.access.view_for`): fields a
talent marked members-only are absent (not blanked) for visitors; contact details exist only
in ``TalentEntitledSerializer``, used for the talent, brokers and accepted consultations."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lintas.api.schema import MaybeAbsent
from lintas.catalogue.enums import ContentLanguage
from lintas.catalogue.models import Profile
from lintas.core.models import Sector
from lintas.talents.domain import access
from lintas.talents.enums import Availability, MemberField, PublicationKind, TalentRole
from lintas.talents.models import BioTranslation, Consultation, Publication, Talent

MEMBER_FIELD_KEYS = {
    MemberField.ORGANISATION: ("position", "organisation", "organisation_name"),
    MemberField.BIO: ("bio", "bio_language", "bio_translations"),
    MemberField.PUBLICATIONS: ("publications",),
    MemberField.AVAILABILITY: ("availability", "availability_note"),
}


class PublicationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Publication
        fields = ("id", "kind", "title", "authors", "venue", "year", "doi", "url", "abstract",
                  "source")  # fmt: skip
        read_only_fields = ("id", "source")


class TalentSerializer(MaybeAbsent, serializers.ModelSerializer):
    """A talent as the viewer may see it; members-only fields are left out for visitors."""

    maybe_absent = (
        *(key for keys in MEMBER_FIELD_KEYS.values() for key in keys),
        "contact_email",
        "contact_phone",
    )

    country = serializers.CharField(source="country.code", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    sectors = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    is_alumnus = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    photo = serializers.SerializerMethodField()

    class Meta:
        model = Talent
        fields = ("slug", "name", "country", "languages", "sectors", "keywords", "roles",
                  "is_alumnus", "position", "organisation", "organisation_name", "bio",
                  "bio_language", "availability", "availability_note", "members_only",
                  "photo", "url")  # fmt: skip
        read_only_fields = fields

    def get_is_alumnus(self, talent) -> bool:
        return bool(getattr(talent, "is_alumnus", False))

    def get_url(self, talent) -> str:
        return talent.get_absolute_url()

    def get_photo(self, talent) -> str | None:
        return talent.get_download_url() if talent.photo else None

    def to_representation(self, talent):
        data = super().to_representation(talent)
        request = self.context.get("request")
        view = access.view_for(request.user, talent) if request else None
        hidden = view.hidden if view else frozenset(talent.members_only or [])
        for field in hidden:
            for key in MEMBER_FIELD_KEYS.get(field, ()):
                data.pop(key, None)
        return data


class BioTranslationSerializer(serializers.ModelSerializer):
    class Meta:
        model = BioTranslation
        fields = ("language", "text", "machine")
        read_only_fields = fields


class TalentDetailSerializer(TalentSerializer):
    publications = PublicationSerializer(many=True, read_only=True)
    bio_translations = BioTranslationSerializer(many=True, read_only=True)

    class Meta(TalentSerializer.Meta):
        fields = (*TalentSerializer.Meta.fields, "publications", "bio_translations")
        read_only_fields = fields


class TalentEntitledSerializer(TalentDetailSerializer):
    """For the talent, brokers and people whose consultation the talent accepted."""

    class Meta(TalentDetailSerializer.Meta):
        fields = (*TalentDetailSerializer.Meta.fields, "contact_email", "contact_phone")
        read_only_fields = fields


class TalentWriteSerializer(serializers.Serializer):
    """Input for opting in and editing one's own entry; the domain does the work."""

    name = serializers.CharField(max_length=120)
    country = serializers.CharField(max_length=2)
    position = serializers.CharField(max_length=150, required=False, allow_blank=True)
    organisation_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=ContentLanguage.choices), required=False
    )
    sectors = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Sector.objects.all(), required=False
    )
    keywords = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, max_length=15
    )
    bio = serializers.CharField(max_length=3000, required=False, allow_blank=True)
    bio_language = serializers.ChoiceField(choices=ContentLanguage.choices, required=False)
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=TalentRole.choices), required=False
    )
    availability = serializers.ChoiceField(choices=Availability.choices, required=False)
    availability_note = serializers.CharField(max_length=200, required=False, allow_blank=True)
    members_only = serializers.ListField(
        child=serializers.ChoiceField(choices=MemberField.choices), required=False
    )
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    listed = serializers.BooleanField(required=False)

    def validate_country(self, value):
        from django_countries import countries

        value = value.upper()
        if value not in dict(countries):
            raise serializers.ValidationError("Unknown country code.")
        return value


class PublicationWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=500)
    kind = serializers.ChoiceField(choices=PublicationKind.choices, required=False)
    authors = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    venue = serializers.CharField(max_length=300, required=False, allow_blank=True)
    year = serializers.IntegerField(min_value=1900, max_value=2100, required=False)
    doi = serializers.CharField(max_length=200, required=False, allow_blank=True)
    url = serializers.URLField(max_length=500, required=False, allow_blank=True)
    abstract = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A BibTeX, RIS or ORCID record (JSON or XML) export.")


class ImportResultSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=["bibtex", "ris", "orcid"])
    added = serializers.IntegerField()
    merged = serializers.IntegerField(help_text="Publications already listed (same DOI or title)")


class ExpertiseQuerySerializer(serializers.Serializer):
    """A few words or a whole document, in any language, and the directory's filters."""

    text = serializers.CharField(max_length=10_000)
    country = serializers.CharField(max_length=2, required=False, allow_blank=True)
    field = serializers.CharField(max_length=50, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=ContentLanguage.choices, required=False)
    role = serializers.ChoiceField(choices=TalentRole.choices, required=False)
    alumni = serializers.BooleanField(required=False, default=False)
    limit = serializers.IntegerField(min_value=1, max_value=100, required=False, default=20)


class ExplanationSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["bio", "publication"])
    text = serializers.CharField(help_text="The talent's own words that matched best")
    language = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)


class ExpertiseHitSerializer(serializers.Serializer):
    talent = TalentSerializer()
    score = serializers.FloatField()
    explanation = ExplanationSerializer()


class ConsultationContactsSerializer(serializers.Serializer):
    name = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    organisation = serializers.CharField()


class ConsultationSerializer(serializers.ModelSerializer):
    """A consultation as one of its two sides (or a broker) sees it; ``contacts`` is the other
    side's, present only once the talent accepted."""

    talent = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    requester = serializers.CharField(source="requester.username", read_only=True)
    profile = serializers.SlugRelatedField(slug_field="ref", read_only=True, allow_null=True)
    deal = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    contacts = serializers.SerializerMethodField()
    conversation_open = serializers.SerializerMethodField()

    class Meta:
        model = Consultation
        fields = ("id", "talent", "requester", "topic", "message", "profile", "deal", "status",
                  "answer", "answered_at", "rating", "rating_comment", "created_at",
                  "contacts", "conversation_open")  # fmt: skip
        read_only_fields = fields

    def get_conversation_open(self, consultation) -> bool:
        """Whether its conversation is open (``…/messages/``, the two people only)."""
        talk = consultation.conversation
        return talk is not None and talk.closed_at is None

    @extend_schema_field(ConsultationContactsSerializer(allow_null=True))
    def get_contacts(self, consultation):
        from lintas.talents.domain.consultations import other_side_contacts

        request = self.context.get("request")
        if request is None:
            return None
        return other_side_contacts(user=request.user, consultation=consultation)


class ConsultationRequestSerializer(serializers.Serializer):
    talent = serializers.SlugRelatedField(slug_field="slug", queryset=Talent.objects.all())
    topic = serializers.CharField(max_length=200)
    message = serializers.CharField(max_length=3000)
    profile = serializers.SlugRelatedField(
        slug_field="ref", queryset=Profile.objects.all(), required=False, allow_null=True
    )


class ConsultationAnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=3000, required=False, allow_blank=True)


class ConsultationMessageSerializer(serializers.Serializer):
    body = serializers.CharField(trim_whitespace=False)
    attachment = serializers.FileField(required=False)


class ConsultationRatingSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True)
