"""API views of programmes; writes go through the domain."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from lintas.api.errors import domain_call
from lintas.api.permissions import RulePermission
from lintas.api.serializers.programmes import (
    ApplicationStaffSerializer,
    CallPublicSerializer,
    PlacementSerializer,
    ProgrammePublicSerializer,
    ReviewSerializer,
)
from lintas.programmes.domain import hosts, queries, review
from lintas.programmes.models import Application, Placement, Programme, Review


class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Programme.objects.all()
    serializer_class = ProgrammePublicSerializer
    permission_classes = [AllowAny]
    lookup_field = "slug"


class CallViewSet(viewsets.ReadOnlyModelViewSet):
    """Public calls. Officers: POST .../assign-reviewers/ and .../match-hosts/."""

    serializer_class = CallPublicSerializer
    permission_classes = [AllowAny]
    lookup_field = "slug"
    permission_rules = {
        "assign_reviewers": "programmes.manage_programmes",
        "match_hosts": "programmes.manage_programmes",
    }

    def get_queryset(self):
        return queries.public_calls().order_by("-deadline")

    @extend_schema(request=None, responses=ReviewSerializer(many=True))
    @action(detail=True, methods=["post"], url_path="assign-reviewers",
            permission_classes=[IsAuthenticated, RulePermission])  # fmt: skip
    def assign_reviewers(self, request, slug=None):
        call = self.get_object()
        reviews = domain_call(review.assign_reviewers, user=request.user, call=call)
        return Response(ReviewSerializer(reviews, many=True).data)

    @extend_schema(request=None, responses=PlacementSerializer(many=True))
    @action(detail=True, methods=["post"], url_path="match-hosts",
            permission_classes=[IsAuthenticated, RulePermission])  # fmt: skip
    def match_hosts(self, request, slug=None):
        call = self.get_object()
        made = domain_call(hosts.match_hosts, user=request.user, call=call)
        ids = [p.pk for p in made]
        return Response(
            PlacementSerializer(queries.placements().filter(pk__in=ids), many=True).data
        )


class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Officers see all applications; everyone else only their own."""

    serializer_class = ApplicationStaffSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ("status",)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Application.objects.none()
        qs = Application.objects.select_related("call").order_by("pk")
        return (
            qs
            if self.request.user.has_perm("programmes.manage_programmes")
            else qs.filter(applicant=self.request.user)
        )


class ReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Officers see all reviews; reviewers their own."""

    serializer_class = ReviewSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Review.objects.none()
        qs = Review.objects.order_by("pk")
        return (
            qs
            if self.request.user.has_perm("programmes.manage_programmes")
            else qs.filter(reviewer=self.request.user)
        )


class PlacementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Officers see all placements; researchers their own."""

    serializer_class = PlacementSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Placement.objects.none()
        qs = queries.placements().order_by("pk")
        if self.request.user.has_perm("programmes.manage_programmes"):
            return qs
        return qs.filter(application__applicant=self.request.user)
