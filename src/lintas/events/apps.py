from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "lintas.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from lintas.events import receivers  # noqa: F401 (connects the signal receivers)
