from django.urls import path

from lintas.programmes.views import applicant, officer, public, reviewer, training

app_name = "programmes"
urlpatterns = [
    path("", public.programme_list, name="index"),
    path("alumni/", public.alumni, name="alumni"),
    path("mine/", applicant.mine, name="mine"),
    path("workspace/", officer.workspace, name="workspace"),
    path("placements/", officer.placement_list, name="placements"),
    path("placements/<int:pk>/", applicant.placement_detail, name="placement"),
    path("placements/<int:pk>/reports/<int:report>/", applicant.report_file, name="report_file"),
    path("placements/<int:pk>/status/", officer.placement_status, name="placement_status"),
    path("extensions/<int:pk>/decide/", officer.extension_decide, name="extension_decide"),
    path("calls/<slug:slug>/", public.call_detail, name="call"),
    path("calls/<slug:slug>/apply/", applicant.apply, name="apply"),
    path("calls/<slug:slug>/manage/", officer.call_manage, name="manage"),
    path("calls/<slug:slug>/assign-reviewers/", officer.assign_reviewers, name="assign"),
    path("calls/<slug:slug>/match-hosts/", officer.match_hosts, name="match"),
    path("applications/<int:pk>/", applicant.application_detail, name="application"),
    path("applications/<int:pk>/documents/", applicant.application_document, name="document"),
    path(
        "applications/<int:pk>/documents/<int:document>/",
        applicant.document_file,
        name="document_file",
    ),
    path("applications/<int:pk>/submit/", applicant.application_submit, name="submit"),
    path("applications/<int:pk>/decide/", officer.decide, name="decide"),
    path("applications/<int:pk>/conflict/", reviewer.declare_conflict, name="conflict"),
    path("reviews/<int:pk>/", reviewer.review_form, name="review"),
    path("training/sessions/<int:pk>/attendance/", training.attendance, name="attendance"),
    path("training/participants/<int:pk>/certificate/", training.certificate, name="certificate"),
    path("training/<slug:slug>/", training.training_overview, name="training"),
    path("<slug:slug>/", public.programme_detail, name="programme"),
]
