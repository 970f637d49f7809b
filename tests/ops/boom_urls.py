import time

from django.urls import include, path


def boom(request):
    raise RuntimeError("boom for the log test")


def slow(request):
    time.sleep(60)


urlpatterns = [
    path("boom/", boom),
    path("slow/", slow),
    path("", include("lintas.urls")),
]
