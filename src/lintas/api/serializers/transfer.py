"""Import reports and upload input (docs/import-export.md)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lintas.api import fields


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV (UTF-8), XLSX or JSON in the template's columns.")


class ImportProblemSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="Row of the file (the header is row 1; JSON: item)")
    column = serializers.CharField(help_text="Column name, empty for the whole row")
    message = serializers.CharField()


class ImportReportSerializer(serializers.Serializer):
    dataset = serializers.CharField()
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField(help_text="Data rows read")
    committed = serializers.BooleanField(help_text="True when the rows were written")
    accepted = serializers.ListField(
        child=serializers.CharField(), help_text="One line per row in order (reference, name)"
    )
    problems = ImportProblemSerializer(many=True)


class ImportJobSerializer(serializers.Serializer):
    """An import run in the background; poll ``url`` until ``status`` is no longer queued."""

    id = serializers.IntegerField()
    dataset = serializers.CharField()
    filename = serializers.CharField()
    dry_run = serializers.BooleanField()
    status = serializers.ChoiceField(
        choices=["queued", "done", "failed"],
        help_text="queued (waiting or running), done (report filled in), failed (error says why)",
    )
    error = serializers.CharField(help_text="Why the file could not be read (status failed)")
    report = serializers.SerializerMethodField()
    checked = serializers.IntegerField(
        source="checked_id", allow_null=True, help_text="The dry run a commit follows"
    )
    url = serializers.SerializerMethodField()
    commit_url = serializers.SerializerMethodField()
    created_at = fields.DateTimeField()
    finished_at = fields.DateTimeField(allow_null=True)

    @extend_schema_field(serializers.URLField())
    def get_url(self, job) -> str:
        return self.context["request"].build_absolute_uri(f"/api/v1/import-jobs/{job.pk}/")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_commit_url(self, job) -> str | None:
        if not job.can_commit:
            return None
        return self.context["request"].build_absolute_uri(f"/api/v1/import-jobs/{job.pk}/commit/")

    @extend_schema_field(ImportReportSerializer(allow_null=True))
    def get_report(self, job) -> dict | None:
        return job.report or None
