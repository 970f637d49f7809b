"""Import and export over the API: the same datasets, checks and visibility as the page
(/data/) and ``lintas import``/``lintas export`` (docs/import-export.md)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from lintas.api.serializers.transfer import ImportReportSerializer, ImportUploadSerializer
from lintas.catalogue.domain import datasets as transfer
from lintas.core.domain.transfer import run_import, template
from lintas.core.tabular import CONTENT_TYPES, FORMATS

DATASET = OpenApiParameter(
    "dataset", str, OpenApiParameter.PATH, enum=list(transfer.DATASETS), description="what to move"
)
FORMAT = OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=list(FORMATS))
KIND = OpenApiParameter(
    "kind", str, OpenApiParameter.QUERY, enum=["offer", "need"], description="profiles only"
)
FILE_RESPONSES = {
    (200, CONTENT_TYPES["csv"].split(";")[0]): OpenApiResponse(OpenApiTypes.BINARY),
    (200, CONTENT_TYPES["xlsx"]): OpenApiResponse(OpenApiTypes.BINARY),
    (200, CONTENT_TYPES["json"]): OpenApiResponse(
        {"type": "array", "items": {"type": "object", "additionalProperties": True}}
    ),
}


class FilesNegotiation(DefaultContentNegotiation):
    """Files are answered in their own type whatever the client accepts; errors in JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _dataset(name: str):
    if name not in transfer.DATASETS:
        raise Http404
    return transfer.DATASETS[name]


def _file(data: bytes, filename: str, fmt: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ImportView(APIView):
    """Import a file: every row checked, then all written in one transaction or none.
    ``.../check/`` is the dry run: the same import, rolled back."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]
    dry_run = False

    @extend_schema(
        parameters=[DATASET],
        request={"multipart/form-data": ImportUploadSerializer},
        responses={
            200: ImportReportSerializer,
            201: ImportReportSerializer,
            400: ImportReportSerializer,
        },
    )
    def post(self, request, dataset: str):
        chosen = _dataset(dataset)
        if not request.user.has_perm(chosen.permission):
            raise PermissionDenied(_("You may not import %(what)s.") % {"what": chosen.label})
        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        handle = upload.validated_data["file"]
        if handle.size > settings.MAX_UPLOAD_BYTES:
            raise ApiValidationError(
                {
                    "file": [
                        _("The file is %(size)s MB; at most %(max)s MB are accepted.")
                        % {
                            "size": round(handle.size / (1024 * 1024), 1),
                            "max": settings.MAX_UPLOAD_BYTES // (1024 * 1024),
                        }
                    ]
                }
            )
        try:
            report = run_import(
                dataset=chosen,
                actor=request.user,
                data=handle.read(),
                filename=handle.name,
                dry_run=self.dry_run,
            )
        except ValidationError as error:
            raise ApiValidationError({"file": error.messages}) from error
        body = report.as_dict()
        if not report.ok:
            body["detail"] = _("%(n)s problems found; nothing was imported.") % {
                "n": len(report.problems)
            }
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        return Response(body, status=status.HTTP_201_CREATED if report.committed else 200)


class ImportCheckView(ImportView):
    """The dry run of an import: every problem by row and column, nothing written."""

    dry_run = True


class ExportView(APIView):
    """The dataset as a file in the import's columns. Profiles: staff get every profile and
    field, everyone else the published ones without confidential fields; organisations are
    public; people are for brokers and administrators."""

    permission_classes = [AllowAny]
    content_negotiation_class = FilesNegotiation

    @extend_schema(parameters=[DATASET, FORMAT, KIND], responses=FILE_RESPONSES)
    def get(self, request, dataset: str, fmt: str):
        _dataset(dataset)
        if fmt not in FORMATS:
            raise Http404
        if not transfer.can_export(request.user, dataset):
            if not request.user.is_authenticated:
                raise NotAuthenticated()
            raise PermissionDenied(_("Only brokers export the list of people."))
        kind = request.query_params.get("kind")
        kind = kind if kind in ("offer", "need") else None
        data = transfer.export(user=request.user, name=dataset, fmt=fmt, kind=kind)
        return _file(data, transfer.filename(dataset, fmt), fmt)


class TemplateView(APIView):
    """The empty template of a dataset (XLSX: with a sheet explaining each column)."""

    permission_classes = [AllowAny]
    content_negotiation_class = FilesNegotiation

    @extend_schema(parameters=[DATASET, FORMAT], responses=FILE_RESPONSES)
    def get(self, request, dataset: str, fmt: str):
        chosen = _dataset(dataset)
        if fmt not in FORMATS:
            raise Http404
        return _file(template(chosen, fmt), transfer.filename(dataset, fmt, template=True), fmt)
