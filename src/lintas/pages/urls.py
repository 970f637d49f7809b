from django.urls import path

from lintas.pages import views

app_name = "pages"
urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
]
