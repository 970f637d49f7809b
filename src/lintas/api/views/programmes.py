"""API views of programmes; writes go through the domain."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from lintas.api.errors import domain_call
from lintas.api.permissions import RulePermission
from lintas.api.serializers.programmes import (
    ApplicationEligibilitySerializer,
    ApplicationStaffSerializer,
    CallInputSerializer,
    CallPublicSerializer,
    CallStaffSerializer,
    PlacementDatesSerializer,
    PlacementSerializer,
    ProgrammeInputSerializer,
    ProgrammePublicSerializer,
    ReviewSerializer,
)
from lintas.api.views.programmes_round import OFFICER, CallRoundMixin
from lintas.programmes.domain import calls, hosts, placements, queries, review
from lintas.programmes.models import Application, Call, Placement, Programme, Review


class ProgrammeViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin,
                       viewsets.ReadOnlyModelViewSet):  # fmt: skip
    """Programmes: anyone reads; officers create (POST) and change (PATCH)."""

    queryset = Programme.objects.all()
    serializer_class = ProgrammePublicSerializer
    permission_classes = [RulePermission]
    permission_rules = {"create": OFFICER, "update": OFFICER, "partial_update": OFFICER}
    lookup_field = "slug"

    @extend_schema(request=ProgrammeInputSerializer, responses={201: ProgrammePublicSerializer})
    def create(self, request):
        data = ProgrammeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        made = domain_call(calls.save_programme, user=request.user, data=data.validated_data)
        return Response(ProgrammePublicSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ProgrammeInputSerializer, responses=ProgrammePublicSerializer)
    def update(self, request, slug=None, partial=False):
        programme = self.get_object()
        data = ProgrammeInputSerializer(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        made = domain_call(
            calls.save_programme, user=request.user, data=data.validated_data, programme=programme
        )
        return Response(ProgrammePublicSerializer(made).data)

    @extend_schema(request=ProgrammeInputSerializer, responses=ProgrammePublicSerializer)
    def partial_update(self, request, slug=None):
        return self.update(request, slug=slug, partial=True)


class CallViewSet(CallRoundMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                  viewsets.ReadOnlyModelViewSet):  # fmt: skip
    """Public calls (officers also see drafts and the review settings). Officers create
    (POST) and change (PATCH) calls, eligibility rules included, and act on them."""

    serializer_class = CallPublicSerializer
    permission_classes = [RulePermission]
    lookup_field = "slug"
    permission_rules = {
        "create": OFFICER,
        "update": OFFICER,
        "partial_update": OFFICER,
        "assign_reviewers": OFFICER,
        "match_hosts": OFFICER,
        "eligibility_preview": OFFICER,
        "pool": OFFICER,
        "pool_remove": OFFICER,
        "invitations": OFFICER,
        "conflicts": OFFICER,
        "ranking": OFFICER,
        "decisions": OFFICER,
    }

    def get_queryset(self):
        if self.request.user.has_perm(OFFICER):
            return Call.objects.select_related("programme").order_by("-deadline")
        return queries.public_calls().order_by("-deadline")

    def get_serializer_class(self):
        if self.request.user.has_perm(OFFICER):
            return CallStaffSerializer
        return CallPublicSerializer

    @extend_schema(request=CallInputSerializer, responses={201: CallStaffSerializer})
    def create(self, request):
        data = CallInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        programme = get_object_or_404(Programme, slug=values.pop("programme", ""))
        made = domain_call(calls.save_call, user=request.user, programme=programme, data=values)
        return Response(CallStaffSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CallInputSerializer, responses=CallStaffSerializer)
    def update(self, request, slug=None, partial=False):
        call = self.get_object()
        data = CallInputSerializer(data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("programme", None)
        made = domain_call(
            calls.save_call, user=request.user, programme=call.programme, data=values, call=call
        )
        return Response(CallStaffSerializer(made).data)

    @extend_schema(request=CallInputSerializer, responses=CallStaffSerializer)
    def partial_update(self, request, slug=None):
        return self.update(request, slug=slug, partial=True)

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

    def get_serializer_class(self):
        """One application: with each eligibility rule's result (the list stays light)."""
        if self.action == "retrieve":
            return ApplicationEligibilitySerializer
        return ApplicationStaffSerializer

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
    """Officers see all placements; researchers their own. Officers: POST .../dates/."""

    serializer_class = PlacementSerializer
    permission_classes = [IsAuthenticated, RulePermission]
    permission_rules = {"dates": OFFICER}

    @extend_schema(request=PlacementDatesSerializer, responses=PlacementSerializer)
    @action(detail=True, methods=["post"], url_path="dates")
    def dates(self, request, pk=None):
        """Change the start and end (with a reason); the change joins the placement's history."""
        placement = self.get_object()
        data = PlacementDatesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        domain_call(
            placements.change_dates, user=request.user, placement=placement, **data.validated_data
        )
        return Response(PlacementSerializer(queries.placements().get(pk=placement.pk)).data)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Placement.objects.none()
        qs = queries.placements().order_by("pk")
        if self.request.user.has_perm("programmes.manage_programmes"):
            return qs
        return qs.filter(application__applicant=self.request.user)
