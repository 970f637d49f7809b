from django.urls import path

from lintas.network import views

app_name = "network"
urlpatterns = [
    path("", views.index, name="index"),
    path("members/", views.members, name="members"),
    path("labs/", views.labs, name="labs"),
    path("labs/<int:pk>/", views.lab, name="lab"),
    path("parks/", views.parks, name="parks"),
    path("mechanisms/", views.mechanisms, name="mechanisms"),
    path("platforms/", views.platforms, name="platforms"),
]
