"""Serializers of programmes. Public serializers (programmes, calls) are kept apart from the
staff/owner ones (applications, reviews, placements)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lintas.api import fields
from lintas.core.models import Organisation
from lintas.programmes.enums import DECISIONS, CallStatus, DocumentKind, ProgrammeKind, RunKind
from lintas.programmes.models import (
    Application,
    AssignmentRun,
    Call,
    Certificate,
    Conflict,
    Host,
    Participant,
    Placement,
    Programme,
    Review,
    Reviewer,
    ReviewerInvitation,
    TrainingSession,
)


class ProgrammePublicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = ("slug", "name", "kind", "description", "issuer")


class CallPublicSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Call
        fields = ("slug", "programme", "title", "description", "status", "opens_on", "deadline",
                  "review_round", "eligibility", "required_documents", "stipend_monthly",
                  "currency", "duration_min_months", "duration_max_months")  # fmt: skip


class ApplicationStaffSerializer(serializers.ModelSerializer):
    call = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Application
        fields = ("id", "call", "status", "full_name", "nationality", "degree", "proposal",
                  "publications", "preferred_fields", "months", "submitted_at", "decided_at")  # fmt: skip


class ReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = Review
        fields = ("id", "application", "reviewer", "affinity", "explanation", "scores", "comment",
                  "submitted_at")  # fmt: skip


class PlacementSerializer(serializers.ModelSerializer):
    host = serializers.CharField(source="host.name")
    organisation = serializers.CharField(source="host.organisation.slug")
    researcher = serializers.CharField(source="application.full_name")
    changes = serializers.SerializerMethodField()

    class Meta:
        model = Placement
        fields = ("id", "application", "researcher", "host", "organisation", "start", "end",
                  "status", "affinity", "explanation", "changes")  # fmt: skip

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_changes(self, placement):
        """The history of the placement's dates, newest first."""
        return [
            {
                "changed_at": c.changed_at.isoformat(),
                "changed_by": c.changed_by_id,
                "old_start": c.old_start.isoformat(),
                "old_end": c.old_end.isoformat(),
                "new_start": c.new_start.isoformat(),
                "new_end": c.new_end.isoformat(),
                "reason": c.reason,
            }
            for c in placement.changes.all()
        ]


# --- the officer's round (issue 19 §2): input serializers apart from output ones ---------


class ProgrammeInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=ProgrammeKind.choices)
    description = serializers.CharField(required=False, allow_blank=True)
    issuer = serializers.CharField(required=False, allow_blank=True, max_length=200)


class CallStaffSerializer(CallPublicSerializer):
    """What officers see of a call: the public fields and the review settings."""

    class Meta(CallPublicSerializer.Meta):
        fields = (*CallPublicSerializer.Meta.fields, "reviews_per_application", "criteria",
                  "preferred_host_bonus")  # fmt: skip


class CallInputSerializer(serializers.Serializer):
    """A call as officers write it; ``programme`` (a slug) only when creating."""

    programme = serializers.SlugField(required=False)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=CallStatus.choices, required=False)
    opens_on = serializers.DateField()
    deadline = fields.DateTimeField()
    review_round = serializers.CharField(required=False, allow_blank=True, max_length=40)
    eligibility = serializers.JSONField(required=False)
    required_documents = serializers.ListField(
        child=serializers.ChoiceField(choices=DocumentKind.choices), required=False
    )
    stipend_monthly = serializers.DecimalField(max_digits=10, decimal_places=2, required=False)
    currency = serializers.CharField(max_length=3, required=False)
    duration_min_months = serializers.IntegerField(min_value=1, max_value=60, required=False)
    duration_max_months = serializers.IntegerField(min_value=1, max_value=60, required=False)
    reviews_per_application = serializers.IntegerField(min_value=1, max_value=10, required=False)
    criteria = serializers.ListField(child=serializers.CharField(max_length=60), required=False)
    preferred_host_bonus = serializers.FloatField(min_value=0, max_value=10, required=False)


class RulesInputSerializer(serializers.Serializer):
    eligibility = serializers.JSONField()


class RuleResultSerializer(serializers.Serializer):
    rule = serializers.CharField()
    label = serializers.CharField()
    requirement = serializers.CharField()
    value = serializers.CharField()
    passed = serializers.BooleanField()
    message = serializers.CharField()


class EligibilityPreviewSerializer(serializers.Serializer):
    application = serializers.IntegerField(source="application.pk")
    full_name = serializers.CharField(source="application.full_name")
    status = serializers.CharField(source="application.status")
    passes = serializers.BooleanField()
    passes_saved_rules = serializers.BooleanField(source="now")
    results = serializers.SerializerMethodField()

    @extend_schema_field(RuleResultSerializer(many=True))
    def get_results(self, row):
        return [r.as_dict() for r in row["results"]]


