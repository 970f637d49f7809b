"""API views of core: sectors and organisations (public), and organisation membership with the
same rules (``core.*`` in core/rules.py) and the same domain functions
(core/domain/membership.py) as the pages."""

from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from lintas.api.errors import domain_call
from lintas.api.permissions import RulePermission
from lintas.api.serializers.core import (
    MemberSerializer,
    MembershipRequestCreateSerializer,
    MembershipRequestSerializer,
    NotificationCountSerializer,
    NotificationSerializer,
    OrganisationSerializer,
    OrganisationUpdateSerializer,
    ReasonSerializer,
    SectorSerializer,
)
from lintas.core.domain import membership, notifications, organisations
from lintas.core.models import MembershipRequest, Organisation, Sector, User


class SectorViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Sector.objects.all()
    serializer_class = SectorSerializer
    lookup_field = "slug"


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations; ``?q=`` searches names (the sign-up picker's search over the API).
    ``PATCH`` changes an organisation's details (its organisation admins and brokers) or its
    network membership (brokers), through the same domain function as the page."""

    serializer_class = OrganisationSerializer
    lookup_field = "slug"
    filterset_fields = ("type", "country", "member_type")
    permission_classes = [RulePermission]
    permission_rules = {"partial_update": "core.change_organisation"}

    @extend_schema(request=OrganisationUpdateSerializer, responses=OrganisationSerializer)
    def partial_update(self, request, slug=None):
        organisation = self.get_object()
        serializer = OrganisationUpdateSerializer(organisation, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        domain_call(
            organisations.update_organisation,
            user=request.user,
            organisation=organisation,
            changes=dict(serializer.validated_data),
        )
        return Response(OrganisationSerializer(organisation).data)

    def get_queryset(self):
        qs = Organisation.objects.order_by("name")
        query = " ".join(self.request.query_params.get("q", "").split())
        if query:
            qs = qs.filter(Q(name__icontains=query) | Q(name_local__icontains=query))
        return qs


ACTIONS = ("approve", "refuse", "validate", "cancel")


class MembershipRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Your own requests, and the requests you may decide (your organisation's if you are its
    admin; every one if you are a broker). Filter with ``?status=pending``."""

    permission_classes = [IsAuthenticated, RulePermission]
    permission_rules = {
        "create": "core.request_membership",
        "approve": "core.decide_membership",
        "refuse": "core.decide_membership",
        "validate": "core.validate_organisation",
        "cancel": "core.cancel_membership_request",
    }
    serializer_class = MembershipRequestSerializer
    filterset_fields = ("status",)

    def get_queryset(self):
        qs = MembershipRequest.objects.select_related("user", "organisation", "decided_by")
        if getattr(self, "swagger_fake_view", False):
            return qs.none()  # schema generation has no user
        if self.action in ACTIONS:
            return qs  # the rule decides, so a refusal is a 403 that says why
        user = self.request.user
        # Deciders see requests once the person has confirmed their address (as on the pages).
        confirmed = Q(user__is_active=True, user__email_verified=True)
        visible = Q(user=user)
        if user.has_perm("core.view_membership_queue"):
            visible |= confirmed
        elif user.is_organisation_admin and user.organisation_id:
            visible |= confirmed & Q(organisation_id=user.organisation_id)
        return qs.filter(visible).order_by("-created_at", "-id")

    @extend_schema(request=MembershipRequestCreateSerializer, responses=MembershipRequestSerializer)
    def create(self, request):
        data = MembershipRequestCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if "organisation" in values:
            created = domain_call(
                membership.request_membership,
                user=request.user,
                organisation=values["organisation"],
            )
        else:
            created = domain_call(
                membership.propose_organisation,
                user=request.user,
                name=values.get("proposed_name", ""),
                country=values.get("proposed_country", ""),
                type=values.get("proposed_type", ""),
                website=values.get("proposed_website", ""),
            )
        return Response(MembershipRequestSerializer(created).data, status=status.HTTP_201_CREATED)

    def _decide(self, func, **kwargs):
        obj = self.get_object()
        domain_call(func, membership_request=obj, **kwargs)
        obj.refresh_from_db()
        return Response(MembershipRequestSerializer(obj).data)

    @extend_schema(request=None, responses=MembershipRequestSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(membership.approve, actor=request.user)

    @extend_schema(request=ReasonSerializer, responses=MembershipRequestSerializer)
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._decide(
            membership.refuse, actor=request.user, reason=data.validated_data.get("reason", "")
        )

    @extend_schema(request=None, responses=MembershipRequestSerializer)
    @action(detail=True, methods=["post"])
    def validate(self, request, pk=None):
        """Validate a proposed organisation: it is created and its proposer becomes its admin."""
        return self._decide(membership.validate_organisation, actor=request.user)

    @extend_schema(request=None, responses=MembershipRequestSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._decide(membership.cancel, user=request.user)


class MemberViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Members of the organisations you manage (yours if you are its admin; brokers: every
    organisation, filter with ``?organisation=<slug>``)."""

    permission_classes = [IsAuthenticated, RulePermission]
    permission_rules = {"remove": "core.manage_member", "hand_over": "core.manage_member"}
    serializer_class = MemberSerializer

    def get_queryset(self):
        qs = User.objects.filter(organisation__isnull=False).select_related("organisation")
        if getattr(self, "swagger_fake_view", False):
            return qs.none()
        if self.action in ("remove", "hand_over"):
            return qs
        user = self.request.user
        if not user.has_perm("core.view_membership_queue"):
            if not (user.is_organisation_admin and user.organisation_id):
                return qs.none()
            qs = qs.filter(organisation_id=user.organisation_id)
        slug = self.request.query_params.get("organisation")
        if slug:
            qs = qs.filter(organisation__slug=slug)
        return qs.filter(is_active=True).order_by("organisation__name", "username")

    @extend_schema(request=ReasonSerializer, responses=MemberSerializer)
    @action(detail=True, methods=["post"])
    def remove(self, request, pk=None):
        member = self.get_object()
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        domain_call(
            membership.remove_member,
            actor=request.user,
            member=member,
            reason=data.validated_data.get("reason", ""),
        )
        member.refresh_from_db()
        return Response(MemberSerializer(member).data)

    @extend_schema(request=None, responses=MemberSerializer)
    @action(detail=True, methods=["post"], url_path="hand-over")
    def hand_over(self, request, pk=None):
        member = self.get_object()
        domain_call(membership.hand_over_admin, actor=request.user, member=member)
        member.refresh_from_db()
        return Response(MemberSerializer(member).data)


class NotificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Your notifications, newest first (``?unread=1`` for unread ones only); mark one read or
    unread, or all read; ``unread-count`` is what the bell shows."""

    permission_classes = [IsAuthenticated]
    serializer_class = NotificationSerializer

    def get_queryset(self):
        qs = notifications.for_user(self.request.user)
        if self.request.query_params.get("unread") in ("1", "true"):
            qs = qs.unread()
        return qs

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        item = domain_call(
            notifications.mark_read, user=request.user, notification=self.get_object()
        )
        return Response(NotificationSerializer(item).data)

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def unread(self, request, pk=None):
        item = domain_call(
            notifications.mark_unread, user=request.user, notification=self.get_object()
        )
        return Response(NotificationSerializer(item).data)

    @extend_schema(request=None, responses=NotificationCountSerializer)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        domain_call(notifications.mark_all_read, user=request.user)
        return Response({"unread": notifications.unread_count(request.user)})

    @extend_schema(responses=NotificationCountSerializer)
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request):
        return Response({"unread": notifications.unread_count(request.user)})
