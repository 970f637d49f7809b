"""Serializers of programmes. Public serializers (programmes, calls) are kept apart from the
staff/owner ones (applications, reviews, placements)."""

from rest_framework import serializers

from lintas.programmes.models import Application, Call, Placement, Programme, Review


class ProgrammePublicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = ("slug", "name", "kind", "description")


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
        fields = ("id", "application", "reviewer", "affinity", "scores", "comment", "submitted_at")


class PlacementSerializer(serializers.ModelSerializer):
    host = serializers.CharField(source="host.name")
    organisation = serializers.CharField(source="host.organisation.slug")
    researcher = serializers.CharField(source="application.full_name")

    class Meta:
        model = Placement
        fields = ("id", "application", "researcher", "host", "organisation", "start", "end",
                  "status", "affinity", "explanation")  # fmt: skip
