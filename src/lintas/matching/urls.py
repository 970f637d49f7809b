from django.urls import path

from lintas.matching import views

app_name = "matching"
urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("for-you/", views.for_you, name="for_you"),
    path("settings/", views.digest_settings, name="settings"),
    path("m/<int:pk>/<str:action>/", views.decide, name="decide"),
]
