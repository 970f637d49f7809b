"""Serializers of integrations: personal API tokens, webhooks and their delivery log."""

from rest_framework import serializers

from lintas.api import fields
from lintas.integrations.enums import WebhookEvent
from lintas.integrations.models import ApiToken, Delivery, Webhook


class ApiTokenSerializer(serializers.ModelSerializer):
    active = serializers.BooleanField(read_only=True)

    class Meta:
        model = ApiToken
        fields = ("id", "name", "prefix", "created_at", "last_used_at", "revoked_at", "active")
        read_only_fields = fields


class ApiTokenCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)


class ApiTokenCreatedSerializer(ApiTokenSerializer):
    """The answer to a creation: the only time ``token`` itself is shown."""

    token = serializers.CharField(read_only=True)

    class Meta(ApiTokenSerializer.Meta):
        fields = (*ApiTokenSerializer.Meta.fields, "token")
        read_only_fields = fields


class WebhookSerializer(serializers.ModelSerializer):
    events = serializers.ListField(child=serializers.ChoiceField(choices=WebhookEvent.choices))

    class Meta:
        model = Webhook
        fields = ("id", "name", "url", "events", "active", "secret", "created_at")
        read_only_fields = ("id", "secret", "created_at")


class WebhookWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    url = serializers.CharField(max_length=500)
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookEvent.choices), allow_empty=False
    )
    active = serializers.BooleanField(default=True)
    new_secret = serializers.BooleanField(default=False, write_only=True)


class AttemptSerializer(serializers.Serializer):
    at = fields.DateTimeField()
    status = serializers.IntegerField(allow_null=True)
    error = serializers.CharField(allow_blank=True)
    response = serializers.CharField(allow_blank=True)
    duration_ms = serializers.IntegerField()


class DeliverySerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    attempts_log = AttemptSerializer(many=True, read_only=True)

    class Meta:
        model = Delivery
        fields = (
            "id",
            "event",
            "status",
            "attempts",
            "response_status",
            "created_at",
            "delivered_at",
            "next_attempt_at",
            "payload",
            "attempts_log",
        )
        read_only_fields = fields
