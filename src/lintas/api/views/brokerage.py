"""API views of the brokerage: interests, deals, messages, agreements.

Every write goes through the domain functions, so pages and API follow the same rules.
"""

import django_filters
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from lintas.api.errors import domain_call
from lintas.api.parsers import JSONObjectParser
from lintas.api.permissions import RulePermission
from lintas.api.serializers.brokerage import (
    AgreementSerializer,
    AnswerSerializer,
    DealIntroducedSerializer,
    DealNoteCreateSerializer,
    DealNoteSerializer,
    DealSerializer,
    DeclineCountsSerializer,
    DeclineReasonInputSerializer,
    InboxSerializer,
    InterestCreateSerializer,
    IntroduceSerializer,
    ManualMatchSerializer,
    MessageCreateSerializer,
    MessageSerializer,
    MessageTranslationSerializer,
    NetworkMatchSerializer,
    StageSerializer,
)
from lintas.brokerage.domain import (
    agreements,
    conversations,
    deals,
    declines,
    inbox,
    matches,
    queries,
)
from lintas.brokerage.domain.contacts import deal_contacts
from lintas.brokerage.domain.message_translation import translate_message
from lintas.brokerage.enums import Stage
from lintas.brokerage.forms import InboxFilter, MatchFilter
from lintas.brokerage.models import Agreement, Deal, Message
from lintas.catalogue.enums import ContentLanguage
from lintas.catalogue.models import Profile
from lintas.core.machine_translation import TranslatorUnavailable
from lintas.core.translator import message_for
from lintas.matching.models import Match


@extend_schema_field(OpenApiTypes.INT)
class EventNumberFilter(django_filters.NumberFilter):
    """``?event_id=`` as a plain number, not a choice of events: an unknown event lists
    nothing rather than answering 400, as before ``event`` became a foreign key."""


class DealFilter(django_filters.FilterSet):
    event_id = EventNumberFilter()

    class Meta:
        model = Deal
        fields = ("stage", "event_id", "broker")


class AgreementFilter(django_filters.FilterSet):
    event_id = EventNumberFilter()

    class Meta:
        model = Agreement
        fields = ("type", "event_id")


