"""Open-data API (public) and the KPI endpoint (brokers, officers, administrators)."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from lintas.api.permissions import RulePermission
from lintas.api.serializers.insights import (
    OpenEventSerializer,
    OpenProfileSerializer,
)
from lintas.insights.domain import dashboard, declines, opendata, summary
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


class KpiView(APIView):
    """All KPIs with the dashboard's filters (?year=&country=&sector=&event=&broker=&by=)."""

    permission_classes = [IsAuthenticated, RulePermission]
    permission_rules = {"get": "insights.view_dashboard"}

    @extend_schema(responses=dict)
    def get(self, request):
        form = DashboardFilter(request.query_params or None)
        if form.is_bound and not form.is_valid():
            raise ApiValidationError(form.errors)
        filters, by = form.filters(), form.dimension()
        # The same summary and definitions as the dashboard page (never a live count of its own).
        run = summary.latest()
        table = dashboard.breakdown(filters, by, run=run)
        value = dashboard.agreement_value(filters, run=run) or {}
        cards = dashboard.cards(filters, run=run, values=table["totals"])
        return Response(
            {
                "as_of": run.finished_at.isoformat() if run else None,
                "filters": filters.active(),
                "totals": {c["key"]: c["value"] for c in cards},
                "definitions": {c["key"]: str(c["definition"]) for c in cards},
                "agreement_value": {k: float(v) for k, v in value.items()},
                "by": by,
                "breakdown": [{"key": r["key"], **r["values"]} for r in table["rows"]],
                "unassigned": (
                    {k: v for k, v in table["unassigned"]["values"].items()}
                    if table["unassigned"]
                    else None
                ),
                "several": table["several"],
                "unavailable": table["unavailable"],
                "not_applicable": table["not_applicable"],
                "funnel": [
                    {k: (str(v) if k == "label" else v) for k, v in row.items()}
                    for row in dashboard.funnel_report(filters, run=run) or []
                ],
                # Why profiles were turned down (counted live: reasons are not in the summary).
                "declines": declines.as_json(declines.report(filters)),
            }
        )
