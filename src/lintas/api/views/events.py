"""API views of events. Writes go through lintas.events.domain, so the same rules hold as on
the pages; participants see each other only once validated."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from lintas.api.errors import domain_call
from lintas.api.permissions import RulePermission
from lintas.api.serializers.events import (
    AgendaSessionSerializer,
    EventSerializer,
    MeetingSerializer,
    MeetingWithLinkSerializer,
    ParticipantPublicSerializer,
    ParticipantRowSerializer,
    ParticipantStaffSerializer,
    RatingSerializer,
    RegisterSerializer,
    RequestSerializer,
    RequestWriteSerializer,
)
from lintas.api.views.events_ops import ORGANISE, ORGANISER_ACTIONS, EventOrganiserActions
from lintas.catalogue.models import Profile
from lintas.events.domain import agenda as agenda_domain
from lintas.events.domain import dayof, follow_up, outcome, queries, registration, scheduling
from lintas.events.domain import requests as request_domain
from lintas.events.models import Event, Meeting, MeetingRequest, Participant


class EventViewSet(EventOrganiserActions, viewsets.ReadOnlyModelViewSet):
    """Events with sessions and slots; actions for registration, participants, agenda,
    scheduling (organisers), the table plan, check-in and the outcome report; the organisers'
    editing, registrations, walk-ins and agendas come from :class:`EventOrganiserActions`."""

    lookup_field = "slug"
    serializer_class = EventSerializer
    permission_classes = [IsAuthenticatedOrReadOnly, RulePermission]
    # The organisers' read-outs and writes; the domain checks events.organise_event again.
    permission_rules = {
        "plan": ORGANISE,
        "outcome": ORGANISE,
        **dict.fromkeys(ORGANISER_ACTIONS, ORGANISE),
    }

    def get_queryset(self):
        qs = Event.objects.prefetch_related("sessions__slots").order_by("-starts_on")
        if self.request.user.has_perm("events.organise_event"):
            return qs
        return qs.filter(published=True)

    @extend_schema(request=RegisterSerializer, responses=ParticipantStaffSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def register(self, request, slug=None):
        event = self.get_object()
        data = RegisterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        refs = data.validated_data["profiles"]
        profiles = list(Profile.objects.filter(ref__in=refs))
        if len(profiles) != len(set(refs)):
            raise ApiValidationError({"profiles": ["Unknown profile reference."]})
        participant = domain_call(
            registration.register,
            user=request.user,
            event=event,
            profiles=profiles,
            slot_ids=data.validated_data.get("slots"),
            note=data.validated_data["note"],
        )
        return Response(
            ParticipantStaffSerializer(participant).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(responses=ParticipantRowSerializer(many=True))
    @action(
        detail=True, methods=["get"], permission_classes=[IsAuthenticated], pagination_class=None
    )
    def participants(self, request, slug=None):
        event = self.get_object()
        if request.user.has_perm("events.organise_event", event):
            people = queries.participants(event, validated_only=False)
            return Response(ParticipantStaffSerializer(people, many=True).data)
        _mine, ranked = domain_call(queries.directory, user=request.user, event=event)
        rows = []
        for p, score, basis in ranked:
            row = ParticipantPublicSerializer(p).data
            row.update(score=round(score, 3), basis=basis)
            rows.append(row)
        return Response(rows)

    @extend_schema(responses=MeetingWithLinkSerializer(many=True))
    @action(
        detail=True, methods=["get"], permission_classes=[IsAuthenticated], pagination_class=None
    )
    def agenda(self, request, slug=None):
        event = self.get_object()
        mine = queries.participant_of(request.user, event)
        if mine is None:
            raise ApiPermissionDenied()
        return Response(MeetingWithLinkSerializer(queries.agenda(mine), many=True).data)

    @extend_schema(responses=AgendaSessionSerializer(many=True))
    @action(
        detail=True,
        methods=["get"],
        permission_classes=[IsAuthenticated],
        pagination_class=None,
        url_path="agenda/sessions",
    )
    def agenda_sessions(self, request, slug=None):
        """Your agenda's forum sessions (the published programme's timed sessions), beside the
        meetings of ``agenda/``; empty until your registration is validated."""
        event = self.get_object()
        mine = queries.participant_of(request.user, event)
        if mine is None:
            raise ApiPermissionDenied()
        sessions = agenda_domain.forum_sessions(mine)
        return Response(AgendaSessionSerializer(sessions, many=True).data)

    @extend_schema(request=None, responses={200: dict})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def schedule(self, request, slug=None):
        event = self.get_object()
        run = domain_call(scheduling.run_scheduler, user=request.user, event=event)
        return Response(
            {
                "status": run.status,
                "scheduled": run.scheduled,
                "moved": run.moved,
                "objective": run.objective,
                "bound": run.bound,
                "unscheduled": run.unscheduled,
            }
        )

    @extend_schema(
        parameters=[OpenApiParameter("slot", int, description="one slot's tables only")],
        responses=MeetingWithLinkSerializer(many=True),
    )
    @action(
        detail=True,
        methods=["get"],
        permission_classes=[IsAuthenticated, RulePermission],
        pagination_class=None,
    )
    def plan(self, request, slug=None):
        event = self.get_object()
        meetings = queries.meetings_of(event)
        slot = request.query_params.get("slot", "")
        if slot.isdigit():
            meetings = meetings.filter(slot_id=int(slot))
        return Response(MeetingWithLinkSerializer(meetings, many=True).data)

    @extend_schema(request=None, responses=ParticipantStaffSerializer)
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[IsAuthenticated],
        url_path=r"checkin/(?P<participant_id>\d+)",
    )
    def checkin(self, request, slug=None, participant_id=None):
        event = self.get_object()
        participant = get_object_or_404(Participant, pk=participant_id, event=event)
        present = str(request.data.get("present", "true")).lower() not in ("0", "false")
        participant = domain_call(
            dayof.check_in, user=request.user, participant=participant, present=present
        )
        return Response(ParticipantStaffSerializer(participant).data)

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"], permission_classes=[IsAuthenticated, RulePermission])
    def outcome(self, request, slug=None):
        event = self.get_object()
        return Response(
            {
                **outcome.report(event),
                "follow_up": follow_up.results(event),
                "follow_up_due": follow_up.due_on(event),
            }
        )

    @action(detail=True, methods=["get"], permission_classes=[IsAuthenticated], url_path="ics")
    def ics(self, request, slug=None):
        from django.http import HttpResponse

        event = self.get_object()
        mine = queries.participant_of(request.user, event)
        if mine is None:
            raise ApiPermissionDenied()
        return HttpResponse(agenda_domain.ics(mine), content_type="text/calendar; charset=utf-8")


class MeetingRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Your meeting requests (sent and received); organisers see all. POST sends one."""

    serializer_class = RequestSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return MeetingRequest.objects.none()
        qs = (
            MeetingRequest.objects.select_related(
                "event",
                "sender__user",
                "sender__organisation",
                "receiver__user",
                "receiver__organisation",
            )
            .prefetch_related("sender__profiles", "receiver__profiles")
            .order_by("-id")
        )
        if not self.request.user.has_perm("events.organise_event"):
            from django.db.models import Q

            user = self.request.user
            qs = qs.filter(Q(sender__user=user) | Q(receiver__user=user))
        event = self.request.query_params.get("event")
        return qs.filter(event__slug=event) if event else qs

    @extend_schema(request=RequestWriteSerializer, responses=RequestSerializer)
    def create(self, request):
        data = RequestWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = get_object_or_404(Event, slug=data.validated_data["event"], published=True)
        receiver = Participant.objects.filter(
            pk=data.validated_data["receiver"], event=event
        ).first()
        created = domain_call(
            request_domain.send_request,
            user=request.user,
            event=event,
            receiver=receiver,
            message=data.validated_data["message"],
            preferred_slot=data.validated_data.get("preferred_slot"),
        )
        return Response(RequestSerializer(created).data, status=status.HTTP_201_CREATED)

    def _decide(self, request, pk, accept):
        obj = get_object_or_404(MeetingRequest, pk=pk)
        obj = domain_call(
            request_domain.decide_request, user=request.user, request=obj, accept=accept
        )
        return Response(RequestSerializer(obj).data)

    @extend_schema(request=None, responses=RequestSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._decide(request, pk, True)

    @extend_schema(request=None, responses=RequestSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._decide(request, pk, False)


class MeetingViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Meetings you are part of (organisers: all); rate one, or mark a no-show (organisers)."""

    serializer_class = MeetingSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        from django.db.models import Q

        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Meeting.objects.none()
        qs = Meeting.objects.select_related(
            "slot",
            "request__sender__user",
            "request__sender__organisation",
            "request__receiver__user",
            "request__receiver__organisation",
        )
        if not self.request.user.has_perm("events.organise_event"):
            user = self.request.user
            qs = qs.filter(Q(request__sender__user=user) | Q(request__receiver__user=user))
        return qs

    @extend_schema(request=RatingSerializer, responses={200: dict})
    @action(detail=True, methods=["post"])
    def rate(self, request, pk=None):
        meeting = get_object_or_404(Meeting.objects.select_related("slot", "request__event"), pk=pk)
        data = RatingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rating, deal = domain_call(
            dayof.rate_meeting, user=request.user, meeting=meeting, **data.validated_data
        )
        meeting.refresh_from_db()
        return Response(
            {"rated": True, "follow_up": meeting.follow_up, "deal": getattr(deal, "pk", None)}
        )

    @extend_schema(request=None, responses=MeetingSerializer)
    @action(detail=True, methods=["post"], url_path="no-show")
    def no_show(self, request, pk=None):
        meeting = get_object_or_404(Meeting, pk=pk)
        value = str(request.data.get("no_show", "true")).lower() not in ("0", "false")
        meeting = domain_call(dayof.mark_no_show, user=request.user, meeting=meeting, no_show=value)
        return Response(MeetingSerializer(meeting).data)
