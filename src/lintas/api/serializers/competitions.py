"""Serializers of competitions. Public ones (editions, stages, agenda, results) are kept apart
from the entitled ones (entries with their team and eligibility, assignments with scores,
rankings); inputs apart from outputs."""

import datetime
import json

from rest_framework import serializers

from lintas.api import fields
from lintas.competitions.enums import SlotKind
from lintas.competitions.models import (
    Assignment,
    Award,
    Camp,
    Competition,
    Entry,
    Field,
    Group,
    PitchSlot,
    Stage,
    TeamMember,
)


class GroupPublicSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Group
        fields = ("kind", "label", "eligibility")


class FieldPublicSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="__str__", read_only=True)
    sector = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Field
        fields = ("id", "label", "sector")


class StagePublicSerializer(serializers.ModelSerializer):
    rubric = serializers.ListField(source="criteria", read_only=True)

    class Meta:
        model = Stage
        fields = ("id", "position", "name", "starts_on", "ends_on", "rubric", "judges_per_entry",
                  "advance_per_cell", "is_final", "status")  # fmt: skip


class CompetitionPublicSerializer(serializers.ModelSerializer):
    groups = GroupPublicSerializer(many=True, read_only=True)
    fields = FieldPublicSerializer(many=True, read_only=True)
    stages = StagePublicSerializer(many=True, read_only=True)
    tie_break = serializers.ListField(source="tie_break_labels", read_only=True)

    class Meta:
        model = Competition
        fields = ("slug", "name", "edition", "organisers", "description", "status", "tie_break",
                  "results_published", "groups", "fields", "stages")  # fmt: skip


class TeamMemberSerializer(serializers.ModelSerializer):
    nationality = serializers.CharField(source="nationality.code", read_only=True)
    talent = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = TeamMember
        fields = ("name", "role", "nationality", "talent")


class EntrySerializer(serializers.ModelSerializer):
    """An entry as its entrant, officers and judges see it."""

    competition = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    group = serializers.CharField(source="group.kind", read_only=True)
    field = serializers.CharField(source="field.__str__", read_only=True)
    stage = serializers.CharField(source="stage.name", read_only=True, default=None)
    members = TeamMemberSerializer(many=True, read_only=True)
    offer = serializers.SlugRelatedField(slug_field="ref", read_only=True)
    has_pitch_deck = serializers.SerializerMethodField()
    has_business_plan = serializers.SerializerMethodField()
    editable_until = serializers.SerializerMethodField(
        help_text="The last day its entrant may change it (null: no longer)."
    )

    class Meta:
        model = Entry
        fields = ("id", "number", "competition", "project_name", "summary", "group", "field",
                  "country", "organisation_name", "founded_year", "capital_usd", "revenue_usd",
                  "offer", "status", "eligibility_reasons", "stage", "members",
                  "has_pitch_deck", "has_business_plan", "editable_until",
                  "withdrawal_reason", "withdrawn_at", "created_at")  # fmt: skip

    def get_editable_until(self, obj) -> datetime.date | None:
        from lintas.competitions.domain.entries import edit_deadline, editable

        return edit_deadline(obj) if editable(obj) else None

    def get_has_pitch_deck(self, obj) -> bool:
        return bool(obj.pitch_deck)

    def get_has_business_plan(self, obj) -> bool:
        return bool(obj.business_plan)


class MemberInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    role = serializers.CharField(max_length=120, required=False, default="")
    nationality = serializers.CharField(max_length=2)
    talent = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")


