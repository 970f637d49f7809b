"""The organisers' side of the events API (issue #19 §1): create, edit, unpublish and cancel
events; add, edit and remove sessions; registrations with search, status filter and bulk
decisions; walk-ins; participants found by name; organiser-added meeting requests; every
agenda; check-in counters; and the participants' follow-up surveys. Writes go through
lintas.events.domain, as on the pages; the rule is ``events.organise_event`` throughout."""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from lintas.api.errors import domain_call
from lintas.api.permissions import RulePermission
from lintas.api.serializers.events import (
    AgendaSerializer,
    CheckinCountsSerializer,
    DecideSerializer,
    EventReasonSerializer,
    EventStaffSerializer,
    EventWriteSerializer,
    FollowUpAnswerSerializer,
    FollowUpSerializer,
    OrganiserRequestSerializer,
    RegistrationSerializer,
    RequestSerializer,
    SessionSerializer,
    SessionWriteSerializer,
    WalkInSerializer,
)
from lintas.core.models import User
from lintas.events.domain import events as event_domain
from lintas.events.domain import follow_up, queries, registration
from lintas.events.domain import requests as request_domain
from lintas.events.models import FollowUp, Participant, Session

ORGANISE = "events.organise_event"
ORGANISER_ACTIONS = (
    "create",
    "partial_update",
    "cancel",
    "unpublish",
    "add_session",
    "registrations",
    "decide",
    "walk_in",
    "participant_search",
    "organiser_request",
    "agendas",
    "checkin_counts",
)


class EventOrganiserActions:
    """Mixed into the events viewset (``/api/v1/events/``) so the organisers' routes sit
    under the event they change."""

    @extend_schema(request=EventWriteSerializer, responses={201: EventStaffSerializer})
    def create(self, request):
        data = EventWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = domain_call(event_domain.create_event, user=request.user, data=data.validated_data)
        return Response(EventStaffSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=EventWriteSerializer, responses=EventStaffSerializer)
    def partial_update(self, request, slug=None):
        event = self.get_object()
        data = EventWriteSerializer(event, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = {k: v for k, v in data.validated_data.items() if k != "slug"}
        event = domain_call(event_domain.update_event, user=request.user, event=event, data=values)
        return Response(EventStaffSerializer(event).data)

    @extend_schema(request=EventReasonSerializer, responses=EventStaffSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, slug=None):
        event = self.get_object()
        data = EventReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = domain_call(
            event_domain.cancel_event,
            user=request.user,
            event=event,
            reason=data.validated_data["reason"],
        )
        return Response(EventStaffSerializer(event).data)

    @extend_schema(request=None, responses=EventStaffSerializer)
    @action(detail=True, methods=["post"])
    def unpublish(self, request, slug=None):
        event = self.get_object()
        event = domain_call(event_domain.unpublish_event, user=request.user, event=event)
        return Response(EventStaffSerializer(event).data)

    @extend_schema(request=SessionWriteSerializer, responses={201: SessionSerializer})
    @action(detail=True, methods=["post"], url_path="sessions")
    def add_session(self, request, slug=None):
        event = self.get_object()
        data = SessionWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = {k: v for k, v in data.validated_data.items() if k != "reason"}
        session = domain_call(event_domain.add_session, user=request.user, event=event, data=values)
        return Response(SessionSerializer(session).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="name, organisation or profile title"),
            OpenApiParameter("status", str, description="pending, validated or rejected"),
        ],
        responses=RegistrationSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def registrations(self, request, slug=None):
        event = self.get_object()
        people = queries.registrations(
            event,
            q=request.query_params.get("q", "")[:100],
            status=request.query_params.get("status", ""),
        )
        page = self.paginate_queryset(people)
        return self.get_paginated_response(RegistrationSerializer(page, many=True).data)

    @extend_schema(request=DecideSerializer, responses={200: dict})
    @action(detail=True, methods=["post"], url_path="registrations/decide")
    def decide(self, request, slug=None):
        event = self.get_object()
        data = DecideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changed = domain_call(
            registration.decide_participants,
            user=request.user,
            event=event,
            ids=data.validated_data["ids"],
            accept=data.validated_data["accept"],
        )
        return Response({"changed": changed, "counts": queries.status_counts(event)})

    @extend_schema(request=WalkInSerializer, responses={201: RegistrationSerializer})
    @action(detail=True, methods=["post"], url_path="walk-in")
    def walk_in(self, request, slug=None):
        event = self.get_object()
        data = WalkInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        account = None
        if values["account"]:
            account = User.objects.filter(
                Q(username__iexact=values["account"]) | Q(email__iexact=values["account"])
            ).first()
            if account is None:
                raise ApiValidationError(
                    {"account": ["No account with this user name or e-mail address."]}
                )
        elif not values["email"]:
            raise ApiValidationError(
                {"email": ["Give an existing account, or a name and e-mail address."]}
            )
        participant = domain_call(
            registration.register_walk_in,
            user=request.user,
            event=event,
            account=account,
            name=values["name"],
            email=values["email"],
            organisation_name=values["organisation"],
            language=values["language"],
        )
        return Response(RegistrationSerializer(participant).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="name, organisation or profile title")],
        responses=RegistrationSerializer(many=True),
    )
    @action(detail=True, methods=["get"], url_path="participant-search", pagination_class=None)
    def participant_search(self, request, slug=None):
        event = self.get_object()
        found = queries.search_participants(event, request.query_params.get("q", "")[:100])
        return Response(RegistrationSerializer(found, many=True).data)

    @extend_schema(request=OrganiserRequestSerializer, responses={201: RequestSerializer})
    @action(detail=True, methods=["post"], url_path="organiser-requests")
    def organiser_request(self, request, slug=None):
        event = self.get_object()
        data = OrganiserRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        people = Participant.objects.filter(event=event)
        created = domain_call(
            request_domain.organiser_add_request,
            user=request.user,
            event=event,
            sender=people.filter(pk=data.validated_data["sender"]).first(),
            receiver=people.filter(pk=data.validated_data["receiver"]).first(),
            priority=data.validated_data["priority"],
        )
        return Response(RequestSerializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("participant", int, description="one participant's id")],
        responses=AgendaSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def agendas(self, request, slug=None):
        event = self.get_object()
        only = request.query_params.get("participant")
        ids = [int(only)] if only and only.isdigit() else None
        rows = [
            {"participant": person, "meetings": [m for m, _other in meetings]}
            for person, meetings in queries.all_agendas(event, ids)
        ]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(AgendaSerializer(page, many=True).data)

    @extend_schema(responses=CheckinCountsSerializer)
    @action(detail=True, methods=["get"], url_path="checkin-counts")
    def checkin_counts(self, request, slug=None):
        event = self.get_object()
        return Response(queries.checkin_counts(event))


