from django.urls import path

from lintas.catalogue import review_views, search_views, translation_views, views

app_name = "catalogue"
urlpatterns = [
    path("offers/", views.profile_list, {"kind": "offer"}, name="offers"),
    path("needs/", views.profile_list, {"kind": "need"}, name="needs"),
    path("offers/new/", views.profile_create, {"kind": "offer"}, name="offer_create"),
    path("needs/new/", views.profile_create, {"kind": "need"}, name="need_create"),
    path("profiles/quality/", views.quality_hints, name="quality"),
    path("profiles/queue/", views.validation_queue, name="queue"),
    path("profiles/revisions/", review_views.revision_queue, name="revisions"),
    path(
        "profiles/translations/missing/",
        translation_views.missing_translations,
        name="translations_missing",
    ),
    path("profiles/revisions/<int:pk>/", review_views.revision_detail, name="revision"),
    path(
        "profiles/revisions/<int:pk>/<str:decision>/",
        review_views.revision_decide,
        name="revision_decide",
    ),
    path("searches/", search_views.saved_search_list, name="saved_searches"),
    path(
        "searches/new/<str:kind>/",
        search_views.saved_search_create,
        name="saved_search_create",
    ),
    path("searches/<int:pk>/", search_views.saved_search_detail, name="saved_search"),
    path(
        "searches/<int:pk>/delete/",
        search_views.saved_search_delete,
        name="saved_search_delete",
    ),
    path("searches/unsubscribe/<str:token>/", search_views.unsubscribe, name="unsubscribe"),
    path("starred/", search_views.starred_list, name="starred"),
    path("p/<str:ref>/star/", search_views.star_toggle, name="star"),
    path("p/<str:ref>/", views.profile_detail, name="profile"),
    path("p/<str:ref>/edit/", views.profile_edit, name="profile_edit"),
    path("p/<str:ref>/attach/", views.profile_attach, name="profile_attach"),
    path("p/<str:ref>/history/", views.profile_history, name="profile_history"),
    path("p/<str:ref>/files/<int:pk>/", views.attachment_download, name="attachment"),
    path("p/<str:ref>/translations/", translation_views.translation_list, name="translations"),
    path(
        "p/<str:ref>/translations/<str:language>/",
        translation_views.translation_edit,
        name="translation_edit",
    ),
    path(
        "p/<str:ref>/translations/<str:language>/delete/",
        translation_views.translation_delete,
        name="translation_delete",
    ),
    path("p/<str:ref>/<str:action>/", views.profile_action, name="profile_action"),
]
