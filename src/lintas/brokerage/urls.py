from django.urls import path

from lintas.brokerage import inbox_views, match_views, translation_views, views

app_name = "brokerage"
urlpatterns = [
    path("", views.deal_list, name="deals"),
    path("inbox/", inbox_views.inbox_page, name="inbox"),
    path("matches/", match_views.match_list, name="matches"),
    path("matches/new/", match_views.manual_match, name="manual_match"),
    path("matches/<int:pk>/<str:action>/", match_views.match_action, name="match_action"),
    path("board/", views.board, name="board"),
    path("interest/<str:ref>/", views.interest_create, name="interest"),
    path("<int:pk>/", views.deal_detail, name="deal"),
    path("<int:pk>/update/", views.deal_update, name="deal_update"),
    path("<int:pk>/messages/", views.message_post, name="message_post"),
    path("<int:pk>/<str:answer>/", views.deal_respond, name="deal_respond"),
    path("messages/<int:pk>/file/", views.message_file, name="message_file"),
    path(
        "messages/<int:pk>/translate/",
        translation_views.message_translate,
        name="message_translate",
    ),
    path("agreements/", views.agreement_list, name="agreements"),
    path("agreements/new/", views.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/document/", views.agreement_document, name="agreement_document"),
]
