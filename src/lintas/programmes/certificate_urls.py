"""The public verification page of certificates: /certificates/<number>/ (src/lintas/urls.py)."""

from django.urls import path

from lintas.programmes.views import rounds

app_name = "certificates"
urlpatterns = [path("<str:number>/", rounds.certificate_verify, name="verify")]
