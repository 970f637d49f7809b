from django.urls import path

from lintas.competitions.views import camp, entrant, judge, officer, public, setup

app_name = "competitions"
urlpatterns = [
    path("", public.index, name="index"),
    path("mine/", entrant.mine, name="mine"),
    path("new/", setup.create, name="create"),
    path("stages/<int:pk>/edit/", setup.stage_edit, name="stage_edit"),
    path("stages/<int:pk>/", officer.stage, name="stage"),
    path("stages/<int:pk>/judges/", officer.add_judge, name="add_judge"),
    path("stages/<int:pk>/assign/", officer.assign, name="assign"),
    path("stages/<int:pk>/decide/", officer.decide, name="decide"),
    path("stages/<int:pk>/schedule/", officer.schedule, name="schedule"),
    path("stages/<int:pk>/judge/", judge.my_entries, name="judge"),
    path("stages/<int:pk>/agenda/", public.agenda, name="agenda"),
    path("stages/<int:pk>/agenda.ics", public.agenda_ics, name="agenda_ics"),
    path("assignments/<int:pk>/score/", judge.score, name="score"),
    path("entries/<int:pk>/", entrant.entry, name="entry"),
    path("entries/<int:pk>/edit/", entrant.edit, name="entry_edit"),
    path("entries/<int:pk>/withdraw/", entrant.withdraw, name="entry_withdraw"),
    path("entries/<int:pk>/files/<str:which>/", entrant.entry_file, name="entry_file"),
    path("entries/<int:pk>/conflict/", judge.declare_conflict, name="conflict"),
    path("camps/<int:pk>/", camp.camp, name="camp"),
    path("<slug:slug>/", public.detail, name="detail"),
    path("<slug:slug>/enter/", entrant.enter, name="enter"),
    path("<slug:slug>/results/", public.results, name="results"),
    path("<slug:slug>/manage/", officer.manage, name="manage"),
    path("<slug:slug>/setup/", setup.setup, name="setup"),
    path("<slug:slug>/figures/", officer.figures, name="figures"),
]
