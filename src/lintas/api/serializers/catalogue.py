"""Serializers of the catalogue: public and entitled profile representations kept apart
(confidential fields are absent, not blanked), attachments, revisions."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lintas.api.schema import MaybeAbsent
from lintas.catalogue.domain import access, revision_diff
from lintas.catalogue.enums import TRL_LABELS, ContentLanguage, CooperationMode, IPRStatus
from lintas.catalogue.models import Attachment, Profile, ProfileTranslation, Revision
from lintas.catalogue.models.profile import (
    CONFIDENTIAL_MAX,
    DESCRIPTION_MAX,
    SUMMARY_MAX,
    TITLE_MAX,
)
from lintas.core.models import Sector


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
            "version",
            "url",
        )
        read_only_fields = fields

    def get_url(self, obj) -> str:
        return obj.get_absolute_url()


class ProfileEntitledSerializer(MaybeAbsent, ProfilePublicSerializer):
    """Confidential fields included for the entitled (owner, brokers, consented parties);
    endpoints answering both kinds of reader document this shape, its extra fields optional."""

    maybe_absent = access.CONFIDENTIAL_FIELDS

    class Meta(ProfilePublicSerializer.Meta):
        fields = (*ProfilePublicSerializer.Meta.fields, *access.CONFIDENTIAL_FIELDS)
        read_only_fields = fields


class AttachmentSerializer(serializers.ModelSerializer):
    """A file as the profile page lists it; ``url`` is the checked download view."""

    url = serializers.CharField(source="get_download_url", read_only=True)
    awaiting_review = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ("title", "size", "content_type", "confidential", "uploaded_at", "url",
                  "awaiting_review")  # fmt: skip
        read_only_fields = fields

    def get_awaiting_review(self, attachment) -> bool:
        return attachment.revision is not None and attachment.revision.status != "accepted"


class _WithAttachments(serializers.Serializer):
    """Detail only: the files the requesting person may open (the same rule as the page)."""

    attachments = serializers.SerializerMethodField()

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, profile):
        user = self.context["request"].user
        return AttachmentSerializer(access.visible_attachments(user, profile), many=True).data


class ProfilePublicDetailSerializer(_WithAttachments, ProfilePublicSerializer):
    class Meta(ProfilePublicSerializer.Meta):
        fields = (*ProfilePublicSerializer.Meta.fields, "attachments")
        read_only_fields = fields


class ProfileEntitledDetailSerializer(_WithAttachments, ProfileEntitledSerializer):
    class Meta(ProfileEntitledSerializer.Meta):
        fields = (*ProfileEntitledSerializer.Meta.fields, "attachments")
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
    version = serializers.IntegerField(
        required=False,
        help_text="The version you read (every profile representation carries it). Required "
        "on PATCH: an edit based on an older version is refused with 409.",
    )

    def validate_target_countries(self, value):
        from django_countries import countries

        unknown = [c for c in value if c.upper() not in dict(countries)]
        if unknown:
            raise serializers.ValidationError(f"Unknown country code(s): {', '.join(unknown)}")
        return [c.upper() for c in value]


class RevisionChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    before = serializers.CharField()
    after = serializers.CharField()


class RevisionSerializer(serializers.ModelSerializer):
    """A pending (or decided) edit of a published profile, with a readable per-field diff.
    Only brokers and the author see it, so confidential fields may appear in ``changes``."""

    profile = serializers.SlugRelatedField(slug_field="ref", read_only=True)
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)
    decided_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    stale = serializers.BooleanField(source="is_stale", read_only=True)
    changes = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Revision
        fields = (
            "id", "profile", "author", "created_at", "base_version", "status", "stale",
            "changes", "attachments", "decided_by", "decided_at", "reason", "url",
        )  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(RevisionChangeSerializer(many=True))
    def get_changes(self, revision):
        names = self.context.get("sector_names")
        if names is None:
            names = self.context["sector_names"] = revision_diff.sector_names()
        return [
            {"field": c.field, "label": c.label, "before": c.before, "after": c.after}
            for c in revision_diff.field_changes(revision, names)
        ]

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_attachments(self, revision):
        return [
            {"title": a.title, "size": a.size, "url": a.get_download_url()}
            for a in revision.attachments.all()
        ]

    def get_url(self, revision) -> str:
        return revision.get_absolute_url()


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class ProfileTranslationSerializer(serializers.ModelSerializer):
    """A profile's text in another language: who wrote it, when, whether it came from machine
    translation, and whether the original changed since (``outdated``)."""

    written_by = serializers.SerializerMethodField()
    outdated = serializers.BooleanField(source="is_outdated", read_only=True)

    class Meta:
        model = ProfileTranslation
        fields = ("language", "title", "summary", "description", "machine", "written_by",
                  "created_at", "updated_at", "source_version", "outdated")  # fmt: skip
        read_only_fields = fields

    def get_written_by(self, obj) -> str | None:
        return obj.written_by.username if obj.written_by else None


class ProfileTranslationWriteSerializer(serializers.Serializer):
    """``language`` is needed only to add a translation; the URL names it when editing."""

    language = serializers.ChoiceField(choices=ContentLanguage.choices, required=False)
    title = serializers.CharField(max_length=TITLE_MAX)
    summary = serializers.CharField(max_length=SUMMARY_MAX)
    description = serializers.CharField(max_length=DESCRIPTION_MAX, required=False, default="",
                                        allow_blank=True)  # fmt: skip
    machine = serializers.BooleanField(required=False, default=False)


class MissingTranslationSerializer(serializers.Serializer):
    """A published profile and the languages of its target countries it cannot be read in."""

    ref = serializers.CharField()
    title = serializers.CharField()
    content_language = serializers.ChoiceField(choices=ContentLanguage.choices)
    target_countries = serializers.ListField(child=serializers.CharField())
    missing = serializers.ListField(child=serializers.ChoiceField(choices=ContentLanguage.choices))
    url = serializers.CharField()
