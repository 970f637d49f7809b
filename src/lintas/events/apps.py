from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "lintas.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from lintas.demo.loader import EXTRA_LOADERS
        from lintas.events.demo import load_events

        if load_events not in EXTRA_LOADERS:
            EXTRA_LOADERS.append(load_events)
