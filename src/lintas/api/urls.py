from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from lintas.api.views import catalogue, membership

router = DefaultRouter()
router.register("sectors", catalogue.SectorViewSet, basename="sector")
router.register("organisations", catalogue.OrganisationViewSet, basename="organisation")
router.register("profiles", catalogue.ProfileViewSet, basename="profile")
router.register("revisions", catalogue.RevisionViewSet, basename="revision")
router.register(
    "membership-requests", membership.MembershipRequestViewSet, basename="membership-request"
)
router.register("members", membership.MemberViewSet, basename="member")

# Other apps add (prefix, viewset, basename) here via their AppConfig.ready() — see api/registry.py.
from lintas.api.registry import EXTRA_ROUTES, EXTRA_URLS  # noqa: E402

for prefix, viewset, basename in EXTRA_ROUTES:
    router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/quality/", catalogue.QualityView.as_view(), name="api-quality"),
    *EXTRA_URLS,
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start script as a file (no inline script for the CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]
