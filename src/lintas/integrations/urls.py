from django.urls import path

from lintas.integrations import views

app_name = "integrations"
urlpatterns = [
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("webhooks/", views.webhook_list, name="webhooks"),
    path("webhooks/<int:pk>/", views.webhook_detail, name="webhook"),
    path("webhooks/<int:pk>/<str:action>/", views.webhook_action, name="webhook_action"),
    path("deliveries/<int:pk>/resend/", views.delivery_resend, name="delivery_resend"),
]