class ApplicationEligibilitySerializer(ApplicationStaffSerializer):
    """An application with each eligibility rule applied to it (pass/fail with the value)."""

    eligibility = serializers.SerializerMethodField()

    class Meta(ApplicationStaffSerializer.Meta):
        fields = (*ApplicationStaffSerializer.Meta.fields, "years_experience",
                  "organisation_type", "founded_year", "capital_usd", "revenue_usd", "eligibility")  # fmt: skip

    @extend_schema_field(RuleResultSerializer(many=True))
    def get_eligibility(self, application):
        from lintas.programmes.domain.calls import evaluation

        return [r.as_dict() for r in evaluation(application)]


class PoolMemberSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    name = serializers.SerializerMethodField()

    class Meta:
        model = Reviewer
        fields = ("id", "user", "username", "name", "max_load", "publications")

    def get_name(self, row) -> str:
        return row.user.get_full_name() or row.user.username


class PoolAddSerializer(serializers.Serializer):
    user = serializers.IntegerField()
    max_load = serializers.IntegerField(min_value=1, max_value=50, default=5)
    publications = serializers.ListField(
        child=serializers.DictField(), required=False, default=list
    )


class InviteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField()
    max_load = serializers.IntegerField(min_value=1, max_value=50, default=5)


class InvitationSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewerInvitation
        fields = ("id", "name", "email", "max_load", "created_at", "accepted_at")


class ConflictSerializer(serializers.ModelSerializer):
    class Meta:
        model = Conflict
        fields = ("id", "application", "reviewer", "reason", "recorded_by", "created_at")
        read_only_fields = ("recorded_by", "created_at")


class UserFoundSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField(source="get_full_name")
    organisation = serializers.CharField(source="organisation.name", default="")


class CallRankingRowSerializer(serializers.Serializer):
    application = serializers.IntegerField(source="application.pk")
    full_name = serializers.CharField(source="application.full_name")
    status = serializers.CharField(source="application.status")
    reviews_done = serializers.IntegerField()
    reviews = serializers.IntegerField()
    mean = serializers.FloatField(allow_null=True)
    lowest = serializers.FloatField(allow_null=True)
    highest = serializers.FloatField(allow_null=True)
    spread = serializers.FloatField(allow_null=True)
    disagreement = serializers.BooleanField()


class DecisionInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[(d.value, d.label) for d in DECISIONS])
    applications = serializers.ListField(child=serializers.IntegerField(), min_length=1)
    override_reason = serializers.CharField(required=False, allow_blank=True, max_length=300)
    confirm = serializers.BooleanField(default=False)


class DecisionPreviewSerializer(serializers.Serializer):
    application = serializers.IntegerField(source="application.pk")
    full_name = serializers.CharField(source="application.full_name")
    to = serializers.EmailField()
    language = serializers.CharField()
    subject = serializers.CharField()
    body = serializers.CharField()
    reviews_done = serializers.IntegerField()
    needs_override = serializers.BooleanField()
    refused = serializers.CharField()


class RunSerializer(serializers.ModelSerializer):
    call = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = AssignmentRun
        fields = ("id", "call", "kind", "status", "progress", "stage", "created_at",
                  "started_at", "finished_at", "result", "error")  # fmt: skip


class RunInputSerializer(serializers.Serializer):
    call = serializers.SlugField()
    kind = serializers.ChoiceField(choices=RunKind.choices)


class HostSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", queryset=Programme.objects.all())
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all()
    )

    class Meta:
        model = Host
        fields = ("id", "slug", "programme", "organisation", "name", "research_areas",
                  "capacity", "supervisor", "supervisor_email")  # fmt: skip
        read_only_fields = ("slug",)


class HostPublicSerializer(HostSerializer):
    class Meta(HostSerializer.Meta):
        fields = ("id", "slug", "programme", "organisation", "name", "research_areas",
                  "capacity", "supervisor")  # fmt: skip


class TrainingSessionSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", queryset=Programme.objects.all())

    class Meta:
        model = TrainingSession
        fields = ("id", "programme", "title", "date", "location")


class TraineeSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="slug", queryset=Programme.objects.all())

    class Meta:
        model = Participant
        fields = ("id", "programme", "name", "email", "country")


class CertificatePublicSerializer(serializers.ModelSerializer):
    """What the paper shows, and whether it still holds."""

    programme = serializers.CharField(source="programme.name")
    valid = serializers.SerializerMethodField()
    verification_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = ("number", "kind", "holder", "statement", "programme", "issued_on", "issuer",
                  "valid", "revoked_at", "revoked_reason", "verification_url")  # fmt: skip

    def get_valid(self, item) -> bool:
        return item.revoked_at is None

    def get_verification_url(self, item) -> str:
        from lintas.programmes.domain.certificates import verification_url

        return verification_url(item)


class CertificateIssueSerializer(serializers.Serializer):
    application = serializers.IntegerField(required=False)
    participant = serializers.IntegerField(required=False)

    def validate(self, data):
        if bool(data.get("application")) == bool(data.get("participant")):
            raise serializers.ValidationError(_("Name either an application or a trainee."))
        return data


class PlacementDatesSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    reason = serializers.CharField(max_length=300)
