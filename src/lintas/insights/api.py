"""Open-data API (public) and the KPI endpoint (brokers, officers, administrators)."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from lintas.catalogue.domain.access import public_dict
from lintas.insights.domain import dashboard, opendata
from lintas.insights.forms import DashboardFilter


class OpenProfileSerializer(serializers.Serializer):
    """Exactly catalogue's public_dict: nothing confidential can be added here by mistake.
    The declared fields only describe the output for the OpenAPI schema."""

    ref = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    keywords = serializers.ListField(child=serializers.CharField(), read_only=True)
    trl = serializers.IntegerField(read_only=True, allow_null=True)
    ipr_status = serializers.CharField(read_only=True)
    patent_numbers = serializers.CharField(read_only=True)
    cooperation_modes = serializers.ListField(child=serializers.CharField(), read_only=True)
    target_countries = serializers.ListField(child=serializers.CharField(), read_only=True)
    content_language = serializers.CharField(read_only=True)
    organisation = serializers.CharField(read_only=True)
    country = serializers.CharField(read_only=True)
    sectors = serializers.ListField(child=serializers.CharField(), read_only=True)
    status = serializers.CharField(read_only=True)
    published_at = serializers.DateTimeField(read_only=True, allow_null=True)
    expires_on = serializers.DateField(read_only=True, allow_null=True)

    def to_representation(self, instance):
        return public_dict(instance)


class OpenEventSerializer(serializers.Serializer):
    """Public event fields (declared for the OpenAPI schema; output from opendata.event_rows)."""

    slug = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    city = serializers.CharField(read_only=True)
    country = serializers.CharField(read_only=True)
    starts_on = serializers.DateField(read_only=True)
    ends_on = serializers.DateField(read_only=True)

    def to_representation(self, instance):
        return opendata.event_rows([instance])[0]


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


ROUTES = [
    ("open/profiles", OpenProfileViewSet, "open-profile"),
    ("open/events", OpenEventViewSet, "open-event"),
]
URLS = [
    path("v1/open/statistics/", OpenStatisticsView.as_view(), name="api-open-statistics"),
    path("v1/insights/kpis/", KpiView.as_view(), name="api-insights-kpis"),
]
