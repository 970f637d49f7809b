from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "lintas.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from lintas.core.context_processors import NAV_EXTRAS
        from lintas.core.domain.stats import FIGURE_PROVIDERS
        from lintas.demo.loader import EXTRA_LOADERS
        from lintas.events.demo import load_events
        from lintas.events.domain.outcome import figures

        NAV_EXTRAS.append(("events:list", _("Events"), lambda user: True))
        if figures not in FIGURE_PROVIDERS:
            FIGURE_PROVIDERS.append(figures)
        if load_events not in EXTRA_LOADERS:
            EXTRA_LOADERS.append(load_events)
