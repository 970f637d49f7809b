"""Open-data API (public) and the KPI endpoint (brokers, officers, administrators)."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from lintas.api.serializers.insights import (
    OpenEventSerializer,
    OpenProfileSerializer,
)
from lintas.insights.domain import dashboard, opendata
from lintas.insights.forms import DashboardFilter


class OpenProfileViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Published offers and needs, public fields only."""

    permission_classes = [AllowAny]
    serializer_class = OpenProfileSerializer
    lookup_field = "ref"

    def get_queryset(self):
        return opendata.public_profiles()


class OpenEventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Published events."""

    permission_classes = [AllowAny]
    serializer_class = OpenEventSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return opendata.public_events()


class OpenStatisticsView(APIView):
    """Aggregate public figures: totals and breakdowns by year, country and sector."""

    permission_classes = [AllowAny]

    @extend_schema(responses=dict)
    def get(self, request):
        return Response(opendata.statistics())


class IsStaff(BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return bool(user.is_authenticated and (user.is_broker or user.is_officer))


class KpiView(APIView):
    """All KPIs with the dashboard's filters (?year=&country=&sector=&event=&broker=&by=)."""

    permission_classes = [IsStaff]

    @extend_schema(responses=dict)
    def get(self, request):
        form = DashboardFilter(request.query_params or None)
        if form.is_bound and not form.is_valid():
            raise ApiValidationError(form.errors)
        filters, by = form.filters(), form.dimension()
        table = dashboard.breakdown(filters, by)
        value = dashboard.agreement_value(filters) or {}
        return Response(
            {
                "filters": filters.active(),
                "totals": dashboard.totals(filters),
                "agreement_value": {k: float(v) for k, v in value.items()},
                "by": by,
                "breakdown": [{"key": r["key"], **r["values"]} for r in table["rows"]],
                "unavailable": table["unavailable"],
                "funnel": [
                    {k: (str(v) if k == "label" else v) for k, v in row.items()}
                    for row in dashboard.funnel_report(filters) or []
                ],
            }
        )
