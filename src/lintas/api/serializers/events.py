"""Serializers of events. Public serializers never carry contact details."""

from __future__ import annotations

from rest_framework import serializers

from lintas.events.models import Event, Meeting, MeetingRequest, Participant, Session


class SessionSerializer(serializers.ModelSerializer):
    slots = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = (
            "id",
            "title",
            "date",
            "start_time",
            "end_time",
            "slot_minutes",
            "tables",
            "online",
            "slots",
        )

    def get_slots(self, obj) -> list[dict]:
        return [
            {"id": s.pk, "starts_at": s.starts_at, "ends_at": s.ends_at} for s in obj.slots.all()
        ]


class EventSerializer(serializers.ModelSerializer):
    sessions = SessionSerializer(many=True, read_only=True)

    class Meta:
        model = Event
        fields = (
            "slug",
            "title",
            "kind",
            "description",
            "city",
            "venue",
            "country",
            "starts_on",
            "ends_on",
            "registration_deadline",
            "max_requests_sent",
            "sessions",
        )


class ParticipantPublicSerializer(serializers.ModelSerializer):
    """What other validated participants see: name, organisation, published profile refs."""

    name = serializers.SerializerMethodField()
    organisation = serializers.CharField(source="organisation.name", default="")
    profiles = serializers.SlugRelatedField(slug_field="ref", many=True, read_only=True)

    class Meta:
        model = Participant
        fields = ("id", "name", "organisation", "profiles", "note")

    def get_name(self, obj) -> str:
        return obj.user.get_full_name() or obj.user.username


class ParticipantStaffSerializer(ParticipantPublicSerializer):
    username = serializers.CharField(source="user.username")

    class Meta(ParticipantPublicSerializer.Meta):
        fields = (*ParticipantPublicSerializer.Meta.fields, "username", "status", "checked_in_at")


class RegisterSerializer(serializers.Serializer):
    profiles = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    slots = serializers.ListField(child=serializers.IntegerField(), required=False)
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=500)


class RequestSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    sender = ParticipantPublicSerializer(read_only=True)
    receiver = ParticipantPublicSerializer(read_only=True)

    class Meta:
        model = MeetingRequest
        fields = (
            "id",
            "event",
            "sender",
            "receiver",
            "message",
            "preferred_slot",
            "status",
            "priority",
            "created_at",
        )


class RequestWriteSerializer(serializers.Serializer):
    event = serializers.SlugField()
    receiver = serializers.IntegerField()
    message = serializers.CharField(required=False, default="", allow_blank=True, max_length=1000)
    preferred_slot = serializers.IntegerField(required=False, allow_null=True)


class MeetingSerializer(serializers.ModelSerializer):
    starts_at = serializers.DateTimeField(source="slot.starts_at")
    ends_at = serializers.DateTimeField(source="slot.ends_at")
    sender = serializers.CharField(source="request.sender")
    receiver = serializers.CharField(source="request.receiver")

    class Meta:
        model = Meeting
        fields = (
            "id",
            "request",
            "slot",
            "starts_at",
            "ends_at",
            "table",
            "sender",
            "receiver",
            "fixed",
            "no_show",
            "follow_up",
        )


class RatingSerializer(serializers.Serializer):
    score = serializers.IntegerField(min_value=1, max_value=5)
    wants_to_continue = serializers.BooleanField(default=False)
