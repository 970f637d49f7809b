"""API: hybrid search and matches. Both return public fields only."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from lintas.api.errors import domain_call
from lintas.api.serializers.matching import (
    FeedbackSerializer,
    MatchSerializer,
    SearchHitSerializer,
    SearchResultSerializer,
)
from lintas.catalogue.models import Profile
from lintas.matching.domain import decisions, recommend
from lintas.matching.domain.search import search
from lintas.matching.models import Match

MAX_OFFSET = 100_000


class SearchView(APIView):
    """Hybrid (dense + lexical) search across languages, with the browse filters."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str),
            OpenApiParameter("kind", str, enum=["offer", "need"]),
            OpenApiParameter("k", int),
            OpenApiParameter("offset", int),
        ],
        responses=SearchResultSerializer,
    )
    def get(self, request):
        params = request.query_params
        try:
            k = max(1, min(int(params.get("k", 20)), 100))
            offset = max(0, int(params.get("offset", 0)))
        except ValueError as error:
            raise ApiValidationError({"k": ["k and offset must be integers."]}) from error
        if offset > MAX_OFFSET:  # past every result, and past what the database can count
            raise ApiValidationError({"offset": [f"offset is at most {MAX_OFFSET}."]})
        kind = params.get("kind")
        if kind not in (None, "", "offer", "need"):
            raise ApiValidationError({"kind": ["Use offer or need."]})
        result = search(
            query=params.get("q", ""), kind=kind or None, filters=params.dict(), k=k, offset=offset
        )
        if result.errors:
            raise ApiValidationError(result.errors)
        return Response(
            {
                "language": result.language,
                "total": result.total,
                "no_close_match": result.no_close_match,
                "results": SearchHitSerializer(result.hits, many=True).data,
                "related": SearchHitSerializer(result.related, many=True).data,
            }
        )


class ProfileMatchesView(APIView):
    """The matches of a profile, for its organisation and brokers."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MatchSerializer(many=True))
    def get(self, request, ref):
        profile = get_object_or_404(Profile, ref=ref)
        if not request.user.has_perm("matching.view_matches", profile):
            raise NotFound()
        matches = recommend.visible_matches(
            profile=profile,
            include_dismissed=request.user.has_perm("matching.view_dismissed_matches"),
        )[:20]
        return Response(MatchSerializer(matches, many=True).data)


class MatchFeedbackView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=FeedbackSerializer, responses={200: dict})
    def post(self, request, pk):
        match = get_object_or_404(Match, pk=pk)
        data = FeedbackSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        domain_call(decisions.give_feedback, user=request.user, match=match, **data.validated_data)
        return Response({"ok": True})