class InterestViewSet(viewsets.GenericViewSet, mixins.ListModelMixin):
    """Expressions of interest (deals at the interest stage) you sent or received."""

    permission_classes = [IsAuthenticated, RulePermission]
    permission_rules = {
        "create": "brokerage.express_interest",
        "accept": "brokerage.respond_deal",
        "decline": "brokerage.respond_deal",
        "approve": "brokerage.approve_deal",
        "reject": "brokerage.approve_deal",
    }
    serializer_class = DealSerializer

    def get_queryset(self):
        return queries.deals_for(self.request.user).filter(
            stage=Stage.INTEREST, introduced_at__isnull=True
        )

    @extend_schema(request=InterestCreateSerializer, responses=DealSerializer)
    def create(self, request):
        data = InterestCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        profile = Profile.objects.filter(ref=values["profile"]).first()
        if profile is None or not request.user.has_perm("catalogue.view_profile", profile):
            raise ApiValidationError({"profile": ["No such profile."]})
        counterpart = None
        if values.get("counterpart_profile"):
            counterpart = Profile.objects.filter(ref=values["counterpart_profile"]).first()
            if counterpart is None:
                raise ApiValidationError({"counterpart_profile": ["No such profile."]})
        deal = domain_call(
            deals.express_interest,
            user=request.user,
            profile=profile,
            message=values["message"],
            counterpart=counterpart,
            source=values["source"],
            event_id=values.get("event_id"),
        )
        return Response(DealSerializer(deal).data, status=201)

    def _answer(self, request, pk, func, **kwargs):
        deal = get_object_or_404(queries.deals_for(request.user), pk=pk)
        self.check_object_permissions(request, deal)
        data = AnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if kwargs.get("accept") is False or kwargs.get("approve") is False:
            kwargs.update(
                reason=values.get("reason", ""), reason_text=values.get("reason_text", "")
            )
        deal = domain_call(
            func, user=request.user, deal=deal, version=values.get("version"), **kwargs
        )
        return Response(DealSerializer(deal).data)

    @extend_schema(request=AnswerSerializer, responses=DealSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._answer(request, pk, deals.respond, accept=True)

    @extend_schema(request=AnswerSerializer, responses=DealSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._answer(request, pk, deals.respond, accept=False)

    @extend_schema(request=AnswerSerializer, responses=DealSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._answer(request, pk, deals.broker_decide, approve=True)

    @extend_schema(request=AnswerSerializer, responses=DealSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._answer(request, pk, deals.broker_decide, approve=False)


class DealViewSet(viewsets.ReadOnlyModelViewSet):
    """Deals you are a party to (brokers: all). Contacts only after consent."""

    permission_classes = [IsAuthenticated, RulePermission]
    permission_rules = {"retrieve": "brokerage.view_deal", "stage": "brokerage.move_deal"}
    filterset_class = DealFilter

    def get_queryset(self):
        return queries.deals_for(self.request.user).select_related("counterpart_profile")

    def get_serializer_class(self):
        return DealSerializer

    @extend_schema(responses=DealIntroducedSerializer)
    def retrieve(self, request, *args, **kwargs):
        deal = self.get_object()
        contacts = deal_contacts(user=request.user, deal=deal)
        if not contacts:
            return Response(DealSerializer(deal, context={"request": request}).data)
        context = {"request": request, "contacts": contacts}
        return Response(DealIntroducedSerializer(deal, context=context).data)

    @extend_schema(request=StageSerializer, responses=DealSerializer)
    @action(detail=True, methods=["post"])
    def stage(self, request, pk=None):
        deal = self.get_object()
        data = StageSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        deal = domain_call(
            deals.move_stage,
            user=request.user,
            deal=deal,
            to=values["stage"],
            version=values["version"],
            note=values.get("note", ""),
        )
        return Response(DealSerializer(deal, context={"request": request}).data)

    @extend_schema(methods=["GET"], request=None, responses=DealNoteSerializer(many=True))
    @extend_schema(methods=["POST"], request=DealNoteCreateSerializer, responses=DealNoteSerializer)
    @action(detail=True, methods=["get", "post"], pagination_class=None)  # a plain list
    def notes(self, request, pk=None):
        """Brokers' notes on the deal, oldest first; POST adds one (none is ever overwritten)."""
        deal = self.get_object()
        if not request.user.has_perm("brokerage.change_deal_details", deal):
            raise ApiPermissionDenied(_("Only brokers read and write a deal's notes."))
        if request.method == "GET":
            notes = deal.notes.select_related("author")
            return Response(DealNoteSerializer(notes, many=True).data)
        data = DealNoteCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        note = domain_call(
            deals.add_note, user=request.user, deal=deal, text=data.validated_data["text"]
        )
        return Response(DealNoteSerializer(note).data, status=201)


class MessageViewSet(viewsets.GenericViewSet, mixins.ListModelMixin):
    """Messages of the deals you take part in; filter with ?deal=<id>."""

    permission_classes = [IsAuthenticated]
    serializer_class = MessageSerializer
    parser_classes = [JSONObjectParser, MultiPartParser, FormParser]

    def get_queryset(self):
        deals_qs = queries.deals_for(self.request.user).values("pk")
        qs = Message.objects.filter(deal__in=deals_qs).select_related("author")
        deal = self.request.query_params.get("deal")
        return qs.filter(deal_id=deal) if deal and deal.isdigit() else qs

    @extend_schema(request=MessageCreateSerializer, responses=MessageSerializer)
    def create(self, request):
        data = MessageCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        deal = queries.deals_for(request.user).filter(pk=values["deal"]).first()
        if deal is None:
            raise ApiValidationError({"deal": ["No such deal."]})
        message = domain_call(
            conversations.post_message,
            user=request.user,
            deal=deal,
            body=values["body"],
            upload=values.get("attachment"),
        )
        return Response(MessageSerializer(message).data, status=201)


class AgreementViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Agreements registry: brokers and officers see all; others those their organisation signed."""

    permission_classes = [IsAuthenticated, RulePermission]
    permission_rules = {
        "list": "brokerage.list_agreements",
        "retrieve": "brokerage.view_agreement",
        "create": "brokerage.record_agreement",
    }
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilter

    def get_queryset(self):
        return queries.agreements_for(self.request.user).prefetch_related("profiles")

    def create(self, request):
        data = AgreementSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        parties = values.pop("parties")
        profiles = values.pop("profiles", [])
        deal = values.pop("deal", None)
        if deal is not None and not request.user.has_perm("brokerage.view_deal", deal):
            raise ApiValidationError({"deal": ["No such deal."]})
        agreement = domain_call(
            agreements.record_agreement,
            user=request.user,
            data=values,
            parties=parties,
            profiles=profiles,
            deal=deal,
        )
        return Response(AgreementSerializer(agreement).data, status=201)


class InboxView(APIView):
    """The broker's inbox counts (the page lists the items): the same sections and filters as
    ``/deals/inbox/`` — ``scope`` (all, mine, countries), ``country``, ``sector`` (slug),
    ``language``."""

    permission_classes = [IsAuthenticated, RulePermission]
    action = "inbox"  # what RulePermission looks up; an APIView has no router action
    permission_rules = {"inbox": "brokerage.view_inbox"}

    @extend_schema(
        parameters=[
            OpenApiParameter("scope", str, enum=list(inbox.SCOPES)),
            OpenApiParameter("country", str, description="ISO 3166 code"),
            OpenApiParameter("sector", str, description="sector slug"),
            OpenApiParameter("language", str),
        ],
        responses=InboxSerializer,
    )
    def get(self, request):
        form = InboxFilter(request.query_params or None)
        if request.query_params and not form.is_valid():
            raise ApiValidationError(form.errors)
        sections = inbox.build(user=request.user, lists=False, **form.filters())
        data = {
            "total": sum(s.count for s in sections),
            "sections": [{"key": s.key, "title": s.title, "count": s.count} for s in sections],
        }
        return Response(InboxSerializer(data).data)


class MessageTranslationView(APIView):
    """A message machine-translated into ``language`` (default: your language), for the
    people who may read the conversation. Nothing is stored; the answer says ``machine``.
    503 with ``reason`` when the translation service cannot (not configured, unreachable,
    unsupported language pair, refused)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("language", str, enum=ContentLanguage.values)],
        responses={200: MessageTranslationSerializer, 503: dict},
    )
    def get(self, request, pk):
        message = get_object_or_404(Message.objects.select_related("deal", "conversation"), pk=pk)
        if not conversations.may_read(request.user, message):
            raise NotFound
        language = request.query_params.get("language") or get_language()
        try:
            result = domain_call(
                translate_message, user=request.user, message=message, language=language
            )
        except TranslatorUnavailable as error:
            return Response({"detail": message_for(error), "reason": error.reason}, status=503)
        return Response(
            MessageTranslationSerializer(
                {"message": message.pk, "language": result.target, "source_language": result.source,
                 "text": result.text, "machine": not result.same_language,
                 "same_language": result.same_language}
            ).data
        )  # fmt: skip


class NetworkMatchViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The network-wide match view for brokers (filters as on the page: ``offer_country``,
    ``need_country``, ``sector``, ``offer_language``, ``need_language``, ``band``,
    ``dismissed``) and what brokers do with a match."""

    permission_classes = [IsAuthenticated, RulePermission]
    permission_rules = {
        action: "brokerage.act_on_matches"
        for action in ("list", "introduce", "pin", "unpin", "dismiss", "restore", "note",
                       "manual")
    }  # fmt: skip
    serializer_class = NetworkMatchSerializer

    def get_queryset(self):
        form = MatchFilter(self.request.query_params or None)
        if self.request.query_params and not form.is_valid() and self.action == "list":
            raise ApiValidationError(form.errors)
        return matches.network_matches(**form.filters())

    def _match(self, pk):
        return get_object_or_404(Match.objects.select_related("offer", "need"), pk=pk)

    def _done(self, match):
        match = matches.network_matches(dismissed=match.dismissed).get(pk=match.pk)
        return Response(NetworkMatchSerializer(match).data)

    @extend_schema(request=IntroduceSerializer, responses=DealSerializer)
    @action(detail=True, methods=["post"])
    def introduce(self, request, pk=None):
        data = IntroduceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        deal = domain_call(matches.introduce, user=request.user, match=self._match(pk),
                           message=data.validated_data.get("message", ""))  # fmt: skip
        return Response(DealSerializer(deal).data, status=201)

    @extend_schema(request=None, responses=NetworkMatchSerializer)
    @action(detail=True, methods=["post"])
    def pin(self, request, pk=None):
        return self._done(domain_call(matches.pin, user=request.user, match=self._match(pk)))

    @extend_schema(request=None, responses=NetworkMatchSerializer)
    @action(detail=True, methods=["post"])
    def unpin(self, request, pk=None):
        match = domain_call(matches.pin, user=request.user, match=self._match(pk), pinned=False)
        return self._done(match)

    @extend_schema(request=DeclineReasonInputSerializer, responses=NetworkMatchSerializer)
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        data = DeclineReasonInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        match = domain_call(matches.dismiss, user=request.user, match=self._match(pk),
                            code=data.validated_data.get("reason", ""),
                            text=data.validated_data.get("reason_text", ""))  # fmt: skip
        return self._done(match)

    @extend_schema(request=None, responses=NetworkMatchSerializer)
    @action(detail=True, methods=["post"])
    def restore(self, request, pk=None):
        return self._done(domain_call(matches.restore, user=request.user, match=self._match(pk)))

    @extend_schema(request=DealNoteCreateSerializer, responses=NetworkMatchSerializer)
    @action(detail=True, methods=["post"])
    def note(self, request, pk=None):
        data = DealNoteCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        match = self._match(pk)
        domain_call(matches.add_note, user=request.user, match=match,
                    text=data.validated_data["text"])  # fmt: skip
        return self._done(match)

    @extend_schema(request=ManualMatchSerializer, responses=NetworkMatchSerializer)
    @action(detail=False, methods=["post"])
    def manual(self, request):
        data = ManualMatchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        offer = get_object_or_404(Profile, ref=values["offer"])
        need = get_object_or_404(Profile, ref=values["need"])
        match = domain_call(matches.manual_match, user=request.user, offer=offer, need=need,
                            note=values["note"])  # fmt: skip
        return self._done(match)


class DeclineReasonCountsView(APIView):
    """Coded decline reasons counted: ``?profile=<ref>`` (its owner organisation and brokers),
    ``?sector=<slug>`` or everything (brokers)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("profile", str), OpenApiParameter("sector", str)],
        responses=DeclineCountsSerializer,
    )
    def get(self, request):
        ref = request.query_params.get("profile")
        sector = request.query_params.get("sector") or None
        profile = None
        if ref:
            profile = get_object_or_404(Profile, ref=ref)
            if profile.organisation_id != request.user.organisation_id and not (
                request.user.is_broker
            ):
                raise ApiPermissionDenied(
                    _("Only the profile's organisation and brokers see this.")
                )
        elif not request.user.is_broker:
            raise ApiPermissionDenied(_("Only brokers see the counts across the network."))
        counts = declines.reason_counts(profile=profile, sector=sector)
        return Response({"counts": counts, "total": sum(counts.values())})
