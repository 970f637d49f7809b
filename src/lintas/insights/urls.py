from django.urls import path, re_path

from lintas.insights import views

app_name = "insights"
urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    re_path(r"^dashboard\.(?P<fmt>csv|xlsx)$", views.dashboard_download, name="download"),
    path("refresh/", views.refresh, name="refresh"),
    path("impact/", views.impact, name="impact"),
    path("open-data/", views.open_data, name="open_data"),
    re_path(r"^open-data/profiles\.(?P<fmt>csv|json)$", views.open_profiles, name="open_profiles"),
    re_path(r"^open-data/events\.(?P<fmt>csv|json)$", views.open_events, name="open_events"),
    re_path(
        r"^open-data/statistics\.(?P<fmt>csv|json)$", views.open_statistics, name="open_statistics"
    ),
]
