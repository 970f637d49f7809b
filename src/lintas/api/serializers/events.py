"""Serializers of events. Public serializers never carry contact details."""

from __future__ import annotations

from django.conf import settings
from rest_framework import serializers

from lintas.api import fields
from lintas.api.schema import MaybeAbsent
from lintas.events.enums import FollowUpOutcome
from lintas.events.models import Event, FollowUp, Meeting, MeetingRequest, Participant, Session


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


class ParticipantRowSerializer(MaybeAbsent, ParticipantStaffSerializer):
    """A row of ``GET /events/{slug}/participants/`` (documentation only): organisers get the
    staff fields; other participants the public ones with the recommendation's ``score`` and
    ``basis``."""

    score = serializers.FloatField(read_only=True)
    basis = serializers.CharField(read_only=True, help_text="match or sectors")
    maybe_absent = ("username", "status", "checked_in_at", "score", "basis")

    class Meta(ParticipantStaffSerializer.Meta):
        fields = (*ParticipantStaffSerializer.Meta.fields, "score", "basis")


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
    starts_at = fields.DateTimeField(source="slot.starts_at")
    ends_at = fields.DateTimeField(source="slot.ends_at")
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


class MeetingWithLinkSerializer(MeetingSerializer):
    """A meeting with its video-call link (online sessions with LINTAS_EVENT_VIDEO_URL set)."""

    online = serializers.BooleanField(source="slot.session.online")
    video_link = serializers.SerializerMethodField()

    class Meta(MeetingSerializer.Meta):
        fields = (*MeetingSerializer.Meta.fields, "online", "video_link")

    def get_video_link(self, obj) -> str:
        from lintas.events.domain.agenda import video_link

        return video_link(obj)


class AgendaSessionSerializer(serializers.Serializer):
    """A session of the forum's own programme in a participant's agenda: the items of
    ``events.domain.agenda.forum_sessions``, as the agenda page and the ICS file show them."""

    uid = serializers.CharField(
        help_text="stable when the session moves; the UID of the agenda's and the programme's "
        "calendar files"
    )
    starts_at = fields.DateTimeField()
    ends_at = fields.DateTimeField()
    title = serializers.CharField(help_text="the session's own name (the programme's topic)")
    summary = serializers.CharField(help_text="the calendar entry's name: the event and topic")
    location = serializers.CharField(allow_blank=True, help_text="room, venue, city; may be empty")
    description = serializers.CharField(
        allow_blank=True, help_text="the talks with their speakers, one a line; may be empty"
    )


class EventWriteSerializer(serializers.ModelSerializer):
    """What organisers may set on an event (the slug only when creating it)."""

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
            "published",
        )
        # Uniqueness is the domain's to check (one message on the page and the API).
        extra_kwargs = {"slug": {"validators": []}}


class EventStaffSerializer(EventSerializer):
    class Meta(EventSerializer.Meta):
        fields = (*EventSerializer.Meta.fields, "published", "cancelled_at", "cancellation_reason")


class EventReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, allow_blank=True)


class SessionWriteSerializer(serializers.ModelSerializer):
    reason = serializers.CharField(
        max_length=300, required=False, allow_blank=True, write_only=True, default=""
    )

    class Meta:
        model = Session
        fields = (
            "title",
            "date",
            "start_time",
            "end_time",
            "slot_minutes",
            "tables",
            "online",
            "reason",
        )


class ProfileTitleSerializer(serializers.Serializer):
    ref = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")


class RegistrationSerializer(serializers.ModelSerializer):
    """The organisers' view of a registration: name, organisation, offer and need titles,
    status in words."""

    name = serializers.SerializerMethodField()
    username = serializers.CharField(source="user.username")
    organisation = serializers.CharField(source="organisation.name", default="")
    profiles = ProfileTitleSerializer(many=True, read_only=True)
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Participant
        fields = (
            "id",
            "name",
            "username",
            "organisation",
            "profiles",
            "note",
            "status",
            "status_label",
            "checked_in_at",
        )

    def get_name(self, obj) -> str:
        return obj.user.get_full_name() or obj.user.username


class DecideSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(), allow_empty=False, max_length=2000
    )
    accept = serializers.BooleanField()


class WalkInSerializer(serializers.Serializer):
    account = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="user name or e-mail"
    )
    name = serializers.CharField(required=False, allow_blank=True, default="", max_length=150)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    organisation = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200
    )
    language = serializers.ChoiceField(choices=settings.LANGUAGES, default="en")


class OrganiserRequestSerializer(serializers.Serializer):
    sender = serializers.IntegerField(help_text="participant id (see participant-search)")
    receiver = serializers.IntegerField(help_text="participant id (see participant-search)")
    priority = serializers.FloatField(min_value=0, default=1.0)


class AgendaSerializer(serializers.Serializer):
    participant = RegistrationSerializer()
    meetings = MeetingWithLinkSerializer(many=True)


class CheckinCountsSerializer(serializers.Serializer):
    checked_in = serializers.IntegerField()
    expected = serializers.IntegerField()


class FollowUpSerializer(serializers.ModelSerializer):
    event = serializers.CharField(source="meeting.request.event.slug")
    starts_at = fields.DateTimeField(source="meeting.slot.starts_at")
    other = serializers.SerializerMethodField()
    outcome_label = serializers.CharField(source="get_outcome_display")

    class Meta:
        model = FollowUp
        fields = (
            "id",
            "event",
            "meeting",
            "starts_at",
            "other",
            "sent_at",
            "answered_at",
            "outcome",
            "outcome_label",
            "comment",
            "deal_id",
        )

    def get_other(self, obj) -> str:
        r = obj.meeting.request
        return str(r.receiver if r.sender_id == obj.participant_id else r.sender)


class FollowUpAnswerSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=FollowUpOutcome.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)
