from django.contrib import admin
from django.urls import include, path

from lintas.core.views import set_language

urlpatterns = [
    path("admin/", admin.site.urls),
    # Before Django's own: anonymous visitors switch language without a CSRF token (see there).
    path("i18n/setlang/", set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("lintas.api.urls")),
    path("deals/", include("lintas.brokerage.urls")),
    path("events/", include("lintas.events.urls")),
    path("programmes/", include("lintas.programmes.urls")),
    path("competitions/", include("lintas.competitions.urls")),
    path("certificates/", include("lintas.programmes.certificate_urls")),
    path("network/", include("lintas.network.urls")),
    path("talents/", include("lintas.talents.urls")),
    path("campaigns/", include("lintas.campaigns.urls")),
    path("insights/", include("lintas.insights.urls")),
    path("matching/", include("lintas.matching.urls")),
    path("data/", include("lintas.ops.urls")),
    path("account/", include("lintas.integrations.urls")),
    path("", include("lintas.pages.urls")),
    path("", include("lintas.catalogue.urls")),
    path("", include("lintas.core.urls")),
]
# No route serves MEDIA_ROOT, whatever DEBUG says: every uploaded file goes through a view
# that checks the permission of the object it belongs to (lintas.core.files).

# The site's own error pages (styled, translated, with the menu and a next step).
handler403 = "lintas.core.errors.permission_denied"
handler404 = "lintas.core.errors.page_not_found"
handler500 = "lintas.core.errors.server_error"