class EntryInputSerializer(serializers.Serializer):
    """Enter a project. Multipart (with ``pitch_deck`` and ``business_plan`` files and
    ``members`` as a JSON string) or JSON (without files)."""

    competition = serializers.SlugField()
    group = serializers.ChoiceField(choices=["enterprise", "team"])
    field = serializers.IntegerField()
    project_name = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=3000, required=False, default="")
    country = serializers.CharField(max_length=2)
    organisation_name = serializers.CharField(max_length=200, required=False, default="")
    founded_year = serializers.IntegerField(required=False, allow_null=True, default=None)
    capital_usd = serializers.IntegerField(required=False, allow_null=True, default=None,
                                           min_value=0)  # fmt: skip
    revenue_usd = serializers.IntegerField(required=False, allow_null=True, default=None,
                                           min_value=0)  # fmt: skip
    offer = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    members = serializers.JSONField(
        help_text="A list of {name, role, nationality, talent}; in "
        "a multipart request, that list as a JSON string."
    )
    pitch_deck = serializers.FileField(required=False, allow_null=True, default=None)
    business_plan = serializers.FileField(required=False, allow_null=True, default=None)

    def validate_members(self, value):
        if isinstance(value, str):  # multipart: the list arrives as a JSON string
            try:
                value = json.loads(value)
            except ValueError:
                raise serializers.ValidationError("Value must be valid JSON.") from None
        rows = MemberInputSerializer(data=value, many=True)
        rows.is_valid(raise_exception=True)
        return rows.validated_data


class EntryEditInputSerializer(serializers.Serializer):
    """Change an entry (PATCH; only the fields given change). Group, field, country and team
    stay as entered. Multipart to replace ``pitch_deck`` or ``business_plan``."""

    project_name = serializers.CharField(max_length=200, required=False)
    summary = serializers.CharField(max_length=3000, required=False, allow_blank=True)
    organisation_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    founded_year = serializers.IntegerField(required=False, allow_null=True, min_value=1900,
                                            max_value=2100)  # fmt: skip
    capital_usd = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    revenue_usd = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    offer = serializers.CharField(max_length=20, required=False, allow_blank=True,
                                  help_text="An offer's reference; empty to unlink.")  # fmt: skip
    pitch_deck = serializers.FileField(required=False)
    business_plan = serializers.FileField(required=False)


class WithdrawInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class ConflictInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class AssignmentSerializer(serializers.ModelSerializer):
    entry = serializers.IntegerField(source="entry_id", read_only=True)
    project_name = serializers.CharField(source="entry.project_name", read_only=True)
    judge = serializers.CharField(source="judge.talent.slug", read_only=True)
    stage = serializers.IntegerField(source="stage_id", read_only=True)
    values = serializers.SerializerMethodField()
    total = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = ("id", "stage", "entry", "project_name", "judge", "affinity", "values", "total")

    def get_values(self, obj) -> dict | None:
        score = getattr(obj, "score", None)
        return score.values if score else None

    def get_total(self, obj) -> float | None:
        score = getattr(obj, "score", None)
        return score.total if score else None


class ScoreInputSerializer(serializers.Serializer):
    values = serializers.DictField(child=serializers.IntegerField())
    comment = serializers.CharField(max_length=3000, required=False, allow_blank=True, default="")


class RankingRowSerializer(serializers.Serializer):
    entry = serializers.IntegerField(source="entry.pk")
    project_name = serializers.CharField(source="entry.project_name")
    group = serializers.CharField(source="entry.group.kind")
    field = serializers.CharField(source="entry.field.__str__")
    rank = serializers.IntegerField(allow_null=True)
    raw_mean = serializers.FloatField(allow_null=True)
    normalised = serializers.FloatField(allow_null=True)
    scores = serializers.IntegerField()
    assigned = serializers.IntegerField()


class AdvancementSerializer(serializers.Serializer):
    entry = serializers.IntegerField(source="entry_id")
    rank = serializers.IntegerField()
    raw_mean = serializers.FloatField()
    normalised = serializers.FloatField()
    advanced = serializers.BooleanField()


class JudgeInputSerializer(serializers.Serializer):
    talent = serializers.SlugField()
    max_load = serializers.IntegerField(min_value=1, max_value=200, default=10)


class JudgeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    talent = serializers.CharField(source="talent.slug")
    name = serializers.CharField(source="talent.name")
    max_load = serializers.IntegerField()


