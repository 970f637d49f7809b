"""API of the talent directory: the same filters and visibility rule as the pages; writes go
through :mod:`lintas.talents.domain.profiles`."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from lintas.api.errors import domain_call
from lintas.api.parsers import JSONObjectParser
from lintas.api.permissions import RulePermission
from lintas.api.serializers.brokerage import MessageSerializer
from lintas.api.serializers.talents import (
    ConsultationAnswerSerializer,
    ConsultationMessageSerializer,
    ConsultationRatingSerializer,
    ConsultationRequestSerializer,
    ConsultationSerializer,
    ExpertiseHitSerializer,
    ExpertiseQuerySerializer,
    ImportResultSerializer,
    ImportSerializer,
    PublicationSerializer,
    PublicationWriteSerializer,
    TalentDetailSerializer,
    TalentEntitledSerializer,
    TalentSerializer,
    TalentWriteSerializer,
)
from lintas.talents.domain import (
    access,
    consultations,
    expertise,
    imports,
    profiles,
    queries,
)
from lintas.talents.forms import DirectoryFilter

FILTERS = [
    OpenApiParameter("q", str, description="Words in name, position or keywords"),
    OpenApiParameter("country", str, description="ISO country code, e.g. CN"),
    OpenApiParameter("field", str, description="Sector slug, e.g. agriculture"),
    OpenApiParameter("language", str, description="Language spoken, e.g. id"),
    OpenApiParameter("role", str, description="Role offered, e.g. consulting"),
    OpenApiParameter("alumni", bool, description="Programme alumni only"),
]


class TalentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The talent directory. Members-only fields are absent for visitors; contact details only
    appear for the talent, brokers and people whose consultation the talent accepted."""

    lookup_field = "slug"
    serializer_class = TalentSerializer
    permission_classes = [RulePermission]
    permission_rules = {
        "retrieve": "talents.view_talent",
        "create": "talents.create_talent",
        "partial_update": "talents.change_talent",
        "publications": "talents.change_talent",
        "import_publications": "talents.change_talent",
        "expertise": "talents.search_talents",
    }
    filter_backends: list = []

    def get_queryset(self):
        if self.action == "list":
            form = DirectoryFilter(self.request.query_params or None)
            if form.is_bound and not form.is_valid():
                raise ApiValidationError(form.errors)
            kwargs = form.query_kwargs() if form.is_bound else {}
            return queries.directory(**kwargs)
        return (
            queries.listed_or_all()
            .select_related("organisation")
            .prefetch_related("sectors", "publications", "bio_translations")
        )

    @extend_schema(parameters=FILTERS)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=TalentEntitledSerializer)
    def retrieve(self, request, *args, **kwargs):
        talent = self.get_object()
        cls = (
            TalentEntitledSerializer
            if access.can_see_contacts(request.user, talent)
            else TalentDetailSerializer
        )
        return Response(cls(talent, context={"request": request}).data)

    def get_object(self):
        """404 for a talent the person may not see (an unlisted one does not exist for others),
        then the action's rule (403)."""
        talent = get_object_or_404(self.get_queryset(), slug=self.kwargs["slug"])
        if not access.can_view(self.request.user, talent):
            raise NotFound
        self.check_object_permissions(self.request, talent)
        return talent

    @extend_schema(request=TalentWriteSerializer, responses={201: TalentEntitledSerializer})
    def create(self, request):
        """Opt in: create your own entry (one per person)."""
        data = TalentWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        sectors = values.pop("sectors", None)
        talent = domain_call(
            profiles.create_talent, user=request.user, data=values, sectors=sectors
        )
        talent = queries.listed_or_all().get(pk=talent.pk)
        body = TalentEntitledSerializer(talent, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(request=TalentWriteSerializer, responses=TalentEntitledSerializer)
    def partial_update(self, request, slug=None):
        """Edit your own entry (``listed: false`` takes it out of the directory)."""
        talent = self.get_object()
        data = TalentWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        sectors = values.pop("sectors", None)
        domain_call(
            profiles.update_talent, user=request.user, talent=talent, data=values, sectors=sectors
        )
        talent = queries.listed_or_all().get(pk=talent.pk)
        return Response(TalentEntitledSerializer(talent, context={"request": request}).data)

    @extend_schema(request=PublicationWriteSerializer, responses={201: PublicationSerializer})
    @action(detail=True, methods=["post"])
    def publications(self, request, slug=None):
        """Add one publication to your entry; a duplicate (same DOI or title) is refused."""
        talent = self.get_object()
        data = PublicationWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        publication = domain_call(
            profiles.add_publication, user=request.user, talent=talent, data=data.validated_data
        )
        return Response(PublicationSerializer(publication).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request={"multipart/form-data": ImportSerializer}, responses=ImportResultSerializer
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="publications/import",
        parser_classes=[MultiPartParser],
    )
    def import_publications(self, request, slug=None):
        """Import a BibTeX, RIS or ORCID (JSON/XML) export; all or nothing, duplicates merged
        by DOI or normalised title."""
        talent = self.get_object()
        data = ImportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = domain_call(
            imports.import_publications,
            user=request.user,
            talent=talent,
            data=data.validated_data["file"].read(),
        )
        body = {"format": result.format, "added": result.added, "merged": result.merged}
        return Response(ImportResultSerializer(body).data)

    @extend_schema(request=ExpertiseQuerySerializer, responses=ExpertiseHitSerializer(many=True))
    @action(detail=False, methods=["post"], pagination_class=None)
    def expertise(self, request):
        """Rank talents by how well their biography and publications cover ``text`` (any
        language; a few words or a whole document), best first, each with the text of theirs
        that matched. Only texts the caller may read take part."""
        data = ExpertiseQuerySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        text, limit = values.pop("text"), values.pop("limit")
        filters = DirectoryFilter({k: v for k, v in values.items() if v not in ("", None, False)})
        if not filters.is_valid():
            raise ApiValidationError(filters.errors)
        talents = queries.directory(**filters.query_kwargs())
        hits = expertise.rank(user=request.user, text=text, talents=talents, limit=limit)
        body = [
            {
                "talent": hit.talent,
                "score": hit.score,
                "explanation": {
                    "kind": hit.kind,
                    "text": hit.text,
                    "language": hit.language,
                    "year": hit.publication.year if hit.publication else None,
                },
            }
            for hit in hits
        ]
        context = {"request": request}
        return Response(ExpertiseHitSerializer(body, many=True, context=context).data)


class ConsultationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Consultations you asked for or were asked (brokers: all). Contact details of the other
    side appear in ``contacts`` only once the talent accepted."""

    serializer_class = ConsultationSerializer
    permission_classes = [RulePermission]
    permission_rules = {
        "retrieve": "talents.view_consultation",
        "accept": "talents.view_consultation",
        "decline": "talents.view_consultation",
        "withdraw": "talents.view_consultation",
        "rate": "talents.view_consultation",
        "deal": "talents.view_consultation",
        "messages": "talents.view_consultation",
    }
    filter_backends: list = []

    def get_queryset(self):
        return queries.consultations_for(self.request.user)

    def _done(self, request, consultation):
        consultation = self.get_queryset().get(pk=consultation.pk)
        return Response(ConsultationSerializer(consultation, context={"request": request}).data)

    @extend_schema(request=ConsultationRequestSerializer, responses={201: ConsultationSerializer})
    def create(self, request):
        """Ask a talent for a consultation (members only; one open request per talent)."""
        data = ConsultationRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        consultation = domain_call(
            consultations.request_consultation, user=request.user, talent=values["talent"],
            topic=values["topic"], message=values["message"], profile=values.get("profile"),
        )  # fmt: skip
        body = ConsultationSerializer(consultation, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)

    def _respond(self, request, accept: bool):
        consultation = self.get_object()
        data = ConsultationAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        domain_call(
            consultations.respond, user=request.user, consultation=consultation, accept=accept,
            answer=data.validated_data.get("answer", ""),
        )  # fmt: skip
        return self._done(request, consultation)

    @extend_schema(request=ConsultationAnswerSerializer, responses=ConsultationSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The talent accepts; both sides then see each other's contact details."""
        return self._respond(request, accept=True)

    @extend_schema(request=ConsultationAnswerSerializer, responses=ConsultationSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """The talent declines; ``answer`` (why) is required."""
        return self._respond(request, accept=False)

    @extend_schema(request=None, responses=ConsultationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        consultation = self.get_object()
        domain_call(consultations.withdraw, user=request.user, consultation=consultation)
        return self._done(request, consultation)

    @extend_schema(request=ConsultationRatingSerializer, responses=ConsultationSerializer)
    @action(detail=True, methods=["post"])
    def rate(self, request, pk=None):
        consultation = self.get_object()
        data = ConsultationRatingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        domain_call(
            consultations.rate, user=request.user, consultation=consultation,
            rating=data.validated_data["rating"], comment=data.validated_data.get("comment", ""),
        )  # fmt: skip
        return self._done(request, consultation)

    @extend_schema(request=None, responses=ConsultationSerializer)
    @action(detail=True, methods=["post"])
    def deal(self, request, pk=None):
        """Turn an accepted consultation about an offer or need into a deal (an interest)."""
        consultation = self.get_object()
        domain_call(consultations.convert_to_deal, user=request.user, consultation=consultation)
        return self._done(request, consultation)

    @extend_schema(methods=["GET"], request=None, responses=MessageSerializer(many=True))
    @extend_schema(
        methods=["POST"], request=ConsultationMessageSerializer, responses={201: MessageSerializer}
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[JSONObjectParser, MultiPartParser, FormParser],
    )
    def messages(self, request, pk=None):
        """The consultation's conversation (open once the talent accepted; its two people
        only, brokers included only if they are one of them): GET the messages, oldest first;
        POST ``body`` (and an optional PDF or image ``attachment``) to write."""
        consultation = self.get_object()
        if request.method == "GET":
            thread = domain_call(
                consultations.read_messages, user=request.user, consultation=consultation
            )
            return Response(MessageSerializer(thread, many=True).data)
        data = ConsultationMessageSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        message = domain_call(
            consultations.post_message,
            user=request.user,
            consultation=consultation,
            body=data.validated_data["body"],
            upload=data.validated_data.get("attachment"),
        )
        return Response(MessageSerializer(message).data, status=status.HTTP_201_CREATED)
