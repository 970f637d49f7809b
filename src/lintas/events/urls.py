from django.urls import path

from lintas.events.views import desk, manage, organiser, participants, public

app_name = "events"
urlpatterns = [
    path("", public.event_list, name="list"),
    path("new/", public.event_create, name="create"),
    path("<slug:slug>/", public.event_detail, name="detail"),
    path("<slug:slug>/edit/", manage.event_edit, name="edit"),
    path("<slug:slug>/unpublish/", manage.event_unpublish, name="unpublish"),
    path("<slug:slug>/cancel/", manage.event_cancel, name="cancel"),
    path("<slug:slug>/sessions/new/", public.session_add, name="session_add"),
    path("<slug:slug>/sessions/<int:pk>/edit/", manage.session_edit, name="session_edit"),
    path("<slug:slug>/sessions/<int:pk>/remove/", manage.session_remove, name="session_remove"),
    path("<slug:slug>/registrations/", manage.registrations, name="registrations"),
    path("<slug:slug>/walk-in/", manage.walk_in, name="walk_in"),
    path("<slug:slug>/register/", public.register, name="register"),
    path("<slug:slug>/participants/", participants.participant_list, name="participants"),
    path(
        "<slug:slug>/participants/<int:pk>/<str:action>/",
        organiser.participant_decide,
        name="participant_decide",
    ),
    path("<slug:slug>/requests/", participants.request_list, name="requests"),
    path("<slug:slug>/requests/new/", participants.request_create, name="request_create"),
    path(
        "<slug:slug>/requests/<int:pk>/<str:action>/",
        participants.request_action,
        name="request_action",
    ),
    path("<slug:slug>/agenda/", participants.agenda, name="agenda"),
    path("<slug:slug>/agenda/print/", participants.agenda_print, name="agenda_print"),
    path("<slug:slug>/agenda.ics", participants.agenda_ics, name="agenda_ics"),
    path("<slug:slug>/meetings/<int:pk>/rate/", participants.meeting_rate, name="meeting_rate"),
    path(
        "<slug:slug>/meetings/<int:pk>/<str:action>/",
        organiser.meeting_action,
        name="meeting_action",
    ),
    path("<slug:slug>/schedule/", organiser.schedule, name="schedule"),
    path("<slug:slug>/schedule/run/", organiser.schedule_run, name="schedule_run"),
    path("<slug:slug>/plan/", organiser.plan, name="plan"),
    path("<slug:slug>/plan/<int:slot_id>/", desk.plan_slot, name="plan_slot"),
    path("<slug:slug>/checkin/", desk.checkin, name="checkin"),
    path("<slug:slug>/checkin/counts/", desk.checkin_counts, name="checkin_counts"),
    path("<slug:slug>/agendas/", desk.agendas_print, name="agendas_print"),
    path("<slug:slug>/agendas/<int:pk>/", desk.participant_agenda, name="participant_agenda"),
    path("<slug:slug>/follow-up/<int:pk>/", participants.follow_up_answer, name="follow_up"),
    path("<slug:slug>/outcome/", organiser.outcome_report, name="outcome"),
]
