"""API of the forum calls for abstracts: the same rules and domain functions as the pages
(``talents.domain.abstracts``)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from lintas.api.errors import domain_call
from lintas.api.permissions import RulePermission
from lintas.api.serializers.abstracts import (
    AbstractCallCreateSerializer,
    AbstractCallSerializer,
    AbstractConflictInputSerializer,
    AbstractDecisionSerializer,
    AbstractReviewInputSerializer,
    AbstractReviewSerializer,
    AbstractSerializer,
    AbstractSubmitSerializer,
    ForumSessionSerializer,
    RankedAbstractSerializer,
    ReviewerSeatSerializer,
    SessionTimeInputSerializer,
)
from lintas.talents.domain import abstracts
from lintas.talents.models import Abstract, AbstractCall, AbstractReview

MANAGE = "talents.manage_abstract_calls"


class AbstractCallViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Calls for abstracts of events (public); organisers open them, build the reviewer pool
    from the talent directory, assign reviewers and publish the programme."""

    serializer_class = AbstractCallSerializer
    permission_classes = [RulePermission]
    permission_rules = {
        "create": MANAGE,
        "reviewers": MANAGE,
        "assign": MANAGE,
        "publish": MANAGE,
        "sessions": MANAGE,
    }
    filter_backends: list = []

    def get_queryset(self):
        return AbstractCall.objects.select_related("event").order_by("-deadline", "-id")

    @extend_schema(request=AbstractCallCreateSerializer, responses={201: AbstractCallSerializer})
    def create(self, request):
        data = AbstractCallCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        events = AbstractCall._meta.get_field("event").related_model.objects
        event = events.filter(slug=values.pop("event")).first()
        if event is None:
            raise ApiValidationError({"event": ["No such event."]})
        values["topics"] = ", ".join(values["topics"])
        call = domain_call(abstracts.open_call, user=request.user, event=event, data=values)
        return Response(AbstractCallSerializer(call).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"], request=None, responses=RankedAbstractSerializer(many=True),
        description="Organisers: every abstract with its mean score; others: their own.",
    )  # fmt: skip
    @extend_schema(methods=["POST"], request=AbstractSubmitSerializer,
                   responses={201: AbstractSerializer})  # fmt: skip
    @action(detail=True, methods=["get", "post"], pagination_class=None)  # a plain list
    def abstracts(self, request, pk=None):
        """GET the call's abstracts (organisers: all, ranked; others: their own); POST submits
        one before the deadline (signed-in people)."""
        call = self.get_object()
        if request.method == "POST":
            data = AbstractSubmitSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            item = domain_call(
                abstracts.submit_abstract, user=request.user, call=call, **data.validated_data
            )
            return Response(AbstractSerializer(item).data, status=status.HTTP_201_CREATED)
        if request.user.has_perm(MANAGE):
            rows = abstracts.ranking(call)
        elif request.user.is_authenticated:
            rows = [
                {"abstract": a, "mean": None, "reviews_done": 0, "reviews": 0}
                for a in call.abstracts.filter(author=request.user)
            ]
        else:
            rows = []
        return Response(RankedAbstractSerializer(rows, many=True).data)

    @extend_schema(request=ReviewerSeatSerializer, responses={201: ReviewerSeatSerializer})
    @action(detail=True, methods=["post"])
    def reviewers(self, request, pk=None):
        """Add a listed talent (by slug) to the reviewer pool, with the most abstracts they take."""
        call = self.get_object()
        data = ReviewerSeatSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        seat = domain_call(abstracts.add_reviewer, user=request.user, call=call,
                           **data.validated_data)  # fmt: skip
        return Response(ReviewerSeatSerializer(seat).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=AbstractReviewSerializer(many=True))
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        """Assign reviewers from the pool (all or nothing; 400 with the reason in words)."""
        call = self.get_object()
        reviews = domain_call(abstracts.assign_reviewers, user=request.user, call=call)
        return Response(AbstractReviewSerializer(reviews, many=True).data)

    @extend_schema(request=None, responses=AbstractCallSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        call = domain_call(abstracts.publish_programme, user=request.user, call=self.get_object())
        return Response(AbstractCallSerializer(call).data)

    @extend_schema(request=None, responses=ForumSessionSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)  # a plain list
    def programme(self, request, pk=None):
        """The published programme: one session per topic, each talk with its speaker
        (empty until published)."""
        call = self.get_object()
        if call.published_at is None:
            return Response([])
        sessions = [
            {
                "topic": s["topic"], "starts_at": s["starts_at"], "ends_at": s["ends_at"],
                "room": s["room"],
                "talks": [
                    {"id": t.pk, "title": t.title, "speaker": (t.author_names or [""])[0],
                     "authors": t.authors, "language": t.language}
                    for t in s["talks"]
                ],
            }
            for s in abstracts.programme(call)
        ]  # fmt: skip
        return Response(ForumSessionSerializer(sessions, many=True).data)

    @extend_schema(request=SessionTimeInputSerializer, responses=SessionTimeInputSerializer)
    @action(detail=True, methods=["post"])
    def sessions(self, request, pk=None):
        """Organisers: give one topic's session its time and room (again: move it)."""
        data = SessionTimeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        session = domain_call(abstracts.schedule_session, user=request.user,
                              call=self.get_object(), **data.validated_data)  # fmt: skip
        return Response(SessionTimeInputSerializer(session).data)


class AbstractViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """One abstract (its author, its reviewers, organisers): reviewers score it or declare a
    conflict; organisers decide (the author is told by e-mail in their language)."""

    serializer_class = AbstractSerializer
    permission_classes = [RulePermission]
    permission_rules = {
        "retrieve": "talents.view_abstract",
        "review": "talents.view_abstract",
        "conflict": "talents.view_abstract",
        "decide": MANAGE,
    }
    filter_backends: list = []
    queryset = Abstract.objects.select_related("call", "author")

    @extend_schema(request=AbstractReviewInputSerializer, responses=AbstractReviewSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """Your scores (1–5 for each of the call's criteria) and comment."""
        item = self.get_object()
        review = get_object_or_404(AbstractReview, abstract=item, reviewer__user=request.user)
        data = AbstractReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        review = domain_call(abstracts.submit_review, user=request.user, review=review,
                             scores=data.validated_data["scores"],
                             comment=data.validated_data.get("comment", ""))  # fmt: skip
        return Response(AbstractReviewSerializer(review).data)

    @extend_schema(request=AbstractConflictInputSerializer, responses={204: None})
    @action(detail=True, methods=["post"])
    def conflict(self, request, pk=None):
        item = self.get_object()
        data = AbstractConflictInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        domain_call(abstracts.declare_conflict, user=request.user, abstract=item,
                    reason=data.validated_data["reason"])  # fmt: skip
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=AbstractDecisionSerializer, responses=AbstractSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        item = self.get_object()
        data = AbstractDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = domain_call(abstracts.decide, user=request.user, abstract=item,
                           accept=data.validated_data["decision"] == "accept")  # fmt: skip
        return Response(AbstractSerializer(item).data)