class ScheduleInputSerializer(serializers.Serializer):
    starts_at = fields.DateTimeField()
    rooms = serializers.ListField(child=serializers.CharField(max_length=80), min_length=1)
    pitch = serializers.IntegerField(min_value=1, max_value=60, default=7)
    questions = serializers.IntegerField(min_value=0, max_value=60, default=5)
    block = serializers.IntegerField(min_value=1, max_value=50, default=4)
    break_minutes = serializers.IntegerField(min_value=0, max_value=120, default=15)


class PitchSlotSerializer(serializers.ModelSerializer):
    """A slot of the final's agenda. A break, and the free slot of a finalist who withdrew
    after the schedule was built (kind ``withdrawn``), have no entry and no project name: the
    public agenda never names a withdrawn team."""

    entry = serializers.IntegerField(source="entry_id", allow_null=True)
    project_name = serializers.CharField(source="entry.project_name", default=None, allow_null=True)

    class Meta:
        model = PitchSlot
        fields = ("kind", "room", "starts_at", "pitch_ends_at", "ends_at", "entry", "project_name")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.kind == SlotKind.WITHDRAWN:
            data["entry"] = data["project_name"] = None
        return data


class AwardSerializer(serializers.ModelSerializer):
    group = serializers.CharField(source="group.kind", default=None, allow_null=True)
    entry = serializers.IntegerField(source="entry_id")
    project_name = serializers.CharField(source="entry.project_name")
    country = serializers.CharField(source="entry.country.code")

    class Meta:
        model = Award
        fields = ("kind", "group", "place", "name", "entry", "project_name", "country")


class SpecialAwardInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    entry = serializers.IntegerField()


class PublishInputSerializer(serializers.Serializer):
    published = serializers.BooleanField(default=True)


class CampSerializer(serializers.ModelSerializer):
    competition = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    cohort = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    mentors = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Camp
        fields = ("id", "competition", "name", "location", "programme", "cohort", "mentors")


class CohortInputSerializer(serializers.Serializer):
    entry = serializers.IntegerField()


class MentorInputSerializer(serializers.Serializer):
    talent = serializers.SlugField()


class SessionInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    date = serializers.DateField()
    location = serializers.CharField(max_length=200, required=False, default="")


class FiguresSerializer(serializers.Serializer):
    entries = serializers.IntegerField()
    eligible = serializers.IntegerField()
    countries = serializers.ListField(child=serializers.DictField())
    fields = serializers.ListField(child=serializers.DictField())
    groups = serializers.ListField(child=serializers.DictField())
    stages = serializers.ListField(child=serializers.DictField())
    became_deals = serializers.IntegerField()
    became_agreements = serializers.IntegerField()


class CompetitionInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    edition = serializers.IntegerField(min_value=1, max_value=999)
    organisers = serializers.CharField(max_length=300, required=False, default="")
    description = serializers.CharField(required=False, default="")
    sectors = serializers.ListField(child=serializers.SlugField(), required=False, default=list)


class CompetitionUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False)
    edition = serializers.IntegerField(min_value=1, max_value=999, required=False)
    organisers = serializers.CharField(max_length=300, required=False)
    description = serializers.CharField(required=False)
    status = serializers.CharField(required=False)
    tie_break = serializers.ListField(child=serializers.CharField(), required=False)


class GroupRulesInputSerializer(serializers.Serializer):
    group = serializers.ChoiceField(choices=["enterprise", "team"])
    rules = serializers.DictField()


class FieldInputSerializer(serializers.Serializer):
    sector = serializers.SlugField()


class StageInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    judges_per_entry = serializers.IntegerField(min_value=1, max_value=15, default=3)
    advance_per_cell = serializers.IntegerField(min_value=1, default=2)
    is_final = serializers.BooleanField(default=False)
    rubric = serializers.DictField(child=serializers.IntegerField(min_value=0, max_value=100))
