from django.urls import path

from lintas.pages import views

app_name = "pages"
urlpatterns = [
    path("", views.home, name="home"),
]
