"""Every API endpoint, listed here in order (one module per app under ``api/views/``).

The router's order is the order of the API root's listing; the plain paths after it are the
endpoints that are not viewsets. Add an endpoint: docs/contributing.md.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from lintas.api.schema_view import CachedSchemaView
from lintas.api.views import (
    abstracts,
    brokerage,
    campaigns,
    catalogue,
    competitions,
    core,
    events,
    events_ops,
    insights,
    integrations,
    matching,
    network,
    programmes,
    programmes_round,
    searches,
    talents,
    transfer,
)

router = DefaultRouter()
# core
router.register("sectors", core.SectorViewSet, basename="sector")
router.register("organisations", core.OrganisationViewSet, basename="organisation")
# catalogue
router.register("profiles", catalogue.ProfileViewSet, basename="profile")
router.register("revisions", catalogue.RevisionViewSet, basename="revision")
router.register(
    r"profiles/(?P<ref>[^/.]+)/translations",
    catalogue.ProfileTranslationViewSet,
    basename="profile-translation",
)
router.register("saved-searches", searches.SavedSearchViewSet, basename="saved-search")
router.register("stars", searches.StarViewSet, basename="star")
# core: membership
router.register("membership-requests", core.MembershipRequestViewSet, basename="membership-request")
router.register("members", core.MemberViewSet, basename="member")
router.register("notifications", core.NotificationViewSet, basename="notification")
# brokerage
router.register("interests", brokerage.InterestViewSet, basename="interest")
router.register("deals", brokerage.DealViewSet, basename="deal")
router.register("messages", brokerage.MessageViewSet, basename="message")
router.register("agreements", brokerage.AgreementViewSet, basename="agreement")
router.register("network-matches", brokerage.NetworkMatchViewSet, basename="network-match")
# events
router.register("events", events.EventViewSet, basename="event")
router.register("event-requests", events.MeetingRequestViewSet, basename="event-request")
router.register("event-meetings", events.MeetingViewSet, basename="event-meeting")
router.register("event-sessions", events_ops.EventSessionViewSet, basename="event-session")
router.register("event-follow-ups", events_ops.FollowUpViewSet, basename="event-follow-up")
# programmes
router.register("programmes/programmes", programmes.ProgrammeViewSet, basename="programme")
router.register("programmes/calls", programmes.CallViewSet, basename="call")
router.register("programmes/applications", programmes.ApplicationViewSet, basename="application")
router.register("programmes/reviews", programmes.ReviewViewSet, basename="programme-review")
router.register("programmes/placements", programmes.PlacementViewSet, basename="placement")
router.register("programmes/runs", programmes_round.RunViewSet, basename="programme-run")
router.register("programmes/hosts", programmes_round.HostViewSet, basename="programme-host")
router.register(
    "programmes/sessions", programmes_round.SessionViewSet, basename="programme-session"
)
router.register(
    "programmes/trainees", programmes_round.TraineeViewSet, basename="programme-trainee"
)
router.register(
    "programmes/certificates", programmes_round.CertificateViewSet, basename="certificate"
)
# talents
router.register("talents", talents.TalentViewSet, basename="talent")
router.register("talent-consultations", talents.ConsultationViewSet, basename="talent-consultation")
router.register("abstract-calls", abstracts.AbstractCallViewSet, basename="abstract-call")
router.register("abstracts", abstracts.AbstractViewSet, basename="abstract")
# campaigns
router.register("campaigns", campaigns.CampaignViewSet, basename="campaign")
# competitions
router.register("competitions", competitions.CompetitionViewSet, basename="competition")
router.register("competition-entries", competitions.EntryViewSet, basename="competition-entry")
router.register("competition-stages", competitions.StageViewSet, basename="competition-stage")
router.register(
    "competition-assignments", competitions.AssignmentViewSet, basename="competition-assignment"
)
router.register("competition-camps", competitions.CampViewSet, basename="competition-camp")
# network
router.register("network/members", network.MemberViewSet, basename="network-member")
router.register("network/joint-labs", network.JointLabViewSet, basename="network-joint-lab")
router.register(
    "network/science-parks", network.ScienceParkViewSet, basename="network-science-park"
)
router.register("network/mechanisms", network.MechanismViewSet, basename="network-mechanism")
router.register("network/platforms", network.PlatformViewSet, basename="network-platform")
# insights: open data
router.register("open/profiles", insights.OpenProfileViewSet, basename="open-profile")
router.register("open/events", insights.OpenEventViewSet, basename="open-event")
# integrations: personal API tokens, webhooks
router.register("tokens", integrations.ApiTokenViewSet, basename="api-token")
router.register("webhooks", integrations.WebhookViewSet, basename="webhook")
router.register("deliveries", integrations.DeliveryViewSet, basename="webhook-delivery")

urlpatterns = [
    path("v1/", include(router.urls)),
    # catalogue
    path("v1/quality/", catalogue.QualityView.as_view(), name="api-quality"),
    path(
        "v1/translations/missing/",
        catalogue.MissingTranslationsView.as_view(),
        name="api-translations-missing",
    ),
    # matching
    path("v1/search/", matching.SearchView.as_view(), name="api-search"),
    path(
        "v1/profiles/<str:ref>/matches/",
        matching.ProfileMatchesView.as_view(),
        name="api-profile-matches",
    ),
    path(
        "v1/matches/<int:pk>/feedback/",
        matching.MatchFeedbackView.as_view(),
        name="api-match-feedback",
    ),
    # brokerage
    path("v1/inbox/", brokerage.InboxView.as_view(), name="api-inbox"),
    path(
        "v1/messages/<int:pk>/translation/",
        brokerage.MessageTranslationView.as_view(),
        name="api-message-translation",
    ),
    path(
        "v1/decline-reasons/",
        brokerage.DeclineReasonCountsView.as_view(),
        name="api-decline-reasons",
    ),
    # insights
    path("v1/open/statistics/", insights.OpenStatisticsView.as_view(), name="api-open-statistics"),
    path("v1/insights/kpis/", insights.KpiView.as_view(), name="api-insights-kpis"),
    # import and export (docs/import-export.md)
    path(
        "v1/imports/<str:dataset>/check/",
        transfer.ImportCheckView.as_view(),
        name="api-import-check",
    ),
    path("v1/imports/<str:dataset>/", transfer.ImportView.as_view(), name="api-import"),
    path(
        "v1/imports/<str:dataset>/template/<str:fmt>/",
        transfer.TemplateView.as_view(),
        name="api-import-template",
    ),
    path("v1/import-jobs/<int:pk>/", transfer.ImportJobView.as_view(), name="api-import-job"),
    path(
        "v1/import-jobs/<int:pk>/commit/",
        transfer.ImportJobCommitView.as_view(),
        name="api-import-job-commit",
    ),
    path("v1/exports/<str:dataset>/<str:fmt>/", transfer.ExportView.as_view(), name="api-export"),
    # integrations
    path(
        "v1/webhooks/<int:pk>/deliveries/",
        integrations.DeliveryListView.as_view(),
        name="api-webhook-deliveries",
    ),
    # the schema (generated once per language and release, then cached) and its pages
    path("schema/", CachedSchemaView.as_view(), name="schema"),
    # The split view serves Swagger UI's start script as a file (no inline script for the CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
]