class EventSessionViewSet(viewsets.GenericViewSet):
    """Organisers edit a session (``PATCH``; meetings that lose their slot are unscheduled
    with ``reason``) or remove it (``POST .../remove/`` with a reason)."""

    serializer_class = SessionSerializer
    permission_classes = [IsAuthenticated, RulePermission]
    permission_rules = {"partial_update": ORGANISE, "remove": ORGANISE}
    queryset = Session.objects.select_related("event").prefetch_related("slots")

    def check_object_permissions(self, request, obj):
        # The rule's object is the session's event.
        super().check_object_permissions(request, obj.event)

    @extend_schema(request=SessionWriteSerializer, responses=SessionSerializer)
    def partial_update(self, request, pk=None):
        session = self.get_object()
        data = SessionWriteSerializer(session, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        reason = values.pop("reason", "")
        session = domain_call(
            event_domain.update_session,
            user=request.user,
            session=session,
            data=values,
            reason=reason,
        )
        return Response(SessionSerializer(Session.objects.get(pk=session.pk)).data)

    @extend_schema(request=EventReasonSerializer, responses={200: dict})
    @action(detail=True, methods=["post"])
    def remove(self, request, pk=None):
        session = self.get_object()
        data = EventReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        count = domain_call(
            event_domain.remove_session,
            user=request.user,
            session=session,
            reason=data.validated_data["reason"],
        )
        return Response({"removed": True, "meetings_unscheduled": count})


class FollowUpViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Your follow-up surveys (months after an event); answer one with ``.../answer/``."""

    serializer_class = FollowUpSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return FollowUp.objects.none()
        return follow_up.surveys_for(self.request.user)

    @extend_schema(request=FollowUpAnswerSerializer, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        survey = self.get_object()
        data = FollowUpAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        survey = domain_call(
            follow_up.answer, user=request.user, survey=survey, **data.validated_data
        )
        return Response(FollowUpSerializer(survey).data)
