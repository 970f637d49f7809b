from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("lintas.api.urls")),
    path("deals/", include("lintas.brokerage.urls")),
    path("events/", include("lintas.events.urls")),
    path("programmes/", include("lintas.programmes.urls")),
    path("network/", include("lintas.network.urls")),
    path("insights/", include("lintas.insights.urls")),
    path("matching/", include("lintas.matching.urls")),
    path("", include("lintas.catalogue.urls")),
    path("", include("lintas.core.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
