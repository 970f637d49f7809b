"""Import reports and upload input (docs/import-export.md)."""

from rest_framework import serializers


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
    detail = serializers.CharField(required=False)
