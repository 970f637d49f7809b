from django.urls import path

from lintas.ops import views

app_name = "ops"
urlpatterns = [
    path("", views.index, name="transfer"),
    path("import/", views.upload, name="import"),
    path("imports/<int:pk>/", views.job, name="import_job"),
    path("imports/<int:pk>/commit/", views.commit, name="import_commit"),
    path("export/<str:dataset>.<str:fmt>", views.download, name="export"),
    path("template/<str:dataset>.<str:fmt>", views.template_file, name="template"),
]
