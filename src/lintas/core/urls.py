from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from lintas.core import (
    account_views,
    membership_views,
    notification_views,
    organisation_views,
    views,
)
from lintas.core.forms import QuietPasswordResetForm

app_name = "core"
urlpatterns = [
    path("organisations/", views.organisation_list, name="organisations"),
    path(
        "organisations/<slug:slug>/edit/",
        organisation_views.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisations/<slug:slug>/delete/",
        organisation_views.organisation_delete,
        name="organisation_delete",
    ),
    path(
        "organisations/<slug:slug>/members/",
        membership_views.organisation_members,
        name="organisation_members",
    ),
    path("account/organisation/", membership_views.my_organisation, name="members"),
    path(
        "account/organisation-search/",
        membership_views.organisation_search,
        name="organisation_search",
    ),
    path("account/memberships/", membership_views.membership_queue, name="membership_queue"),
    path(
        "account/memberships/request/",
        membership_views.membership_request,
        name="membership_request",
    ),
    path(
        "account/memberships/<int:pk>/cancel/",
        membership_views.membership_cancel,
        name="membership_cancel",
    ),
    path(
        "account/memberships/<int:pk>/<str:decision>/",
        membership_views.membership_decide,
        name="membership_decide",
    ),
    path(
        "account/members/<int:pk>/<str:action>/",
        membership_views.member_action,
        name="member_action",
    ),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path(
        "notifications/read-all/",
        notification_views.notification_mark_all,
        name="notifications_read_all",
    ),
    path("notifications/<int:pk>/", notification_views.notification_open, name="notification_open"),
    path(
        "notifications/<int:pk>/<str:state>/",
        notification_views.notification_mark,
        name="notification_mark",
    ),
    path("account/signup/", views.signup, name="signup"),
    path("account/verify/<uidb64>/<token>/", views.verify, name="verify"),
    path("account/settings/", views.account_settings, name="account"),
    path(
        "account/verify/resend/",
        account_views.resend_verification,
        name="resend_verification",
    ),
    path("account/password/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path("account/login/", account_views.LoginView.as_view(), name="login"),
    path("account/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "account/password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="core/password_reset.html",
            success_url=reverse_lazy("core:password_reset_done"),
            email_template_name="core/password_reset_email.txt",
            form_class=QuietPasswordResetForm,
            subject_template_name="core/password_reset_subject.txt",
            extra_email_context={"SITE_URL": settings.SITE_URL},
        ),
        name="password_reset",
    ),
    path(
        "account/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="core/message.html", extra_context={"message_key": "reset_sent"}
        ),
        name="password_reset_done",
    ),
    path(
        "account/reset/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="core/message.html", extra_context={"message_key": "reset_done"}
        ),
        name="password_reset_complete",
    ),
]
