"""API views of the catalogue: profiles, revisions and the quality check; writes go through
the domain lifecycle."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from lintas.api.errors import domain_call
from lintas.api.permissions import RulePermission
from lintas.api.serializers.catalogue import (
    MissingTranslationSerializer,
    ProfileEntitledDetailSerializer,
    ProfileEntitledSerializer,
    ProfilePublicDetailSerializer,
    ProfilePublicSerializer,
    ProfileTranslationSerializer,
    ProfileTranslationWriteSerializer,
    ProfileWriteSerializer,
    RejectSerializer,
    RevisionSerializer,
)
from lintas.catalogue.domain import access, lifecycle, quality, queries, revisions, translations
from lintas.catalogue.enums import ContentLanguage, RevisionStatus
from lintas.catalogue.filters import ProfileFilter
from lintas.catalogue.models import Profile
from lintas.core.machine_translation import TranslatorUnavailable
from lintas.core.translator import message_for

VERSION_REQUIRED = _(
    "This field is required when you edit a profile: send the version you read (every profile "
    "representation carries it), so that changes saved meanwhile are not overwritten."
)


class ProfileViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Offers and needs. Lists show published profiles (and your own); writes go through the
    domain lifecycle, so the same rules hold as on the pages."""

    lookup_field = "ref"
    filterset_class = ProfileFilter
    permission_classes = [RulePermission]
    permission_rules = {
        "partial_update": "catalogue.change_profile",
        "publish": "catalogue.review_profile",
    }

    def get_queryset(self):
        qs = (
            queries.visible_to(self.request.user)
            .select_related("organisation")
            .prefetch_related("sectors")
        )
        kind = self.request.query_params.get("kind")
        return qs.filter(kind=kind) if kind in ("offer", "need") else qs

    def get_serializer_class(self):
        return ProfilePublicSerializer

    @extend_schema(responses=ProfileEntitledDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        """One profile with the files you may open; confidential fields only if entitled."""
        profile = self.get_object()
        cls = (
            ProfileEntitledDetailSerializer
            if access.can_see_confidential(request.user, profile)
            else ProfilePublicDetailSerializer
        )
        return Response(cls(profile, context={"request": request}).data)

    @extend_schema(request=ProfileWriteSerializer, responses=ProfileEntitledSerializer)
    def create(self, request):
        data = ProfileWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        kind = values.pop("kind", None)
        if kind is None:
            raise ApiValidationError({"kind": ["This field is required."]})
        sectors = values.pop("sectors")
        language = values.pop("content_language", None)
        values.pop("version", None)
        profile = domain_call(
            lifecycle.create_profile,
            user=request.user,
            kind=kind,
            data=values,
            sectors=sectors,
            declared_language=language,
        )
        return Response(ProfileEntitledSerializer(profile).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ProfileWriteSerializer,
        responses={200: ProfileEntitledSerializer, 202: RevisionSerializer},
        description="Edit a profile. `version` is required: send the version you read; an "
        "edit based on an older one is refused with 409. A draft, submitted or expired profile "
        "changes at once (200, the profile). A published profile does not: the edit becomes "
        "your pending revision for a broker to review (202, the revision), and everyone keeps "
        "seeing the published text until it is accepted.",
    )
    def partial_update(self, request, ref=None):
        profile = self.get_object()  # 404 if you cannot see it, 403 if you may not edit it
        if "version" not in request.data:
            raise ApiValidationError({"version": [VERSION_REQUIRED]})
        data = ProfileWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("kind", None)
        sectors = values.pop("sectors", None)
        language = values.pop("content_language", None)
        version = values.pop("version", None)
        outcome = domain_call(
            revisions.edit_profile,
            user=request.user,
            profile=profile,
            data=values,
            sectors=sectors,
            version=version,
            declared_language=language,
        )
        if outcome.awaits_review:
            return Response(
                RevisionSerializer(outcome.revision).data, status=status.HTTP_202_ACCEPTED
            )
        return Response(ProfileEntitledSerializer(outcome.profile).data)

    def _transition(self, request, ref, func):
        profile = get_object_or_404(Profile, ref=ref)
        self.check_object_permissions(request, profile)
        profile = domain_call(func, user=request.user, profile=profile)
        cls = (
            ProfileEntitledSerializer
            if access.can_see_confidential(request.user, profile)
            else ProfilePublicSerializer
        )
        return Response(cls(profile).data)

    @extend_schema(request=None, responses=ProfilePublicSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, ref=None):
        return self._transition(request, ref, lifecycle.submit)

    @extend_schema(request=None, responses=ProfilePublicSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, ref=None):
        return self._transition(request, ref, lifecycle.publish)

    @extend_schema(request=None, responses=ProfilePublicSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request, ref=None):
        return self._transition(request, ref, lifecycle.archive)


class RevisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Edits of published profiles. Brokers see every revision and decide; authors see their
    own. The list is the review queue: pending revisions, oldest first, unless ``status``
    names another state (``accepted``, ``rejected``, ``superseded``) or ``all``."""

    serializer_class = RevisionSerializer
    permission_classes = [RulePermission]
    permission_rules = {
        "list": "catalogue.list_revisions",
        "retrieve": "catalogue.view_revision",
        "accept": "catalogue.review_revision",
        "reject": "catalogue.review_revision",
    }

    def get_queryset(self):
        qs = revisions.visible_to(self.request.user).order_by("created_at", "id")
        if self.action != "list":
            return qs
        wanted = self.request.query_params.get("status", RevisionStatus.PENDING)
        if wanted == "all":
            return qs
        if wanted not in RevisionStatus.values:
            raise ApiValidationError(
                {"status": [f"One of {', '.join(RevisionStatus.values)}, all."]}
            )
        return qs.filter(status=wanted)

    def _fresh(self, revision):
        return RevisionSerializer(revisions.visible_to(self.request.user).get(pk=revision.pk)).data

    @extend_schema(request=None, responses={200: RevisionSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Apply the changes to the published profile (409 when the profile changed since)."""
        revision = self.get_object()
        domain_call(revisions.accept, user=request.user, revision=revision)
        return Response(self._fresh(revision))

    @extend_schema(request=RejectSerializer, responses={200: RevisionSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Refuse the changes with a reason the author reads (and is e-mailed)."""
        revision = self.get_object()
        data = RejectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        domain_call(
            revisions.reject,
            user=request.user,
            revision=revision,
            reason=data.validated_data["reason"],
        )
        return Response(self._fresh(revision))


class QualityView(APIView):
    """Score a draft without saving it: the same check the form shows while typing."""

    permission_classes = [AllowAny]

    @extend_schema(request=ProfileWriteSerializer, responses={200: dict})
    def post(self, request):
        report = quality.assess_input(request.data)
        return Response(
            {
                "score": report.score,
                "level": report.level,
                "hints": [{"code": h.code, "message": h.message} for h in report.hints],
            }
        )


_REF = OpenApiParameter(
    "ref", str, OpenApiParameter.PATH, description="profile reference (OF-0001)"
)
_LANGUAGE = OpenApiParameter(
    "language", str, OpenApiParameter.PATH, enum=ContentLanguage.values, description="language code"
)


class ProfileTranslationViewSet(viewsets.ViewSet):
    """A profile's translations. Anyone who may see the profile reads them; the owner
    organisation and brokers add, rewrite and delete them (``catalogue.translate_profile``,
    the rule the pages check), through :mod:`lintas.catalogue.domain.translations`."""

    permission_classes = [RulePermission]  # reads open, writes signed in; then the rule below
    lookup_field = "language"
    serializer_class = ProfileTranslationSerializer

    def _profile(self, ref) -> Profile:
        profile = get_object_or_404(Profile.objects.select_related("organisation"), ref=ref)
        if not self.request.user.has_perm("catalogue.view_profile", profile):
            raise NotFound
        return profile

    def _writable(self, ref) -> Profile:
        profile = self._profile(ref)
        if not self.request.user.has_perm("catalogue.translate_profile", profile):
            raise ApiPermissionDenied
        return profile

    @extend_schema(parameters=[_REF], responses=ProfileTranslationSerializer(many=True))
    def list(self, request, ref=None):
        profile = self._profile(ref)
        rows = profile.translations.select_related("written_by")
        return Response(ProfileTranslationSerializer(rows, many=True).data)

    @extend_schema(
        parameters=[_REF, OpenApiParameter("language", str, enum=ContentLanguage.values)],
        responses={200: ProfileTranslationWriteSerializer, 503: dict},
    )
    @action(detail=False, methods=["get"])
    def suggest(self, request, ref=None):
        """A machine translation of the profile's text into ``language``, to check and then
        POST (with ``machine: true``); nothing is saved. 503 with ``reason`` when the
        translation service cannot."""
        profile = self._writable(ref)
        try:
            draft = domain_call(
                translations.machine_draft,
                user=request.user,
                profile=profile,
                language=request.query_params.get("language", ""),
            )
        except TranslatorUnavailable as error:
            return Response({"detail": message_for(error), "reason": error.reason}, status=503)
        return Response(ProfileTranslationWriteSerializer(draft).data)

    @extend_schema(parameters=[_REF, _LANGUAGE], responses=ProfileTranslationSerializer)
    def retrieve(self, request, ref=None, language=None):
        profile = self._profile(ref)
        row = get_object_or_404(profile.translations, language=language)
        return Response(ProfileTranslationSerializer(row).data)

    @extend_schema(
        parameters=[_REF],
        request=ProfileTranslationWriteSerializer,
        responses={201: ProfileTranslationSerializer},
    )
    def create(self, request, ref=None):
        profile = self._writable(ref)
        data = ProfileTranslationWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if "language" not in values:
            raise ApiValidationError({"language": ["This field is required."]})
        row = domain_call(translations.add_translation, user=request.user, profile=profile,
                          **values)  # fmt: skip
        return Response(ProfileTranslationSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[_REF, _LANGUAGE],
        request=ProfileTranslationWriteSerializer,
        responses=ProfileTranslationSerializer,
    )
    def update(self, request, ref=None, language=None):
        profile = self._writable(ref)
        row = get_object_or_404(profile.translations, language=language)
        data = ProfileTranslationWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("language", None)
        row = domain_call(translations.edit_translation, user=request.user, translation=row,
                          **values)  # fmt: skip
        return Response(ProfileTranslationSerializer(row).data)

    @extend_schema(parameters=[_REF, _LANGUAGE], responses={204: None})
    def destroy(self, request, ref=None, language=None):
        profile = self._writable(ref)
        row = get_object_or_404(profile.translations, language=language)
        domain_call(translations.delete_translation, user=request.user, translation=row)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MissingTranslationsView(APIView):
    """Brokers: published profiles lacking a translation into the language of one of their
    target countries (``language`` narrows to one), each with the languages missing."""

    permission_classes = [RulePermission]
    permission_rules = {"get": "catalogue.list_missing_translations"}
    action = "get"  # RulePermission looks the rule up by the view's action

    @extend_schema(
        parameters=[OpenApiParameter("language", str, enum=ContentLanguage.values)],
        responses=MissingTranslationSerializer(many=True),
    )
    def get(self, request):
        language = request.query_params.get("language") or None
        if language is not None and language not in ContentLanguage.values:
            raise ApiValidationError({"language": [f"One of {', '.join(ContentLanguage.values)}."]})
        rows = translations.lacking_translations(language=language)
        data = [
            {"ref": p.ref, "title": p.title, "content_language": p.content_language,
             "target_countries": p.target_countries, "missing": missing, "url": p.get_absolute_url()}
            for p, missing in rows
        ]  # fmt: skip
        return Response(MissingTranslationSerializer(data, many=True).data)
