"""Saved searches and starred profiles: each member's own, through the domain
(:mod:`lintas.catalogue.domain.saved_searches`), with the pages' rules."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from lintas.api.errors import domain_call
from lintas.api.permissions import RulePermission
from lintas.api.serializers.searches import (
    SavedSearchCreateSerializer,
    SavedSearchSerializer,
    SavedSearchUpdateSerializer,
    StarCreateSerializer,
    StarSerializer,
)
from lintas.catalogue.domain import saved_searches
from lintas.catalogue.models import Profile, Star


class SavedSearchViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Your saved searches (words and filters of the offer or need list) and how often new
    results are e-mailed (``daily``, ``weekly``, ``off``); new results also reach the bell."""

    permission_classes = [IsAuthenticated, RulePermission]
    permission_rules = {
        "create": "catalogue.save_search",
        "retrieve": "catalogue.change_saved_search",
        "partial_update": "catalogue.change_saved_search",
        "destroy": "catalogue.change_saved_search",
    }
    serializer_class = SavedSearchSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return saved_searches.searches_for(self.request.user)

    @extend_schema(request=SavedSearchCreateSerializer, responses=SavedSearchSerializer)
    def create(self, request):
        data = SavedSearchCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        search = domain_call(
            saved_searches.save_search,
            user=request.user,
            kind=values["kind"],
            params=values.get("params") or {},
            name=values.get("name", ""),
            frequency=values["frequency"],
        )
        return Response(SavedSearchSerializer(search).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=SavedSearchUpdateSerializer, responses=SavedSearchSerializer)
    def partial_update(self, request, pk=None):
        search = self.get_object()
        data = SavedSearchUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        search = domain_call(
            saved_searches.update_search,
            user=request.user,
            search=search,
            name=data.validated_data.get("name"),
            frequency=data.validated_data.get("frequency"),
        )
        return Response(SavedSearchSerializer(search).data)

    def perform_destroy(self, instance):
        domain_call(saved_searches.delete_search, user=self.request.user, search=instance)


class StarViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Profiles you starred (those you may still see), latest first; POST ``{profile: ref}``
    stars one, DELETE ``/stars/{ref}/`` takes the star away."""

    permission_classes = [IsAuthenticated]
    serializer_class = StarSerializer
    lookup_field = "profile__ref"
    lookup_url_kwarg = "ref"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Star.objects.none()
        visible = saved_searches.starred(self.request.user).values("pk")
        return (
            Star.objects.filter(user=self.request.user, profile__in=visible)
            .select_related("profile__organisation")
            .prefetch_related("profile__sectors")
        )

    @extend_schema(request=StarCreateSerializer, responses=StarSerializer)
    def create(self, request):
        data = StarCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        profile = Profile.objects.filter(ref=data.validated_data["profile"]).first()
        if profile is None or not request.user.has_perm("catalogue.view_profile", profile):
            raise ApiValidationError({"profile": [_("No such profile.")]})
        star = domain_call(saved_searches.star, user=request.user, profile=profile)
        return Response(StarSerializer(star).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, ref=None):
        star = get_object_or_404(Star, user=request.user, profile__ref=ref)
        domain_call(saved_searches.unstar, user=request.user, profile=star.profile)
        return Response(status=status.HTTP_204_NO_CONTENT)
