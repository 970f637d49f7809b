"""Serializers of the brokerage: interests, deals, messages, agreements.

Deal payloads never carry contact details; ``contacts`` appears (DealIntroducedSerializer)
only after both sides consented, and only for people entitled to it.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lintas.api import fields
from lintas.api.schema import MaybeAbsent
from lintas.brokerage.domain import deals as deal_domain
from lintas.brokerage.domain.contacts import DealContacts, deal_contacts
from lintas.brokerage.enums import AgreementType, DeclineCode, Source, Stage
from lintas.brokerage.models import Agreement, Deal, DealNote, Message
from lintas.catalogue.domain import access as profile_access
from lintas.catalogue.models import Profile
from lintas.core.models import Organisation


class DealSerializer(serializers.ModelSerializer):
    """What either party and brokers see of a deal before (and after) the introduction."""

    profile = serializers.SlugRelatedField(slug_field="ref", read_only=True)
    counterpart_profile = serializers.SlugRelatedField(
        slug_field="ref", read_only=True, allow_null=True
    )
    requester_org = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    owner_org = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    broker = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    introduced = serializers.BooleanField(source="is_introduced", read_only=True)
    event_id = serializers.IntegerField(label="Event", read_only=True, allow_null=True)
    stage_choices = serializers.SerializerMethodField()

    class Meta:
        model = Deal
        fields = (
            "id", "profile", "counterpart_profile", "requester_org", "owner_org", "broker",
            "message", "source", "event_id", "owner_consent", "broker_consent", "introduced",
            "introduced_at", "stage", "stage_choices", "version", "last_activity_at", "created_at",
        )  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(Stage.choices)))
    def get_stage_choices(self, deal) -> list[str]:
        """The current stage, then the stages the caller may move the deal to (the deal page
        offers the same)."""
        request = self.context.get("request")
        if request is None:
            return [deal.stage]
        return deal_domain.stage_choices(user=request.user, deal=deal)


class RequesterContactSerializer(serializers.Serializer):
    """The person who expressed the interest, as the deal page shows them."""

    name = serializers.CharField()
    email = serializers.EmailField()


class DealIntroducedSerializer(MaybeAbsent, DealSerializer):
    """Adds the contact details, for entitled people once both sides consented. ``GET
    /deals/{id}/`` answers without both fields before that (or for people not entitled)."""

    maybe_absent = ("contacts", "requester_contact")

    contacts = serializers.SerializerMethodField()
    requester_contact = serializers.SerializerMethodField()

    class Meta(DealSerializer.Meta):
        fields = (*DealSerializer.Meta.fields, "contacts", "requester_contact")
        read_only_fields = fields

    def _contacts(self, deal) -> DealContacts:
        # The deal page's rule (and its audit): the view passes what it computed for one deal.
        contacts = self.context.get("contacts")
        if contacts is None:
            contacts = deal_contacts(user=self.context["request"].user, deal=deal)
        return contacts

    def get_contacts(self, deal) -> list[dict]:
        return [
            {"ref": prof.ref, **profile_access.confidential_dict(prof)}
            for prof in self._contacts(deal).profiles
        ]

    @extend_schema_field(RequesterContactSerializer(allow_null=True))
    def get_requester_contact(self, deal) -> dict | None:
        person = self._contacts(deal).requester
        if person is None:
            return None
        return {"name": person.get_full_name() or person.username, "email": person.email}


class InterestCreateSerializer(serializers.Serializer):
    profile = serializers.CharField(help_text="ref of the published profile")
    message = serializers.CharField(trim_whitespace=False)
    counterpart_profile = serializers.CharField(required=False, allow_blank=True)
    source = serializers.ChoiceField(choices=Source.choices, default=Source.SEARCH)
    event_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class AnswerSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False)
    # On decline or reject: a coded reason (see DeclineReasonInputSerializer).
    reason = serializers.ChoiceField(choices=DeclineCode.choices, required=False)
    reason_text = serializers.CharField(required=False, allow_blank=True, max_length=500)


class StageSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    version = serializers.IntegerField()
    note = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)


class MessageSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)
    attachment_url = serializers.SerializerMethodField()

    class Meta:
        model = Message
        fields = ("id", "deal", "conversation", "author", "body", "attachment_url",
                  "attachment_type", "created_at")  # fmt: skip
        read_only_fields = fields

    def get_attachment_url(self, message) -> str | None:
        return message.attachment_url() if message.attachment else None


class MessageCreateSerializer(serializers.Serializer):
    deal = serializers.IntegerField()
    body = serializers.CharField(trim_whitespace=False)
    attachment = serializers.FileField(required=False)


class AgreementSerializer(serializers.ModelSerializer):
    parties = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Organisation.objects.all()
    )
    profiles = serializers.SlugRelatedField(
        slug_field="ref", many=True, queryset=Profile.objects.all(), required=False
    )
    deal = serializers.PrimaryKeyRelatedField(
        queryset=Deal.objects.all(), required=False, allow_null=True
    )
    type = serializers.ChoiceField(choices=AgreementType.choices)
    currency = serializers.CharField(max_length=3, required=False, allow_blank=True)
    value = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, allow_null=True, min_value=0
    )
    event_id = serializers.IntegerField(label="Event", required=False, allow_null=True, min_value=1)

    class Meta:
        model = Agreement
        fields = ("id", "title", "type", "parties", "signed_on", "value", "currency",
                  "profiles", "deal", "event_id", "notes", "created_at")  # fmt: skip
        read_only_fields = ("id", "created_at")


class InboxSectionSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="validate, revisions, approve, consent, stalled, "
                                "meetings, matches or messages")  # fmt: skip
    title = serializers.CharField()
    count = serializers.IntegerField()


class InboxSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    sections = InboxSectionSerializer(many=True)


class DealNoteSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = DealNote
        fields = ("id", "text", "stage", "author", "created_at")
        read_only_fields = fields

    def get_author(self, obj) -> str | None:
        return obj.author.username if obj.author_id else None


class DealNoteCreateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)


class MessageTranslationSerializer(serializers.Serializer):
    """A message in the reader's language; ``machine`` is true for machine output."""

    message = serializers.IntegerField()
    language = serializers.CharField()
    source_language = serializers.CharField(allow_null=True)
    text = serializers.CharField()
    machine = serializers.BooleanField()
    same_language = serializers.BooleanField()


class DeclineReasonInputSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=DeclineCode.choices, required=False)
    reason_text = serializers.CharField(required=False, allow_blank=True, max_length=500)


class IntroduceSerializer(serializers.Serializer):
    message = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ManualMatchSerializer(serializers.Serializer):
    offer = serializers.CharField(help_text="reference of a published offer")
    need = serializers.CharField(help_text="reference of a published need")
    note = serializers.CharField(max_length=2000)


class MatchProfileSerializer(serializers.Serializer):
    ref = serializers.CharField()
    title = serializers.CharField()
    organisation = serializers.CharField(source="organisation.name")
    country = serializers.CharField(source="organisation.country.code")
    language = serializers.CharField(source="content_language")


class MatchNoteSerializer(serializers.Serializer):
    text = serializers.CharField()
    author = serializers.CharField(source="author.username", allow_null=True)
    created_at = fields.DateTimeField()


class NetworkMatchSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    offer = MatchProfileSerializer()
    need = MatchProfileSerializer()
    band = serializers.CharField(allow_null=True)
    source = serializers.CharField()
    pinned = serializers.BooleanField()
    dismissed = serializers.BooleanField()
    explanation = serializers.JSONField()
    notes = MatchNoteSerializer(many=True, source="notes.all")
    open_deal = serializers.IntegerField(source="open_deal_id", allow_null=True)


class DeclineCountsSerializer(serializers.Serializer):
    counts = serializers.DictField(child=serializers.IntegerField())
    total = serializers.IntegerField()
