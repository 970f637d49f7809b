"""Serializers of the forum calls for abstracts (talents.domain.abstracts)."""

from django.utils import timezone
from rest_framework import serializers

from lintas.api import fields
from lintas.catalogue.enums import ContentLanguage
from lintas.talents.models import Abstract, AbstractCall, AbstractReview, Talent


class AbstractCallSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    event_title = serializers.CharField(source="event.title", read_only=True)
    topics = serializers.ListField(child=serializers.CharField(), source="topic_list")
    criteria = serializers.ListField(child=serializers.CharField(), source="criteria_list")
    open = serializers.SerializerMethodField()

    class Meta:
        model = AbstractCall
        fields = ("id", "event", "event_title", "title", "description", "topics", "deadline",
                  "reviews_per_abstract", "criteria", "published_at", "open")  # fmt: skip
        read_only_fields = fields

    def get_open(self, call) -> bool:
        return timezone.now() <= call.deadline


class AbstractCallCreateSerializer(serializers.Serializer):
    event = serializers.SlugField(help_text="the event's short name (slug)")
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, max_length=3000)
    topics = serializers.ListField(child=serializers.CharField(max_length=100), min_length=1)
    deadline = fields.DateTimeField()
    reviews_per_abstract = serializers.IntegerField(min_value=1, max_value=5, default=2)


class AbstractSerializer(serializers.ModelSerializer):
    call = serializers.PrimaryKeyRelatedField(read_only=True)
    author = serializers.CharField(source="author.username", read_only=True)

    class Meta:
        model = Abstract
        fields = ("id", "call", "author", "title", "text", "authors", "topic", "language",
                  "status", "decided_at", "created_at")  # fmt: skip
        read_only_fields = fields


class AbstractSubmitSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    text = serializers.CharField(max_length=3000)
    authors = serializers.CharField(max_length=500)
    topic = serializers.CharField(max_length=100)
    language = serializers.ChoiceField(choices=ContentLanguage.choices)


class RankedAbstractSerializer(serializers.Serializer):
    """An abstract as organisers see it, with its reviews' mean score."""

    abstract = AbstractSerializer()
    mean = serializers.FloatField(allow_null=True)
    reviews_done = serializers.IntegerField()
    reviews = serializers.IntegerField()


class ReviewerSeatSerializer(serializers.Serializer):
    talent = serializers.SlugRelatedField(
        slug_field="slug", queryset=Talent.objects.filter(listed=True)
    )
    max_load = serializers.IntegerField(min_value=1, max_value=50, default=5)


class AbstractReviewSerializer(serializers.ModelSerializer):
    abstract = serializers.PrimaryKeyRelatedField(read_only=True)
    reviewer = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = AbstractReview
        fields = ("id", "abstract", "reviewer", "affinity", "explanation", "scores", "comment",
                  "submitted_at")  # fmt: skip
        read_only_fields = fields


class AbstractReviewInputSerializer(serializers.Serializer):
    scores = serializers.DictField(child=serializers.IntegerField(min_value=1, max_value=5))
    comment = serializers.CharField(required=False, allow_blank=True, max_length=3000)


class AbstractConflictInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class AbstractDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[("accept", "accept"), ("reject", "reject")])


class ForumTalkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    speaker = serializers.CharField()
    authors = serializers.CharField()
    language = serializers.CharField()


class ForumSessionSerializer(serializers.Serializer):
    topic = serializers.CharField()
    starts_at = fields.DateTimeField(allow_null=True, help_text="null: no time set yet")
    ends_at = fields.DateTimeField(allow_null=True)
    room = serializers.CharField(allow_blank=True)
    talks = ForumTalkSerializer(many=True)


class SessionTimeInputSerializer(serializers.Serializer):
    """When and where one topic's session takes place (within the event's days)."""

    topic = serializers.CharField(max_length=100)
    starts_at = fields.DateTimeField()
    ends_at = fields.DateTimeField()
    room = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
