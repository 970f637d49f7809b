"""Import and export over the API: the same datasets, checks and visibility as the page
(/data/) and ``lintas import``/``lintas export`` (docs/import-export.md).

Imports run in the background (:mod:`lintas.catalogue.domain.import_jobs`): a POST stores the
file and answers 202 with the job; ``GET /api/v1/import-jobs/{id}/`` reads it until it has
finished, and ``POST /api/v1/import-jobs/{id}/commit/`` imports a checked file for real.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from lintas.api.errors import domain_call
from lintas.api.serializers.transfer import ImportJobSerializer, ImportUploadSerializer
from lintas.catalogue.domain import datasets as transfer
from lintas.catalogue.domain import import_jobs
from lintas.catalogue.models import ImportJob
from lintas.core.domain.transfer import template
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


def _job_response(request, job: ImportJob) -> Response:
    job.refresh_from_db()  # with eager Celery the job has run by now
    body = ImportJobSerializer(job, context={"request": request}).data
    return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})


class ImportView(APIView):
    """Import a file in the background: every row checked, then all written in one transaction
    or none. ``.../check/`` is the dry run: the same import, rolled back. Answers 202 with the
    job; read it at ``url`` until ``status`` is done or failed."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]
    dry_run = False

    @extend_schema(
        parameters=[DATASET],
        request={"multipart/form-data": ImportUploadSerializer},
        responses={202: ImportJobSerializer},
    )
    def post(self, request, dataset: str):
        chosen = _dataset(dataset)
        if not request.user.has_perm(chosen.permission):
            raise PermissionDenied(_("You may not import %(what)s.") % {"what": chosen.label})
        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        handle = upload.validated_data["file"]
        job = domain_call(
            import_jobs.start,
            user=request.user,
            dataset=dataset,
            data=handle.read(),
            filename=handle.name,
            dry_run=self.dry_run,
        )
        return _job_response(request, job)


class ImportCheckView(ImportView):
    """The dry run of an import: every problem by row and column, nothing written."""

    dry_run = True


class ImportJobView(APIView):
    """An import you started: its status and, once done, its report."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ImportJobSerializer})
    def get(self, request, pk: int):
        job = get_object_or_404(ImportJob, pk=pk)
        if not request.user.has_perm("catalogue.view_import_job", job):
            raise Http404
        return Response(ImportJobSerializer(job, context={"request": request}).data)


class ImportJobCommitView(APIView):
    """Import for real the file a finished dry run found in order; 202 with the new job (the
    same job again when it was committed already)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={202: ImportJobSerializer})
    def post(self, request, pk: int):
        job = get_object_or_404(ImportJob, pk=pk)
        if not request.user.has_perm("catalogue.view_import_job", job):
            raise Http404
        return _job_response(request, domain_call(import_jobs.commit, user=request.user, job=job))


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
