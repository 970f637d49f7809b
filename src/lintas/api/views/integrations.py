"""API views of integrations: your personal API tokens and webhooks (with the delivery log),
through the same domain functions and rules (integrations/rules.py) as the account pages."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from lintas.api.errors import domain_call
from lintas.api.permissions import RulePermission
from lintas.api.serializers.integrations import (
    ApiTokenCreatedSerializer,
    ApiTokenCreateSerializer,
    ApiTokenSerializer,
    DeliverySerializer,
    WebhookSerializer,
    WebhookWriteSerializer,
)
from lintas.integrations.domain import tokens, webhooks
from lintas.integrations.models import ApiToken, Delivery, Webhook


class ApiTokenViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Your personal API tokens, newest first, with their last use. Creating one answers the
    token itself, once; revoking keeps the row (``revoked_at``)."""

    permission_classes = [IsAuthenticated, RulePermission]
    permission_rules = {
        "create": "integrations.manage_tokens",
        "revoke": "integrations.change_token",
    }
    serializer_class = ApiTokenSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ApiToken.objects.none()
        return tokens.tokens_of(self.request.user)

    @extend_schema(request=ApiTokenCreateSerializer, responses={201: ApiTokenCreatedSerializer})
    def create(self, request):
        data = ApiTokenCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        token, plain = domain_call(
            tokens.create_token, user=request.user, name=data.validated_data["name"]
        )
        token.token = plain
        return Response(ApiTokenCreatedSerializer(token).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: ApiTokenSerializer})
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        token = domain_call(tokens.revoke_token, user=request.user, token=self.get_object())
        return Response(ApiTokenSerializer(token).data)


class WebhookViewSet(viewsets.ModelViewSet):
    """Your webhooks: the URL, the events it wants and its signing ``secret``
    (docs/api.md, "Webhooks"). PATCH with ``new_secret: true`` rolls the secret."""

    permission_classes = [IsAuthenticated, RulePermission]
    permission_rules = {
        "create": "integrations.manage_webhooks",
        "update": "integrations.change_webhook",
        "partial_update": "integrations.change_webhook",
        "destroy": "integrations.change_webhook",
    }
    serializer_class = WebhookSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Webhook.objects.none()
        return webhooks.webhooks_of(self.request.user)

    @extend_schema(request=WebhookWriteSerializer, responses={201: WebhookSerializer})
    def create(self, request):
        data = WebhookWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        hook = domain_call(
            webhooks.register,
            user=request.user,
            name=values["name"],
            url=values["url"],
            events=values["events"],
        )
        if not values["active"]:
            hook = domain_call(webhooks.update, user=request.user, webhook=hook, active=False)
        return Response(WebhookSerializer(hook).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=WebhookWriteSerializer(partial=True), responses={200: WebhookSerializer})
    def partial_update(self, request, pk=None):
        hook = self.get_object()
        data = WebhookWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        hook = domain_call(webhooks.update, user=request.user, webhook=hook, **data.validated_data)
        return Response(WebhookSerializer(hook).data)

    def destroy(self, request, pk=None):
        domain_call(webhooks.delete, user=request.user, webhook=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class DeliveryViewSet(viewsets.GenericViewSet):
    """One delivery of one of your webhooks, sent again on demand."""

    permission_classes = [IsAuthenticated, RulePermission]
    serializer_class = DeliverySerializer
    lookup_field = "uuid"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Delivery.objects.none()
        return Delivery.objects.filter(webhook__owner=self.request.user).select_related("webhook")

    @extend_schema(request=None, responses={202: DeliverySerializer, 404: OpenApiResponse()})
    @action(detail=True, methods=["post"])
    def resend(self, request, uuid=None):
        delivery = self.get_object()
        delivery = domain_call(webhooks.redeliver, user=request.user, delivery=delivery)
        return Response(DeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)


class DeliveryListView(generics.ListAPIView):
    """A webhook's delivery log, newest first: each event sent, its status and every attempt
    (HTTP status or error, duration). Only the webhook's owner sees it."""

    permission_classes = [IsAuthenticated]
    serializer_class = DeliverySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Delivery.objects.none()
        hook = get_object_or_404(webhooks.webhooks_of(self.request.user), pk=self.kwargs["pk"])
        return webhooks.deliveries_of(hook)
