from django.urls import path

from lintas.talents import abstract_views, views

app_name = "talents"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/", views.mine, name="mine"),
    path("me/publications/", views.add_publication, name="add_publication"),
    path("me/publications/import/", views.import_publications, name="import_publications"),
    path("me/biography/", views.bio_translation, name="bio_translation"),
    path("me/photo/", views.set_photo, name="set_photo"),
    path(
        "me/biography/<int:pk>/delete/", views.delete_bio_translation, name="delete_bio_translation"
    ),
    path("me/publications/<int:pk>/delete/", views.delete_publication, name="delete_publication"),
    path("for-call/<slug:slug>/", views.call_experts, name="call_experts"),
    path("consultations/", views.consultation_list, name="consultations"),
    path("consultations/<int:pk>/", views.consultation, name="consultation"),
    path(
        "consultations/<int:pk>/messages/",
        views.consultation_message,
        name="consultation_message",
    ),
    path(
        "consultations/<int:pk>/<str:action>/",
        views.consultation_action,
        name="consultation_action",
    ),
    path("calls/", abstract_views.call_list, name="abstract_calls"),
    path("calls/new/", abstract_views.call_create, name="abstract_call_create"),
    path("calls/<int:pk>/", abstract_views.call_detail, name="abstract_call"),
    path(
        "calls/<int:pk>/programme.ics", abstract_views.programme_ics, name="abstract_programme_ics"
    ),
    path("calls/<int:pk>/<str:action>/", abstract_views.call_action, name="abstract_call_action"),
    path("abstracts/<int:pk>/", abstract_views.abstract_detail, name="abstract"),
    path(
        "abstracts/<int:pk>/<str:action>/",
        abstract_views.abstract_action,
        name="abstract_action",
    ),
    path("<slug:slug>/consult/", views.consult, name="consult"),
    path("<slug:slug>/photo/", views.photo, name="photo"),
    path("<slug:slug>/", views.detail, name="detail"),
]
